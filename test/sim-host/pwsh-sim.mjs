#!/usr/bin/env node
// The "powershell" that ccdoctor starts in the simulated-host tests: real pwsh, prepared as the host of a
// model (enter-sim.ps1), with stdin passed through and stdout passed back line by line. Paths under the
// sandbox folder (CCD_SIM_ROOT/C/...) are shown as the host's own (C:\...), so ccdoctor sees the Windows
// paths a real host gives; enter-sim.ps1 adds exact substitutions with a first '#ccdsim:map' line.
//
//   CCD_SIM_PWSH   the pwsh executable
//   CCD_SIM_MODEL  the host model (JSON), CCD_SIM_ROOT the sandbox folder holding C/
// Arguments are ccdoctor's (-NoProfile … -Command -), or `-File collect.ps1 ARGS…` to run a script.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.CCD_SIM_ROOT ?? '';
const args = process.argv.slice(2);
const fileAt = args.indexOf('-File');
const extra = fileAt >= 0 ? args.slice(fileAt + 1) : [];
const child = spawn(process.env.CCD_SIM_PWSH ?? 'pwsh', ['-NoProfile', '-NonInteractive', '-File', join(here, 'enter-sim.ps1'), ...extra], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
process.stdin.pipe(child.stdin);
child.stdin.on('error', () => {});

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sandbox = root ? new RegExp(`${escapeRe(root)}/C(/[^"\\n;]*)?`, 'g') : undefined;
const subs = [];
const toWindows = (json) => (line) => {
  let out = line;
  for (const [from, to] of subs) out = out.split(json ? JSON.stringify(from).slice(1, -1) : from).join(json ? JSON.stringify(to).slice(1, -1) : to);
  if (sandbox) out = out.replace(sandbox, (_m, rest) => {
    const p = `C:${(rest ?? '').replace(/\//g, '\\')}`;
    return json ? p.replace(/\\/g, '\\\\') : p;
  });
  return out;
};
const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.startsWith('#ccdsim:map ')) {
    for (const [from, to] of Object.entries(JSON.parse(line.slice('#ccdsim:map '.length)))) if (from) subs.push([from, to]);
    return;
  }
  process.stdout.write(`${toWindows(line.startsWith('#ccdoctor:'))(line)}\n`);
});
let exited;
let closed = false;
const finish = () => {
  if (!exited || !closed) return;
  if (exited.signal) process.kill(process.pid, exited.signal);
  else process.stdout.write('', () => process.exit(exited.code ?? 1));
};
rl.on('close', () => {
  closed = true;
  finish();
});
child.on('exit', (code, signal) => {
  exited = { code, signal };
  finish();
});
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => child.kill(s));
