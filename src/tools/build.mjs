// Builds dist/ for a fast start:
//   dist/cli.js     the executable: a small CommonJS loader (src/cli-loader.cjs)
//   dist/core.js    every command, one CommonJS bundle (zod and ini inside), run through V8's code cache
//   dist/core.cache that code cache, made here by running the demo check once
//   dist/ui.js      the wizard with Ink and React inside (production build), run only when the wizard
//                   starts, through its code cache too
//   dist/ui.cache   that code cache, made here by painting the wizard's home screen once
import { build } from 'esbuild';
import { wizardScript, WIZARD_EXTERNAL } from './wizard-bundle.mjs';
import { copyFileSync, readFileSync, rmSync, chmodSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { rulesEsbuildPlugin } from './rules-module.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Build into a private folder and swap it in, so a test running the CLI never sees a half-written dist/.
const out = join(root, `dist.${process.pid}.tmp`);
mkdirSync(out, { recursive: true });
const external = ['ink', 'ink-*', 'react', 'react/*', 'react-reconciler', 'execa', 'web-tree-sitter', 'tree-sitter-powershell', 'playwright-core'];
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  external,
  define: { __CCDOCTOR_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  // `ccdoctor:rules`: every rules/*.ts, found now (a new rule is one new file).
  plugins: [rulesEsbuildPlugin(root)],
};
// The wizard is not part of the core bundle: the loader gives main.ts the wizard's own (load-wizard.ts).
const wizardOutside = {
  name: 'wizard-outside',
  setup(b) {
    b.onResolve({ filter: /\/ui\/run\.js$/ }, () => ({ path: 'wizard', namespace: 'wizard-outside' }));
    b.onLoad({ filter: /.*/, namespace: 'wizard-outside' }, () => ({
      contents: "throw new Error('the wizard is dist/ui.js, which dist/cli.js loads');",
      loader: 'js',
    }));
  },
};
await build({
  ...common,
  entryPoints: { core: 'src/cli/main.ts' },
  outdir: out,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__ccdoctor_import_meta.url' },
  plugins: [...common.plugins, wizardOutside],
});
// ASCII only, so dist/cli.js reads the bundles as latin1: one-byte strings without UTF-8 decoding (a single
// non-ASCII character makes V8 hold a whole bundle as two bytes a character). What esbuild leaves are
// characters in regular expression literals, where \uXXXX means the same character.
const asciiOnly = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const coreFile = join(out, 'core.js');
writeFileSync(coreFile, asciiOnly(readFileSync(coreFile, 'utf8')));
// One script, the body of an async function the loader calls (wizard-bundle.mjs: wizardScript); its entry
// hands runWizard over. run.ts sets the colour environment before its dynamic import of the screens
// initialises Ink (chalk reads the environment once, when it is initialised).
const wizard = wizardScript(['execa', 'web-tree-sitter', 'tree-sitter-powershell', 'playwright-core', ...WIZARD_EXTERNAL]);
const ui = await build({
  ...common,
  ...wizard,
  stdin: {
    contents: "import { runWizard } from './src/ui/run.ts'; __ccdoctor_exports.runWizard = runWizard;",
    resolveDir: root,
    sourcefile: 'ui-entry.js',
    loader: 'js',
  },
  write: false,
  // Everything inside, but the packages above, which the script reaches with require().
  external: [],
  define: { ...common.define, ...wizard.define },
  plugins: [...common.plugins, ...wizard.plugins],
});
writeFileSync(join(out, 'ui.js'), asciiOnly(ui.outputFiles[0].text));
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
copyFileSync(join(root, 'src', 'cli-loader.cjs'), join(out, 'cli.js'));
chmodSync(join(out, 'cli.js'), 0o755);

const env = { ...process.env, CCDOCTOR_WRITE_CODE_CACHE: '1', NODE_OPTIONS: '' };
const cache = spawnSync(process.execPath, [join(out, 'cli.js'), 'check', '--snapshot', join(root, 'snapshots', 'demo.json'), '--format', 'json'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (cache.status !== 0 && cache.status !== 1) {
  process.stderr.write(`build: the code cache of core.js was not made (the CLI exited ${cache.status}); ccdoctor works, but starts slower\n${cache.stderr}`);
}
const uiCache = spawnSync(process.execPath, [join(root, 'src', 'tools', 'ui-code-cache.mjs'), join(out, 'cli.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
if (uiCache.status !== 0) {
  process.stderr.write(`build: the code cache of ui.js was not made (exit ${uiCache.status}); the wizard works, but starts slower\n${uiCache.stderr}`);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
renameSync(out, join(root, 'dist'));
