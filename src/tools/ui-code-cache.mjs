// Makes dist/ui.cache, the code cache of the wizard's script (see src/cli-loader.cjs): runs the script as
// the loader does, paints the wizard's home screen once into an 80x24 terminal of memory, and writes what
// V8 compiled up to then (the code the next start needs before its first frame).
// Run by build.mjs: node src/tools/ui-code-cache.mjs <folder being built>/cli.js
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';

// Ink paints frames only in a terminal outside CI, in colour as most terminals are.
for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k === 'NO_COLOR') delete process.env[k];
process.env.TERM = 'xterm-256color';
process.env.FORCE_COLOR = '1';

const { openWizard } = createRequire(import.meta.url)(resolve(process.argv[2]));
const ui = await openWizard();
const timer = setTimeout(() => {
  process.stderr.write('ui-code-cache: the wizard painted nothing within 30 s\n');
  process.exit(1);
}, 30_000);
// Ink writes a frame in one piece: the first write is the home screen.
const stdout = new Writable({
  write(chunk, _encoding, done) {
    done();
    if (String(chunk).trim() === '') return;
    clearTimeout(timer);
    setImmediate(() => {
      ui.writeCache();
      process.exit(0);
    });
  },
});
Object.assign(stdout, { isTTY: true, columns: 80, rows: 24 });
const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
await ui.exports.runWizard({ stdout, stderr, stdin: new PassThrough(), env: process.env, cwd: process.cwd() });
