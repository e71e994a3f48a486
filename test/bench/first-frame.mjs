// Time to the first frame of the wizard (`ccdoctor` in a terminal, home screen painted) against the
// floor of the stack: a one-line Ink app shipped the way ccdoctor ships its wizard: bundled and minified
// with esbuild in production mode with the wizard's options and patches (src/tools/wizard-bundle.mjs:
// wizardScript), ASCII, one script run by a loader through V8's code cache made by a first run (as
// dist/cli.js runs dist/ui.js with dist/ui.cache), alternating in the same run, with bare `node -e 0`
// alongside. Each process gets its own 80x24 pseudo-terminal from node-pty (CI unset) and is timed from
// spawn until its text arrives on the terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import pty from 'node-pty';
import { wizardScript, WIZARD_EXTERNAL } from '../../src/tools/wizard-bundle.mjs';
import { childTicks } from './child-cpu.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const MINIMAL = "import React from 'react'; import { render, Text } from 'ink'; render(React.createElement(Text, null, 'minimal-first-frame'));";
const TARGET = 1.2;

/** The loader of the one-line app: what src/cli-loader.cjs does for dist/ui.js (compileBundle), and MAKE_CACHE writes the cache after the first frame. */
const MINIMAL_LOADER = `
const vm = require('node:vm'); const { readFileSync, writeFileSync } = require('node:fs'); const { join } = require('node:path'); const { pathToFileURL } = require('node:url');
const file = join(__dirname, 'minimal.js'); const cacheFile = join(__dirname, 'minimal.cache');
let cachedData; try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
const script = new vm.Script('(async function (require, __ccdoctor_import_meta, __ccdoctor_exports) {' + readFileSync(file, 'latin1') + '\\n})', { filename: file, cachedData });
script.runInThisContext()(require, { get url() { return pathToFileURL(file).href; } }, {});
if (process.env.MAKE_CACHE === '1') setTimeout(() => { writeFileSync(cacheFile, script.createCachedData()); process.exit(0); }, 1000);
`;

/** The one-line app, built as src/tools/build.mjs builds dist/ui.js, with its loader and code cache. */
async function buildMinimal(dir) {
  const script = wizardScript([...WIZARD_EXTERNAL]);
  const out = await build({
    ...script,
    stdin: { contents: MINIMAL, resolveDir: root, loader: 'js', sourcefile: 'minimal.mjs' },
    write: false, external: [], logLevel: 'warning', minify: true,
  });
  writeFileSync(join(dir, 'minimal.js'), out.outputFiles[0].text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  const loader = join(dir, 'minimal-cli.js');
  writeFileSync(loader, MINIMAL_LOADER);
  const made = spawnSync(process.execPath, [loader], { env: { ...process.env, MAKE_CACHE: '1', TERM: 'xterm-256color', CI: '' }, stdio: 'ignore' });
  if (made.status !== 0) throw new Error(`first-frame: the one-line app's code cache was not made (exit ${made.status})`);
  readFileSync(join(dir, 'minimal.cache'));
  return loader;
}

function timeToText(args, text, cpu, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, TERM: 'xterm-256color' };
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    const c0 = childTicks();
    const t0 = process.hrtime.bigint();
    const term = pty.spawn(process.execPath, args, { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env });
    let out = '';
    let ms;
    let failure;
    const timer = setTimeout(() => {
      failure = new Error(`no "${text}" within ${timeoutMs} ms from: node ${args.join(' ')}\n${out.slice(-500)}`);
      kill();
    }, timeoutMs);
    const kill = () => {
      try {
        term.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    term.onData((d) => {
      if (ms !== undefined) return;
      out += d;
      if (out.includes(text)) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        clearTimeout(timer);
        kill();
      }
    });
    term.onExit(() => {
      clearTimeout(timer);
      // The exit is seen once the child is reaped, so its CPU time is in cutime by now (or very soon).
      setTimeout(() => {
        if (cpu && c0 !== undefined) cpu.ticks += childTicks() - c0;
        if (ms !== undefined) resolve(ms);
        else reject(failure ?? new Error(`exited before "${text}": node ${args.join(' ')}\n${out.slice(-500)}`));
      }, 20);
    });
  });
}

function nodeE0(cpu) {
  const c0 = childTicks();
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (c0 !== undefined) cpu.ticks += childTicks() - c0;
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const figures = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

export async function run(runs = Number(process.env.BENCH_RUNS ?? 15)) {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-first-frame-'));
  try {
    const minimal = [await buildMinimal(dir)];
    const wizard = [cli];
    const bare = [];
    const base = [];
    const ours = [];
    for (let i = 0; i < 2; i++) {
      await timeToText(minimal, 'minimal-first-frame');
      await timeToText(wizard, 'Try the demo host');
    }
    const cpu = { bare: { ticks: 0 }, base: { ticks: 0 }, ours: { ticks: 0 } };
    const load = loadavg()[0];
    for (let i = 0; i < runs; i++) {
      bare.push(nodeE0(cpu.bare));
      base.push(await timeToText(minimal, 'minimal-first-frame', cpu.base));
      ours.push(await timeToText(wizard, 'Try the demo host', cpu.ours));
    }
    const ratio = median(ours) / median(base);
    const minRatio = Math.min(...ours) / Math.min(...base);
    console.log('Wizard first frame (ccdoctor home screen vs a one-line Ink app bundled in production mode, each in a pty)');
    console.log(`  runs: ${runs} each, alternating`);
    console.log(`  node -e 0         ${figures(bare)}`);
    console.log(`  one-line Ink app  ${figures(base)}`);
    console.log(`  ccdoctor wizard   ${figures(ours)}`);
    console.log(`  ratio ${ratio.toFixed(2)}x of medians, ${minRatio.toFixed(2)}x of minimums (target ≤ ${TARGET}x)`);
    // Up to the first frame (the process is killed there); clock ticks are 10 ms, summed over every run.
    const cpuRatio = childTicks() === undefined || cpu.base.ticks === 0 ? undefined : cpu.ours.ticks / cpu.base.ticks;
    if (cpuRatio !== undefined) {
      const perRun = (c) => `${((c.ticks * 10) / runs).toFixed(1)} ms`;
      console.log(`  CPU time (user+sys, mean per process) node -e 0 ${perRun(cpu.bare)}, one-line Ink app ${perRun(cpu.base)}, ccdoctor wizard ${perRun(cpu.ours)}: ratio ${cpuRatio.toFixed(2)}x`);
    }
    console.log(`  load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
    return { nodeMs: median(bare), baselineMs: median(base), oursMs: median(ours), ratio, minRatio, cpuRatio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
