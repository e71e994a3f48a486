// CLI start-up: `ccdoctor check --snapshot snapshots/demo.json --format json` as a whole process
// against bare `node -e 0`, alternating so both see the same machine load; medians and their ratio.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { childTicks } from './child-cpu.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function time(args, cpu) {
  const c0 = childTicks();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
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
  const cmd = [cli, 'check', '--snapshot', 'snapshots/demo.json', '--format', 'json'];
  for (let i = 0; i < 3; i++) { time(['-e', '0']); time(cmd); } // warm the file cache
  const cpuBaseline = { ticks: 0 };
  const cpuOurs = { ticks: 0 };
  const load = loadavg()[0];
  for (let i = 0; i < runs; i++) {
    baseline.push(time(['-e', '0'], cpuBaseline));
    ours.push(time(cmd, cpuOurs));
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
  console.log(`  load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
  return { baselineMs: b, oursMs: o, ratio: o / b, minRatio, cpuRatio };
}

if (import.meta.url === `file://${process.argv[1]}`) await startup();
