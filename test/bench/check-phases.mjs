// Where `ccdoctor check --snapshot snapshots/demo.json --format json` spends its time, phase by phase,
// medians over fresh processes: Node's own start (to the first line of dist/cli.js), reading
// dist/core.js and its code cache, compiling (from the cache), then inside the command: module
// loading with the fact schemas, the rules, reading + validating the snapshot, evaluating the rules and
// writing the JSON. The in-command phases come from a bundle of the same sources built here and run,
// like dist/core.js, through a V8 code cache made by a first run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rulesEsbuildPlugin } from '../../src/tools/rules-module.mjs';

const root = join(import.meta.dirname, '..', '..');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const LOADER = `
const t = [['node start', performance.now()]];
const vm = require('node:vm'); const { readFileSync } = require('node:fs'); const { join } = require('node:path'); const { pathToFileURL } = require('node:url');
const dist = process.env.DIST; const core = join(dist, 'core.js');
const src = readFileSync(core, 'latin1'); const cachedData = readFileSync(join(dist, 'core.cache'));
t.push(['read core.js + cache', performance.now()]);
const script = new vm.Script('(function (exports, require, module, __filename, __dirname, __ccdoctor_import_meta) {' + src + '\\n})', { filename: core, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
t.push(['compile (code cache)', performance.now()]);
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, core, dist, { get url() { return pathToFileURL(join(dist, 'cli.js')).href; } });
t.push(['bundle top level', performance.now()]);
const io = { get stdout() { return process.stdout; }, get stderr() { return process.stderr; }, get stdin() { return process.stdin; }, env: process.env, cwd: process.cwd() };
mod.exports.main(['check', '--snapshot', 'snapshots/demo.json', '--format', 'json'], io).then(() => {
  t.push(['run the command', performance.now()]);
  let prev = 0; process.stderr.write('@@' + JSON.stringify(t.map(([k, v]) => { const d = v - prev; prev = v; return [k, d]; })) + '\\n');
});`;

const INSIDE = `
export async function phases() {
const p = [['', performance.now()]];
const mark = (k) => p.push([k, performance.now()]);
const { FACTS } = await import('./src/facts/index.ts'); mark('fact specs and schemas');
const { CATALOGUE } = await import('./src/catalogue/index.ts'); mark('rules');
const { loadSnapshotFile } = await import('./src/core/snapshot/load.ts'); mark('snapshot code');
const snap = await loadSnapshotFile('snapshots/demo.json', FACTS, 'snapshots/demo.json'); mark('snapshot read + parse + validate');
const { runCheck } = await import('./src/core/run/run-check.ts');
const source = { kind: 'snapshot', label: 'phases', collect: async () => ({ store: snap.store, host: { name: snap.host.name, collectedAt: snap.host.collectedAt }, ref: 'snapshots/demo.json', warnings: snap.warnings }) };
const run = await runCheck(source, CATALOGUE); mark('rule evaluation');
const { checkJson } = await import('./src/core/output/check-json.ts');
process.stdout.write(JSON.stringify(checkJson(run, 'error', '0'), null, 2) + '\\n'); mark('JSON output');
let prev = p[0][1]; process.stderr.write('@@' + JSON.stringify(p.slice(1).map(([k, v]) => { const d = v - prev; prev = v; return [k, d]; })) + '\\n');
}`;

/** Runs the CommonJS bundle of INSIDE through V8's code cache, as dist/cli.js runs dist/core.js. */
const INSIDE_LOADER = `
const vm = require('node:vm'); const { readFileSync, writeFileSync, existsSync } = require('node:fs'); const { join } = require('node:path');
const file = join(__dirname, 'inside.cjs'); const cacheFile = join(__dirname, 'inside.cache');
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})', { filename: file, cachedData: existsSync(cacheFile) ? readFileSync(cacheFile) : undefined });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, __dirname);
mod.exports.phases().then(() => { if (!existsSync(cacheFile)) writeFileSync(cacheFile, script.createCachedData()); });`;

function collect(argv, env, runs) {
  const byPhase = new Map();
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, argv, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const line = /@@(.*)/.exec(r.stderr)?.[1];
    if (!line) throw new Error(`phases: no figures from ${argv.join(' ')}: ${r.stderr}`);
    for (const [k, ms] of JSON.parse(line)) byPhase.set(k, [...(byPhase.get(k) ?? []), ms]);
  }
  return byPhase;
}

export async function run(runs = Number(process.env.BENCH_RUNS ?? 15)) {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-phases-'));
  try {
    writeFileSync(join(dir, 'loader.cjs'), LOADER);
    const inside = await build({
      stdin: { contents: INSIDE, resolveDir: root, loader: 'ts' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true,
      write: false, logLevel: 'error', plugins: [rulesEsbuildPlugin(root)], define: { __CCDOCTOR_VERSION__: '"0"', 'import.meta.url': '"file:///"' },
    });
    writeFileSync(join(dir, 'inside.cjs'), inside.outputFiles[0].text);
    writeFileSync(join(dir, 'inside-loader.cjs'), INSIDE_LOADER);
    collect([join(dir, 'inside-loader.cjs')], {}, 1); // makes the code cache
    const loader = collect([join(dir, 'loader.cjs')], { DIST: join(root, 'dist') }, runs);
    const within = collect([join(dir, 'inside-loader.cjs')], {}, runs);
    console.log(`check start-up, phase by phase (median ms of ${runs} processes; min in brackets)`);
    for (const [k, xs] of [...loader, ...within]) {
      if (k === 'run the command') console.log(`  ${k.padEnd(36)} ${median(xs).toFixed(1).padStart(6)} (${Math.min(...xs).toFixed(1)})   of which, from the sources:`);
      else console.log(`  ${within.has(k) ? '  ' : ''}${k.padEnd(within.has(k) ? 34 : 36)} ${median(xs).toFixed(1).padStart(6)} (${Math.min(...xs).toFixed(1)})`);
    }
    return Object.fromEntries([...loader, ...within].map(([k, xs]) => [k, median(xs)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
