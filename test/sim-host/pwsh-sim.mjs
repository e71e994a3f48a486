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
import { MAP_PREFIX, toWindows } from './windows-paths.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.CCD_SIM_ROOT ?? '';
const args = process.argv.slice(2);
const fileAt = args.indexOf('-File');
const extra = fileAt >= 0 ? args.slice(fileAt + 1) : [];
// Windows PowerShell 5.1 keeps its module analysis cache in the operator's profile: unless whoever started
// "PowerShell" pointed it elsewhere, so does this one (CCD_SIM_DEFAULT_ANALYSIS_CACHE, the sandbox's file).
const env = { ...process.env };
if (!env.PSModuleAnalysisCachePath && env.CCD_SIM_DEFAULT_ANALYSIS_CACHE) env.PSModuleAnalysisCachePath = env.CCD_SIM_DEFAULT_ANALYSIS_CACHE;
const child = spawn(process.env.CCD_SIM_PWSH ?? 'pwsh', ['-NoProfile', '-NonInteractive', '-File', join(here, 'enter-sim.ps1'), ...extra], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env,
});
process.stdin.pipe(child.stdin);
child.stdin.on('error', () => {});

const subs = [];
const convert = () => toWindows(root, subs);
const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.startsWith(MAP_PREFIX)) {
    for (const [from, to] of Object.entries(JSON.parse(line.slice(MAP_PREFIX.length)))) if (from) subs.push([from, to]);
    if (process.env.CCD_SIM_KEEP_MAP === '1') process.stdout.write(`${line}\n`);
    return;
  }
  process.stdout.write(`${convert()(line, line.startsWith('#ccdoctor:'))}\n`);
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
