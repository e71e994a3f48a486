import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { generateCceLog, HIT_LINES } from '../bench/gen-cce-log.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Peak resident memory of a process so far (Linux VmHWM), in bytes; 0 once it has gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** ccdoctor explain --file as a child with a 64 MB heap cap: exit code, parsed JSON, peak RSS. */
function explainFile(file: string): Promise<{ code: number | null; json: any; peak: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=64', CLI, 'explain', '--format', 'json', '--file', file]);
    let out = '';
    let stderr = '';
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 10);
    child.stdout.on('data', (d) => {
      out += d;
      peak = Math.max(peak, peakRss(child.pid!));
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, json: out ? JSON.parse(out) : undefined, peak, stderr });
    });
  });
}

const MB = 1024 * 1024;

describe('explain --file streams: memory stays bounded on a large log', () => {
  it('200 MB generated log: every hit counted, heap capped at 64 MB, RSS grows < 60 MB over a tiny input', { timeout: 180_000 }, async () => {
    const tiny = join(dir, 'tiny.log');
    generateCceLog(tiny, 1000);
    const big = join(dir, 'big.log');
    const gen = generateCceLog(big, 200 * MB, { hitEvery: 40_000 });
    const base = await explainFile(tiny);
    const run = await explainFile(big);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json.input.lines).toBe(gen.lines);
    // HIT_LINES are, in order: logon failed, key not valid, module not loaded, DISM, Stop-CsWindowsService.
    const ids = ['tenant-admin-logon-failed', 'credential-store-unreadable', 'cloudconnector-module-not-found', 'dism-stale-mount', 'module-analysis-cache-stale'];
    expect(ids).toHaveLength(HIT_LINES.length);
    const counts = Object.fromEntries(run.json.matches.map((m: { rule: string; count: number }) => [m.rule, m.count]));
    expect(counts).toEqual(Object.fromEntries(ids.map((id, i) => [id, gen.hits[i]])));
    expect(base.peak).toBeGreaterThan(0);
    expect(run.peak - base.peak).toBeLessThan(60 * MB);
  });

  it('a 40 MB line without a newline costs no more, and its hit is still found', { timeout: 120_000 }, async () => {
    const file = join(dir, 'one-line.log');
    const fd = openSync(file, 'w');
    const block = 'A'.repeat(MB);
    for (let i = 0; i < 40; i++) writeSync(fd, block);
    writeSync(fd, ` ${HIT_LINES[3]} `);
    for (let i = 0; i < 2; i++) writeSync(fd, block);
    closeSync(fd);
    const run = await explainFile(file);
    expect(run.code).toBe(0);
    expect(run.json.matches[0]).toMatchObject({ rule: 'dism-stale-mount', line: 1, count: 1 });
    expect(run.peak).toBeLessThan(150 * MB);
  });
});
