// Runs inside the pseudo-terminal that test/e2e/terminal.ts opens: starts `node ARGS...` with its standard
// input on the terminal and its standard output and error on the terminal or in files (as a shell's
// `> out 2> err` would), waits for it and exits with its exit code. Plain Node, no shell: works the same
// under a Unix pty and under Windows' ConPTY.
//
//   node pty-child.mjs STDOUT STDERR ARGS...    (STDOUT, STDERR: a file path, or - for the terminal)
import { spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { constants } from 'node:os';

const [stdoutTo, stderrTo, ...args] = process.argv.slice(2);
if (stdoutTo === undefined || stderrTo === undefined || args.length === 0) {
  process.stderr.write('usage: node pty-child.mjs STDOUT|- STDERR|- ARGS...\n');
  process.exit(2);
}
const out = stdoutTo === '-' ? 'inherit' : openSync(stdoutTo, 'w');
const err = stderrTo === '-' ? 'inherit' : stderrTo === stdoutTo ? out : openSync(stderrTo, 'w');
const r = spawnSync(process.execPath, args, { stdio: ['inherit', out, err] });
if (r.error) {
  process.stderr.write(`pty-child: ${r.error.message}\n`);
  process.exit(125);
}
// A child ended by a signal reports it as a shell would: 128 + the signal's number.
process.exit(r.status ?? 128 + ((r.signal && constants.signals[r.signal]) || 1));
