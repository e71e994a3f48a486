// Bundles the CLI into dist/ for a fast start: one file for the plain path; the wizard (Ink/React) is a
// separate chunk loaded only when the interactive UI starts.
import { build } from 'esbuild';
import { readFileSync, rmSync, chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  minifySyntax: true,
  define: { __CCDOCTOR_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
chmodSync(join(root, 'dist', 'cli.js'), 0o755);
