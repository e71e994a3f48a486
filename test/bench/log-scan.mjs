// Log scan: `ccdoctor explain --file` on a generated CceManagementService.log (1 GB by default;
// BENCH_LOG_MB to change) against `grep -c -i -E` with every signature pattern converted to ERE, same
// file, same run, alternating, each timed BENCH_SCAN_RUNS times (default 3) after a warm-up read.
// Prints bare `node -e 0`, min/median/max of both, MB/s, the ratio ours/grep of median throughput and
// of CPU time (target ≥ 1.0, faster than grep), and our peak RSS (from /usr/bin/time; target ≤ 100 MB).
// Removes the file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { generateCceLog } from './gen-cce-log.mjs';
import { rulesEsbuildPlugin } from '../../src/tools/rules-module.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Every signature's matching pattern (as explain uses it), from the real rule registry. */
async function signaturePatterns() {
  const out = await build({
    stdin: {
      contents: "export { CATALOGUE } from './src/catalogue/index.ts'; export { compileRules } from './src/core/explain/signatures.ts';",
      resolveDir: root, loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error', plugins: [rulesEsbuildPlugin(root)],
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.compileRules(mod.CATALOGUE.rules).map((s) => ({ rule: s.rule.id, source: s.full.source, anchor: s.anchor }));
}

/** A JS pattern (on normalised text) as a POSIX ERE for raw lines: best effort; null when it cannot be. */
export function toEre(source) {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      i++;
      if (n === 's') out += '[[:space:]]';
      else if (n === 'S') out += '[^[:space:]]';
      else if (n === 'd') out += '[0-9]';
      else if (n === 'w') out += '[[:alnum:]_]';
      else if (n === 'b') out += '\\b';
      else if ('/-\'":,'.includes(n)) out += n;
      else if ('.()[]{}*+?^$|\\'.includes(n)) out += `\\${n}`;
      else return null;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?:', i)) { out += '('; i += 2; continue; }
      if (source.startsWith('(?<!', i) || source.startsWith('(?<=', i) || source.startsWith('(?=', i) || source.startsWith('(?!', i)) {
        let depth = 0;
        for (; i < source.length; i++) {
          if (source[i] === '\\') i++;
          else if (source[i] === '(') depth++;
          else if (source[i] === ')' && --depth === 0) break;
        }
        continue;
      }
    }
    if (c === '[') {
      const end = source.indexOf(']', i + 2);
      const body = source.slice(i + 1, end);
      i = end;
      if (body === '\\s\\S' || body === '\\S\\s') { out += '.'; continue; }
      const negated = body.startsWith('^');
      const chars = [...(negated ? body.slice(1) : body).replace(/\\(.)/g, '$1')];
      const ascii = chars.filter((ch) => ch.charCodeAt(0) < 0x80 && ch !== '-' && ch !== ']');
      if (negated) out += `[^${ascii.join('')}]`;
      else out += `(${[...new Set([...ascii.map((ch) => (ch === '.' ? '\\.' : ch)), ...chars.filter((ch) => ch.charCodeAt(0) >= 0x80)])].join('|')})`;
      continue;
    }
    if (c === '?' && '*+?}'.includes(source[i - 1]) && source[i - 2] !== '\\') continue; // lazy: ERE has none
    if (c === ' ') out += '[[:space:]]+';
    else if (c === ':') out += '[[:space:]]*:';
    else out += c;
  }
  return out;
}

const TIME = ['/usr/bin/time', '/bin/time'].find((t) => existsSync(t));

/** Runs argv under /usr/bin/time (when there is one): wall ms, CPU s (user+sys), max RSS bytes, stdout. */
function timed(argv, env = process.env) {
  const t0 = process.hrtime.bigint();
  const full = TIME ? [TIME, '-f', '@@time %U %S %M', ...argv] : argv;
  const r = spawnSync(full[0], full.slice(1), { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { status: r.status, stdout: r.stdout, stderr: (r.stderr ?? '').replace(/@@time.*\n?/, ''), ms, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, maxRss: m ? Number(m[3]) * 1024 : undefined };
}

/** Runs ccdoctor explain --file on the log: times, peak RSS and the hits from its JSON. */
function runOurs(file) {
  const r = timed([process.execPath, cli, 'explain', '--format', 'json', '--file', file]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`ccdoctor explain exited ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  return { ...r, hits: json.matches.reduce((n, m) => n + (m.count ?? 0), 0), rules: json.matches.map((m) => `${m.rule}×${m.count}`) };
}

function runGrep(file, eres) {
  const r = timed(['grep', '-c', '-i', '-E', ...eres.flatMap((e) => ['-e', e]), file], { ...process.env, LC_ALL: 'C' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep exited ${r.status}: ${r.stderr}`);
  return { ...r, lines: Number(r.stdout.trim()) };
}

export async function run({ mb = Number(process.env.BENCH_LOG_MB ?? 1024) } = {}) {
  if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'src', 'tools', 'build.mjs')], { stdio: 'inherit' });
  const patterns = await signaturePatterns();
  const eres = [];
  const fallback = [];
  for (const p of patterns) {
    const ere = toEre(p.source);
    const ok = ere !== null && spawnSync('grep', ['-E', '-e', ere, '/dev/null'], { env: { ...process.env, LC_ALL: 'C' } }).status === 1;
    if (ok) eres.push(ere);
    else {
      fallback.push(p.rule);
      if (p.anchor) eres.push(toEre(p.anchor));
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-bench-'));
  const file = join(dir, 'CceManagementService.log');
  try {
    const t0 = Date.now();
    const gen = generateCceLog(file, mb * 1024 * 1024);
    const size = statSync(file).size;
    const sizeMb = size / 1024 / 1024;
    console.log(`Log scan: ccdoctor explain --file vs grep -c -i -E (${patterns.length} signatures)`);
    console.log(`  file: ${sizeMb.toFixed(0)} MB, ${gen.lines} lines, ${gen.hits.reduce((a, b) => a + b, 0)} signature lines (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (fallback.length) console.log(`  grep uses the anchor for (pattern not expressible in ERE): ${fallback.join(', ')}`);
    runGrep(file, eres); // warm the page cache
    const runs = Number(process.env.BENCH_SCAN_RUNS ?? 3);
    const oursRuns = [];
    const grepRuns = [];
    const bare = [];
    for (let i = 0; i < runs; i++) {
      bare.push(timed([process.execPath, '-e', '0']).ms);
      oursRuns.push(runOurs(file));
      grepRuns.push(runGrep(file, eres));
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
    const fig = (xs) => `median ${(med(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)})`;
    const ours = [...oursRuns].sort((a, b) => a.ms - b.ms);
    const grep = [...grepRuns].sort((a, b) => a.ms - b.ms);
    const oursRate = sizeMb / (med(oursRuns.map((r) => r.ms)) / 1000);
    const grepRate = sizeMb / (med(grepRuns.map((r) => r.ms)) / 1000);
    const peaks = ours.map((o) => o.maxRss).filter((x) => x !== undefined);
    const peakMb = peaks.length ? Math.max(...peaks) / 1024 / 1024 : undefined;
    const cpu = (rs) => (rs.every((x) => x.cpu !== undefined) ? med(rs.map((x) => x.cpu)) : undefined);
    const [oursCpu, grepCpu] = [cpu(ours), cpu(grep)];
    const cpuNote = (c) => (c === undefined ? '' : `, CPU ${c.toFixed(2)} s = ${(sizeMb / c).toFixed(0)} MB/s of CPU`);
    console.log(`  node -e 0  median ${med(bare).toFixed(1)} ms (min ${Math.min(...bare).toFixed(1)}, max ${Math.max(...bare).toFixed(1)})`);
    console.log(`  ccdoctor   ${fig(oursRuns.map((r) => r.ms))}: ${oursRate.toFixed(0)} MB/s${cpuNote(oursCpu)}; ${ours[0].hits} hits: ${ours[0].rules.join(', ') || 'none'}`);
    console.log(`  grep       ${fig(grepRuns.map((r) => r.ms))}: ${grepRate.toFixed(0)} MB/s${cpuNote(grepCpu)}; ${grep[0].lines} matching lines`);
    const cpuRatio = oursCpu && grepCpu ? grepCpu / oursCpu : undefined;
    const minRatio = Math.min(...grepRuns.map((r) => r.ms)) / Math.min(...oursRuns.map((r) => r.ms));
    console.log(`  ratio ours/grep throughput ${(oursRate / grepRate).toFixed(2)}x of medians, ${minRatio.toFixed(2)}x of minimums${cpuRatio ? `, ${cpuRatio.toFixed(2)}x of CPU` : ''} (target ≥ 1.0x); ccdoctor peak RSS ${peakMb === undefined ? 'n/a (no /usr/bin/time)' : `${peakMb.toFixed(0)} MB`} (target ≤ 100 MB)`);
    return { sizeMb, oursMbps: oursRate, grepMbps: grepRate, ratio: oursRate / grepRate, minRatio, cpuRatio, peakRssMb: peakMb, hits: ours[0].hits, grepLines: grep[0].lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { run as logScan };

if (import.meta.url === `file://${process.argv[1]}`) await run();
