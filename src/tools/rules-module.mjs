// The virtual module `ccdoctor:rules`: every rule file of rules/ (rules/*.ts; helpers live in rules/lib/),
// found when the code is built, so a new rule is one new file and nothing else. The esbuild plugin serves
// it to the bundle (build.mjs, benchmarks), the Vite plugin to vitest; src/catalogue/rules-module.d.ts
// declares it for tsc. src/catalogue/build.ts checks what the files hold.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RULES_MODULE = 'ccdoctor:rules';

/** The rule files, relative to the project root ("rules/x.ts"), sorted by name. */
export function ruleFiles(root) {
  return readdirSync(join(root, 'rules'), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => `rules/${e.name}`)
    .sort();
}

/** JavaScript of the module: each file's default export, with the file it came from. */
export function rulesModuleSource(root, specifier = (file) => `./${file}`) {
  const files = ruleFiles(root);
  const imports = files.map((f, i) => `import * as r${i} from ${JSON.stringify(specifier(f))};`);
  const entries = files.map((f, i) => `  { file: ${JSON.stringify(f)}, rule: r${i}.default },`);
  return `${imports.join('\n')}\nexport const RULE_FILES = [\n${entries.join('\n')}\n];\n`;
}

/** For esbuild (build.mjs and the benchmarks). */
export function rulesEsbuildPlugin(root) {
  return {
    name: 'ccdoctor-rules',
    setup(b) {
      b.onResolve({ filter: /^ccdoctor:rules$/ }, () => ({ path: RULES_MODULE, namespace: 'ccdoctor-rules' }));
      b.onLoad({ filter: /.*/, namespace: 'ccdoctor-rules' }, () => ({
        contents: rulesModuleSource(root),
        resolveDir: root,
        loader: 'js',
        watchDirs: [join(root, 'rules')],
      }));
    },
  };
}

/** For Vite/vitest. */
export function rulesVitePlugin(root) {
  const resolved = `\0${RULES_MODULE}`;
  return {
    name: 'ccdoctor-rules',
    enforce: 'pre',
    resolveId(id) {
      return id === RULES_MODULE ? resolved : undefined;
    },
    load(id) {
      return id === resolved ? rulesModuleSource(root, (f) => join(root, f)) : undefined;
    },
  };
}
