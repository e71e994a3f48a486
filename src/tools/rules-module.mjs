// The virtual module `ccdoctor:rules`: every rule file of rules/ (rules/*.ts; site rules in rules/site/*.ts;
// helpers live in rules/lib/),
// found when the code is built, so a new rule is one new file and nothing else. The esbuild plugin serves
// it to the bundle (build.mjs, benchmarks), the Vite plugin to vitest; src/catalogue/rules-module.d.ts
// declares it for tsc. src/catalogue/build.ts checks what the files hold.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RULES_MODULE = 'ccdoctor:rules';
/** `ccdoctor:rule-count`: how many rules/*.ts there are (the wizard's first frame shows it before it loads the rules). */
export const RULE_COUNT_MODULE = 'ccdoctor:rule-count';

/** The rule files, relative to the project root ("rules/x.ts"; "rules/site/x.ts" with dir 'rules/site'), sorted by name. */
export function ruleFiles(root, dir = 'rules') {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT' && dir !== 'rules') return [];
    throw e;
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

/** JavaScript of the module: each file's default export, with the file it came from. */
export function rulesModuleSource(root, specifier = (file) => `./${file}`) {
  const files = ruleFiles(root);
  const site = ruleFiles(root, 'rules/site');
  const all = [...files, ...site];
  const imports = all.map((f, i) => `import * as r${i} from ${JSON.stringify(specifier(f))};`);
  const entry = (f) => `  { file: ${JSON.stringify(f)}, rule: r${all.indexOf(f)}.default },`;
  return `${imports.join('\n')}\nexport const RULE_FILES = [\n${files.map(entry).join('\n')}\n];\nexport const SITE_RULE_FILES = [\n${site.map(entry).join('\n')}\n];\n`;
}

/** JavaScript of `ccdoctor:rule-count` (each rule file holds one rule: src/core/rules/catalogue.ts checks it). */
export function ruleCountSource(root) {
  return `export const RULE_COUNT = ${ruleFiles(root).length};\n`;
}

/** For esbuild (build.mjs and the benchmarks). */
export function rulesEsbuildPlugin(root) {
  return {
    name: 'ccdoctor-rules',
    setup(b) {
      b.onResolve({ filter: /^ccdoctor:(rules|rule-count)$/ }, (args) => ({ path: args.path, namespace: 'ccdoctor-rules' }));
      b.onLoad({ filter: /.*/, namespace: 'ccdoctor-rules' }, (args) => ({
        contents: args.path === RULE_COUNT_MODULE ? ruleCountSource(root) : rulesModuleSource(root),
        resolveDir: root,
        loader: 'js',
        watchDirs: [join(root, 'rules'), join(root, 'rules', 'site')],
      }));
    },
  };
}

/** For Vite/vitest. */
export function rulesVitePlugin(root) {
  const resolved = `\0${RULES_MODULE}`;
  const count = `\0${RULE_COUNT_MODULE}`;
  return {
    name: 'ccdoctor-rules',
    enforce: 'pre',
    resolveId(id) {
      return id === RULES_MODULE ? resolved : id === RULE_COUNT_MODULE ? count : undefined;
    },
    load(id) {
      if (id === count) return ruleCountSource(root);
      return id === resolved ? rulesModuleSource(root, (f) => join(root, f)) : undefined;
    },
  };
}
