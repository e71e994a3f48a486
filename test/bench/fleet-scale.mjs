// Scale: a many-host check of 100 / 1,000 / 5,000 generated snapshots (gen-fleet.mjs) as one process,
// stdout to /dev/null and stderr a pipe (which must stay empty): wall time, hosts per second, CPU time
// and the child's peak RSS (GNU time), against running `ccdoctor check --snapshot ONE --format json`
// once per host (a sample of single runs, extrapolated) and bare `node -e 0` in the same run.
// It runs the real CLI, `node dist/cli.js check --snapshot DIR --format text` and `--format json` (BENCH_FLEET_FORMAT=text or json for one)
// when the CLI takes a folder; otherwise the same core through fleet-driver.ts (bundled here),
// and it says which.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rulesEsbuildPlugin } from '../../src/tools/rules-module.mjs';
import { childTicks } from './child-cpu.mjs';
import { generateFleet } from './gen-fleet.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const GNU_TIME = '/usr/bin/time';
const SIZES = (process.env.BENCH_FLEET_SIZES ?? '100,1000,5000').split(',').map(Number);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fig = (xs, d = 0) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;

/** One process: wall ms, CPU ms (user + sys, from /proc), peak RSS in MB (GNU time), its stderr. */
function measure(args, tmp) {
  const devnull = openSync('/dev/null', 'w');
  const rssFile = join(tmp, 'rss.txt');
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]] : [process.execPath, args];
  const c0 = childTicks();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(devnull);
  if (r.status !== 0 && r.status !== 1) throw new Error(`fleet-scale: ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = c0 === undefined ? undefined : (childTicks() - c0) * 10;
  const rss = timed ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { ms, cpu, rss, stderr: r.stderr };
}

/** The driver bundle: the same core the CLI runs, as one CommonJS file. */
async function driver(tmp) {
  const file = join(tmp, 'fleet-driver.cjs');
  const bundle = await build({
    stdin: { contents: "import { main } from './test/bench/fleet-driver.ts'; main(process.argv.slice(2)).then((code) => { process.exitCode = code; });", resolveDir: root, loader: 'ts' },
    bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, write: false, logLevel: 'error',
    plugins: [rulesEsbuildPlugin(root)], define: { __CCDOCTOR_VERSION__: '"0"', 'import.meta.url': '"file:///"' },
  });
  writeFileSync(file, bundle.outputFiles[0].text);
  return file;
}

/** Whether `ccdoctor check` reads a folder of snapshots (the many-host CLI is there). */
function cliTakesFolders(dir, count) {
  const r = spawnSync(process.execPath, [cli, 'check', '--snapshot', dir, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) return false;
  try {
    const j = JSON.parse(r.stdout);
    return j.schema === 'ccdoctor/fleet@1' && Array.isArray(j.hosts) && j.hosts.length >= count;
  } catch {
    return false;
  }
}

export async function run() {
  const tmp = mkdtempSync(join(tmpdir(), 'ccdoctor-fleet-'));
  try {
    const dirs = new Map(SIZES.map((n) => [n, join(tmp, `fleet-${n}`)]));
    const hostNames = new Map([...dirs].map(([n, dir]) => [n, generateFleet(dir, n)]));
    const viaCli = cliTakesFolders(dirs.get(SIZES[0]), SIZES[0]);
    const command = viaCli ? [cli, 'check'] : [await driver(tmp)];
    const runs = (n) => Number(process.env.BENCH_FLEET_RUNS ?? (n >= 5000 ? 2 : 3));
    const load0 = loadavg()[0];
    const formats = (process.env.BENCH_FLEET_FORMAT ?? 'text,json').split(',');
    console.log(`Scale: many-host check of generated snapshots (${viaCli ? `node dist/cli.js check --snapshot DIR --format ${formats.join(' and ')}` : 'the core through test/bench/fleet-driver.ts: dist/cli.js check takes one snapshot yet'})`);

    // Bare node and single-host checks, for the ratios.
    const bare = [];
    for (let i = 0; i < 10; i++) bare.push(measure(['-e', '0'], tmp).ms);
    const sample = 20;
    const one = [];
    // Every k-th host of the largest fleet: a mix of healthy and faulty appliances, as in the fleet.
    const largest = Math.max(...SIZES);
    const names = hostNames.get(largest);
    for (let i = 0; i < sample; i++) {
      const file = join(dirs.get(largest), `${names[Math.floor((i * names.length) / sample)]}.json`);
      one.push(measure([cli, 'check', '--snapshot', file, '--format', 'json'], tmp).ms);
    }
    const single = median(one);

    const rows = [];
    for (const format of formats) for (const n of SIZES) {
      const wall = [];
      const cpu = [];
      const rss = [];
      const args = viaCli ? [...command, '--snapshot', dirs.get(n), '--format', format] : [...command, dirs.get(n)];
      for (let i = 0; i < runs(n); i++) {
        const m = measure(args, tmp);
        if (m.stderr !== '') throw new Error(`fleet-scale: ${n} hosts wrote to stderr in a pipe: ${m.stderr.slice(0, 300)}`);
        wall.push(m.ms);
        if (m.cpu !== undefined) cpu.push(m.cpu);
        if (m.rss !== undefined) rss.push(m.rss);
      }
      rows.push({ format, n, wall, cpu, rss });
    }
    const load1 = loadavg()[0];
    console.log(`  node -e 0: ${fig(bare, 1)} ms; one host (check --snapshot ONE --format json, ${sample} hosts): ${fig(one, 1)} ms`);
    console.log('  format  hosts   wall ms, median (min–max)    hosts/s   CPU ms        CPU ms/host   peak RSS MB     vs check per host');
    for (const { format, n, wall, cpu, rss } of rows) {
      const w = median(wall);
      console.log(
        `  ${format.padEnd(6)}  ${String(n).padStart(5)}   ${fig(wall).padEnd(28)} ${(n / (w / 1000)).toFixed(0).padStart(7)}   ${(cpu.length ? fig(cpu) : 'n/a').padEnd(13)} ${(cpu.length ? (median(cpu) / n).toFixed(2) : 'n/a').padStart(8)}     ${(rss.length ? fig(rss) : 'n/a').padEnd(15)} ${((single * n) / w).toFixed(1)}x faster (${((single * n) / 1000).toFixed(1)} s extrapolated)`,
      );
    }
    for (const format of formats) {
      const mine = rows.filter((r) => r.format === format);
      const at = mine.find((r) => r.n === 1000);
      if (at) console.log(`  targets (${format}): 1,000 hosts ≤ 5000 ms (median ${median(at.wall).toFixed(0)}), peak RSS ≤ 300 MB (largest ${Math.max(...mine.flatMap((r) => r.rss)).toFixed(0)})`);
    }
    console.log(`  load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end (2 cores; wall time includes waiting for one)`);
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
