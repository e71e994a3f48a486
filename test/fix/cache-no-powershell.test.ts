/**
 * `ccdoctor fix module-analysis-cache-stale` deletes the file from Node and starts no PowerShell (a
 * PowerShell it started would load modules and could write the cache back). It tells the operator to
 * close the other PowerShell windows first and, after the deletion, the one ccdoctor was started from.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

const started = vi.hoisted(() => [] as string[]);

vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:child_process')>();
  const watch = <F extends (...args: any[]) => unknown>(name: string, f: F) =>
    ((...args: Parameters<F>) => {
      started.push(`${name} ${String(args[0])}`);
      return f(...args);
    }) as unknown as F;
  return {
    ...real,
    spawn: watch('spawn', real.spawn),
    spawnSync: watch('spawnSync', real.spawnSync),
    execFile: watch('execFile', real.execFile),
    execFileSync: watch('execFileSync', real.execFileSync),
    exec: watch('exec', real.exec),
    execSync: watch('execSync', real.execSync),
    fork: watch('fork', real.fork),
  };
});

vi.mock('execa', async (importOriginal) => {
  const real = await importOriginal<typeof import('execa')>();
  return {
    ...real,
    execa: (...args: unknown[]) => {
      started.push(`execa ${String(args[0])}`);
      return (real.execa as (...a: unknown[]) => unknown)(...args);
    },
  };
});

const { main } = await import('../../src/cli/main.js');

describe('ccdoctor fix module-analysis-cache-stale starts no PowerShell', () => {
  it('deletes the cache from Node, then says to close this PowerShell window too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-nops-'));
    const cache = join(dir, 'ModuleAnalysisCache');
    writeFileSync(cache, Buffer.alloc(64, 1));
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const code = await main(['fix', 'module-analysis-cache-stale', '--cache', cache, '--yes'], { stdout, stderr: new PassThrough(), stdin, env: { NO_COLOR: '1' }, cwd: dir });
    expect(code, out).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(started).toEqual([]);
    expect(out).toMatch(/^This deletes .*ModuleAnalysisCache.*\. Close every other PowerShell window first: an open PowerShell writes its cache back a few seconds after it loads a module/);
    expect(out).toMatch(/Re-checked: module-analysis-cache-stale passes .*\. Close this PowerShell window too \(it could write its cache back\), open a new elevated PowerShell and run Enter-CcUpdate again\.\n$/);
  });

  it('(the watch on child processes works)', async () => {
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['-e', '']);
    expect(started.splice(0)).toEqual([`spawnSync ${process.execPath}`]);
  });
});
