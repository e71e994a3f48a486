// Live provider: a fake PowerShell (test/fake-powershell) with a 300 ms start-up and 20 probes taking
// 50–800 ms. One process for all probes (what ccdoctor does) against start-up + slowest probe of the same
// run (target ≤ 1.2x); for contrast, one process per probe, one after another and all at once.
// Runnable alone: node test/bench/live.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
const STARTUP_MS = 300;
const PROBES = 20;
const delays = Array.from({ length: PROBES }, (_, i) => Math.round(50 + (i * 750) / (PROBES - 1)));
const ids = delays.map((_, i) => `bench.p${String(i + 1).padStart(2, '0')}`);

/** src/live and zod, bundled next to node_modules so that execa resolves. */
async function loadLive() {
  const dir = join(root, 'node_modules', '.cache', 'ccdoctor-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `live.${process.pid}.mjs`);
  await build({
    stdin: {
      contents: "export { runLive } from './src/live/run-live.ts'; export * as z from './src/core/schema.ts';",
      resolveDir: root, loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile: file, logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

const ms = (n) => `${Math.round(n)} ms`;

export async function run() {
  const { runLive, z } = await loadLive();
  const specs = new Map(ids.map((id, i) => [id, { id, title: `bench probe ${i + 1}`, schema: z.number(), live: { script: `Start-Sleep -Milliseconds ${delays[i]}; ${i}` }, checklist: { question: '?', answer: z.string(), toValue: Number } }]));
  const dir = mkdtempSync(join(tmpdir(), 'ccd-bench-live-'));
  const snapshot = join(dir, 'host.json');
  writeFileSync(snapshot, JSON.stringify({ schema: 'ccdoctor/snapshot', version: 1, host: { name: 'BENCH', collectedAt: new Date().toISOString(), collector: { name: 'bench', version: '0', mode: 'handwritten' } }, facts: Object.fromEntries(ids.map((id, i) => [id, { value: i }])) }));
  const env = {
    PATH: [join(root, 'test', 'fake-powershell'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: process.env.HOME ?? tmpdir(),
    FAKE_PS_SNAPSHOT: snapshot,
    FAKE_PS_STARTUP_MS: String(STARTUP_MS),
    FAKE_PS_DELAYS: JSON.stringify(Object.fromEntries(ids.map((id, i) => [id, delays[i]]))),
  };
  const timed = async (fn) => {
    const t = performance.now();
    const r = await fn();
    return { r, wall: performance.now() - t };
  };
  try {
    console.log(`Live provider: fake PowerShell, ${STARTUP_MS} ms start-up, ${PROBES} probes of ${delays[0]}–${delays.at(-1)} ms`);
    await runLive({ specs, env, ids: [ids[0]] }); // warm-up (file cache, shim)
    const runs = [];
    for (let k = 0; k < 3; k++) {
      const { r, wall } = await timed(() => runLive({ specs, env }));
      const facts = r.store.collected();
      if (facts.some((f) => f.status !== 'ok')) throw new Error(`bench run had non-ok facts: ${facts.filter((f) => f.status !== 'ok').map((f) => `${f.id} ${f.status}`).join(', ')}`);
      const slowest = Math.max(...facts.map((f) => f.provenance.durationMs ?? 0));
      runs.push({ wall, ideal: (r.startupMs ?? 0) + slowest, startup: r.startupMs ?? 0, slowest });
    }
    runs.sort((a, b) => a.wall / a.ideal - b.wall / b.ideal);
    const best = runs[0];
    const median = runs[1];
    const nominal = STARTUP_MS + Math.max(...delays);
    console.log(`  one process, all probes:   ${ms(median.wall)} wall (the median run of 3 by ratio)`);
    console.log(`  same run: start-up ${ms(median.startup)} + slowest probe ${ms(median.slowest)} = ${ms(median.ideal)}  →  ratio ${(median.wall / median.ideal).toFixed(2)}x (target ≤ 1.2x; best ${(best.wall / best.ideal).toFixed(2)}x)`);
    console.log(`  nominal start-up + slowest = ${ms(nominal)}  →  ratio ${(median.wall / nominal).toFixed(2)}x`);
    const seq = await timed(async () => {
      for (const id of ids) await runLive({ specs, env, ids: [id] });
    });
    console.log(`  one process per probe, one after another: ${ms(seq.wall)}  (${(seq.wall / median.wall).toFixed(1)}x the single process)`);
    const par = await timed(() => Promise.all(ids.map((id) => runLive({ specs, env, ids: [id] }))));
    console.log(`  one process per probe, all at once:       ${ms(par.wall)}  (${(par.wall / median.wall).toFixed(1)}x; ${PROBES} PowerShell start-ups at once)`);
    return { wallMs: median.wall, idealMs: median.ideal, ratio: median.wall / median.ideal, perProbeSequentialMs: seq.wall, perProbeParallelMs: par.wall };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
