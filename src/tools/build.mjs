// Bundles the CLI into dist/ for a fast start: one file for the plain path; the wizard (Ink/React) is a
// separate chunk loaded only when the interactive UI starts.
import { build } from 'esbuild';
import { readFileSync, rmSync, chmodSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Build into a private folder and swap it in, so a test running the CLI never sees a half-written dist/.
const out = `dist.${process.pid}.tmp`;
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // zod and ini are bundled (zod's many modules cost ~100 ms to resolve and load at start-up); the UI
  // stack and the heavy optional tools stay external and load only on their own paths.
  external: ['ink', 'ink-*', 'react', 'react/*', 'react-reconciler', 'execa', 'web-tree-sitter', 'tree-sitter-powershell', 'playwright-core'],
  minify: true,
  keepNames: false,
  define: { __CCDOCTOR_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
chmodSync(join(root, out, 'cli.js'), 0o755);
rmSync(join(root, 'dist'), { recursive: true, force: true });
renameSync(join(root, out), join(root, 'dist'));
