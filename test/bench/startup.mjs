// CLI start-up: `ccdoctor check --snapshot snapshots/demo.json --format json` as a whole process
// against bare `node -e 0`, alternating so both see the same machine load; medians and their ratio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { childTicks } from './child-cpu.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

// What no version of `check` can avoid, as one process: dist/core.js compiled through its code cache (not
// run), node:crypto loaded, the demo's certificates parsed and each verified against the next, and the check's
// JSON (argv[4]) parsed and written. No fact, rule, validation or masking code runs: its distance from
// `node -e 0` is the part of the ratio that is not ccdoctor's logic.
const FLOOR = `
const vm = require('node:vm'); const { readFileSync, writeSync } = require('node:fs');
const [dist, demo, json] = process.argv.slice(2);
const core = dist + '/core.js';
new vm.Script('(function (exports, require, module, __filename, __dirname, __ccdoctor_import_meta) {' + readFileSync(core, 'latin1') + '\\n})', { filename: core, cachedData: readFileSync(dist + '/core.cache') }).runInThisContext();
const { X509Certificate } = require('node:crypto');
const certs = readFileSync(demo, 'utf8').match(/-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----/g).map((p) => new X509Certificate(JSON.parse('"' + p + '"')));
certs.forEach((c, i) => { c.fingerprint; c.subject; c.issuer; c.validTo; const next = certs[i + 1] ?? c; c.checkIssued(next) && c.verify(next.publicKey); });
writeSync(1, JSON.stringify(JSON.parse(readFileSync(json, 'utf8')), null, 2) + '\\n');
`;

function time(args, cpu, env = process.env) {
  const c0 = childTicks();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (cpu && c0 !== undefined) cpu.ticks += childTicks() - c0;
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function startup(runs = Number(process.env.BENCH_RUNS ?? 25)) {
  const baseline = [];
  const ours = [];
  const floor = [];
  const cmd = [cli, 'check', '--snapshot', 'snapshots/demo.json', '--format', 'json'];
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-floor-'));
  try {
    const json = join(dir, 'check.json');
    writeFileSync(json, spawnSync(process.execPath, cmd, { cwd: root, encoding: 'utf8' }).stdout);
    writeFileSync(join(dir, 'floor.cjs'), FLOOR);
    const floorCmd = [join(dir, 'floor.cjs'), join(root, 'dist'), join(root, 'snapshots', 'demo.json'), json];
    for (let i = 0; i < 3; i++) { time(['-e', '0']); time(cmd); time(floorCmd); } // warm the file cache
    const cpuBaseline = { ticks: 0 };
    const cpuOurs = { ticks: 0 };
    const load = loadavg()[0];
    for (let i = 0; i < runs; i++) {
      baseline.push(time(['-e', '0'], cpuBaseline));
      ours.push(time(cmd, cpuOurs));
      floor.push(time(floorCmd));
    }
    const b = median(baseline);
    const o = median(ours);
    console.log('CLI start-up (ccdoctor check --snapshot snapshots/demo.json --format json vs node -e 0)');
    console.log(`  runs: ${runs} each, alternating`);
    const fig = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
    console.log(`  node -e 0       ${fig(baseline)}`);
    console.log(`  ccdoctor check  ${fig(ours)}`);
    const minRatio = Math.min(...ours) / Math.min(...baseline);
    console.log(`  ratio ${(o / b).toFixed(2)}x of medians, ${minRatio.toFixed(2)}x of minimums (target ≤ 1.3x)`);
    // Clock ticks are 10 ms on Linux: per process too coarse, summed over every run exact enough.
    const cpuRatio = childTicks() === undefined || cpuBaseline.ticks === 0 ? undefined : cpuOurs.ticks / cpuBaseline.ticks;
    if (cpuRatio !== undefined) {
      const perRun = (c) => `${((c.ticks * 10) / runs).toFixed(1)} ms`;
      console.log(`  CPU time (user+sys, mean per process) node -e 0 ${perRun(cpuBaseline)}, ccdoctor check ${perRun(cpuOurs)}: ratio ${cpuRatio.toFixed(2)}x`);
    }
    const floorRatio = median(floor) / b;
    console.log(`  floor (the bundle compiled from its code cache, node:crypto, the demo's certificates parsed and verified, the JSON written; no ccdoctor logic) ${fig(floor)}: ${floorRatio.toFixed(2)}x, ${(Math.min(...floor) / Math.min(...baseline)).toFixed(2)}x of minimums`);
    if (process.env.NODE_EXTRA_CA_CERTS) {
      // Node reads that file at every start, before any script: it is part of every figure above.
      const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
      const bare = Array.from({ length: Math.min(runs, 10) }, () => time(['-e', '0'], undefined, env));
      console.log(`  NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): Node loads it at every start; node -e 0 without it: ${fig(bare)}`);
    }
    console.log(`  load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
    return { baselineMs: b, oursMs: o, ratio: o / b, minRatio, cpuRatio, floorRatio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await startup();
