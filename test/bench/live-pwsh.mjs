// Live provider in a real PowerShell: ccdoctor's whole live run (every probe of the fact registry, one pwsh)
// against the simulated host of snapshots/healthy-2.1.json (test/sim-host: pwsh-sim.mjs prepares real pwsh
// as that host), set against what it cannot beat, measured in the same rounds, alternating:
//   - start-up: the same launcher running a trivial script that only prints a start frame (spawn → frame),
//     with bare `pwsh -NoProfile -Command exit` and bare `node -e 0` for scale;
//   - the slowest single probe of the run (its facts' durationMs, timed by PowerShell around the probe).
// ratio = live run wall / (start-up + slowest probe), medians; target ≤ 1.2x. The same run's own time to its
// start frame (startupMs) is printed too, and the ratio against it.
// src/live and the TypeScript sim harness are bundled by esbuild (as live.mjs does), with import.meta.dirname
// of the harness pinned to test/sim-host. Needs pwsh (CCDOCTOR_TEST_PWSH, PATH, ~/.dotnet/tools); skipped
// without it, and on Windows (the simulated host is POSIX only). Runs: BENCH_LIVE_PWSH_RUNS (default 5).
// Runnable alone: node test/bench/live-pwsh.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');

async function load() {
  const dir = join(root, 'node_modules', '.cache', 'ccdoctor-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `live-pwsh.${process.pid}.mjs`);
  await build({
    stdin: {
      contents: [
        "export { runLive } from './src/live/run-live.ts';",
        "export { POWERSHELL_ARGS, stdinBootstrap, FRAME } from './src/live/ps-script.ts';",
        "export { simulate, readSnapshot } from './test/sim-host/harness.ts';",
        "export { findPwsh } from './test/tiers/detect.ts';",
        "export { plannedProbes } from './src/live/probes.ts';",
        "export { FACTS } from './src/facts/index.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile: file,
    logLevel: 'error',
    // model.ts finds SimTypes.cs, the modules and pwsh-sim.mjs next to itself.
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'test', 'sim-host')) },
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Spawns a process, optionally feeding stdin; resolves { firstMs (when `until` is first seen on stdout), exitMs }. */
function timeProcess(command, args, { env, input, until } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let firstMs;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (until && firstMs === undefined && out.includes(until)) firstMs = performance.now() - t0;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = performance.now() - t0;
      if (until && firstMs === undefined) return reject(new Error(`${command}: no "${until}" (exit ${code}): ${err.slice(-400)}`));
      resolve({ firstMs: firstMs ?? exitMs, exitMs });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n) => `${Math.round(n)} ms`;

export async function run(runs = Number(process.env.BENCH_LIVE_PWSH_RUNS ?? 5)) {
  console.log('Live provider in a real PowerShell: simulated host (snapshots/healthy-2.1.json), every probe in one pwsh');
  if (process.platform === 'win32') {
    console.log('  skipped: the simulated host is POSIX only');
    return undefined;
  }
  const { runLive, POWERSHELL_ARGS, stdinBootstrap, FRAME, simulate, readSnapshot, findPwsh, plannedProbes, FACTS } = await load();
  // The CloudConnector module's probes share one runspace and run one after another (ps-script.ts): their
  // sum is a floor under the run besides the slowest probe.
  const serialGroup = new Set(plannedProbes(FACTS).filter((p) => p.group === 'cloudconnector').map((p) => p.id));
  const pwsh = findPwsh();
  if (!pwsh) {
    console.log('  skipped: no pwsh (CCDOCTOR_TEST_PWSH, PATH, ~/.dotnet/tools); install: dotnet tool install --global PowerShell --version 7.6.9');
    return undefined;
  }
  const sim = simulate(readSnapshot(join(root, 'snapshots', 'healthy-2.1.json')), pwsh);
  // The trivial script: a start frame as the live script writes it (own UTF-8 writer), then exit.
  const trivial = stdinBootstrap(
    [
      '$w = New-Object System.IO.StreamWriter -ArgumentList ([Console]::OpenStandardOutput()), (New-Object System.Text.UTF8Encoding -ArgumentList $false)',
      `$w.WriteLine('${FRAME}start {"admin":true}')`,
      '$w.Flush()',
      '[Environment]::Exit(0)',
    ].join('\n'),
  );
  const bare = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' };
  const rounds = [];
  try {
    // Warm-up: file cache, the dotnet tool, the sandbox.
    await timeProcess(pwsh, ['-NoProfile', '-Command', 'exit'], { env: bare });
    await timeProcess(sim.launcher, [...POWERSHELL_ARGS], { env: sim.env, input: trivial, until: `${FRAME}start ` });
    await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env });
    for (let i = 0; i < runs; i++) {
      const node = await timeProcess(process.execPath, ['-e', '0'], { env: bare });
      const bareStart = await timeProcess(pwsh, ['-NoProfile', '-NonInteractive', '-Command', 'exit'], { env: bare });
      const launcher = await timeProcess(sim.launcher, [...POWERSHELL_ARGS], { env: sim.env, input: trivial, until: `${FRAME}start ` });
      const t = performance.now();
      let lastFact = 0;
      const r = await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env, onProgress: (e) => { if (e.type === 'fact') lastFact = performance.now(); } });
      const wall = performance.now() - t;
      const facts = r.store.collected();
      const timed = facts.filter((f) => f.provenance.durationMs !== undefined);
      const slowest = timed.reduce((a, f) => (f.provenance.durationMs > a.provenance.durationMs ? f : a), timed[0]);
      rounds.push({
        node: node.exitMs,
        bare: bareStart.exitMs,
        launcherFrame: launcher.firstMs,
        launcherExit: launcher.exitMs,
        wall,
        startupMs: r.startupMs ?? NaN,
        slowestMs: slowest?.provenance.durationMs ?? 0,
        slowestId: slowest?.id ?? '-',
        chainMs: facts.filter((f) => serialGroup.has(f.id)).reduce((a, f) => a + (f.provenance.durationMs ?? 0), 0),
        tailMs: t + wall - lastFact,
        probes: facts.length,
        notOk: facts.filter((f) => f.status !== 'ok').length,
        warnings: r.warnings.length,
      });
    }
  } finally {
    sim.dispose();
  }
  const m = (k) => median(rounds.map((x) => x[k]));
  const ideal = m('launcherFrame') + m('slowestMs');
  const ratio = median(rounds.map((x) => x.wall / (x.launcherFrame + x.slowestMs)));
  const sameRun = median(rounds.map((x) => x.wall / (x.startupMs + x.slowestMs)));
  const slowIds = [...new Set(rounds.map((x) => x.slowestId))].join(', ');
  console.log(`  runs: ${runs}, alternating; medians (min–max)`);
  const line = (label, k) => console.log(`  ${label.padEnd(46)} ${ms(m(k)).padStart(8)}  (${ms(Math.min(...rounds.map((x) => x[k])))}–${ms(Math.max(...rounds.map((x) => x[k])))})`);
  line('node -e 0', 'node');
  line('pwsh -NoProfile -Command exit', 'bare');
  line('sim launcher + trivial script → start frame', 'launcherFrame');
  line('sim launcher + trivial script → exit', 'launcherExit');
  line('live run: its own start frame (startupMs)', 'startupMs');
  line(`live run: slowest probe (${slowIds})`, 'slowestMs');
  line(`live run: CloudConnector probes in series (${serialGroup.size})`, 'chainMs');
  line('live run: last result → run end (PowerShell exits)', 'tailMs');
  line('live run: wall', 'wall');
  console.log(`  ${rounds[0].probes} facts per run; not ok: ${rounds.map((x) => x.notOk).join('/')}; run warnings: ${rounds.map((x) => x.warnings).join('/')}`);
  console.log(`  ratio wall / (launcher start-up ${ms(m('launcherFrame'))} + slowest probe ${ms(m('slowestMs'))} = ${ms(ideal)}): ${ratio.toFixed(2)}x (target ≤ 1.2x)`);
  console.log(`  ratio wall / (same run's startupMs + slowest probe): ${sameRun.toFixed(2)}x`);
  const floor = median(rounds.map((x) => x.wall / (x.launcherFrame + Math.max(x.slowestMs, x.chainMs))));
  console.log(`  ratio wall / (launcher start-up + the longer of slowest probe and CloudConnector series): ${floor.toFixed(2)}x`);
  return { rounds, ratio, sameRunRatio: sameRun, seriesRatio: floor };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
