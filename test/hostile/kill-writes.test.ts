/**
 * SIGKILL during a write (issue 13 item 13): a child process running ccdoctor's atomic write is killed
 * with SIGKILL while its hidden temporary file is half written, next to a procedure journal, an ini file
 * and a report --out target; the next write to the same path (the real CLI for the ini and --out) removes
 * the leftovers, so they never pile up.
 */
import { buildSync } from 'esbuild';
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/core/fs/atomic-write.js';
import { cli, DEMO, expectCliRan, ROOT, tempDir } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const dir = tempDir();
const bundle = join(dir, 'atomic-write.mjs');
buildSync({ entryPoints: [join(ROOT, 'src', 'core', 'fs', 'atomic-write.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
const child = join(dir, 'child.mjs');
// Writes part of the data, says so, then waits forever in the middle of the write: killed there.
writeFileSync(child, `import { writeFileAtomic } from ${JSON.stringify(bundle)};
async function* stalled() { yield Buffer.alloc(65536, 120); process.stdout.write('writing\\n'); await new Promise(() => {}); }
await writeFileAtomic(process.argv[2], stalled(), { force: true });
`);

const temporaries = (path: string) => readdirSync(join(path, '..')).filter((n) => n.startsWith(`.${path.split('/').pop()}.`) && n.endsWith('.tmp'));

/** Kills a child with SIGKILL once it is in the middle of writing `path`; returns the leftovers. */
async function killMidWrite(path: string): Promise<string[]> {
  const p = execa('node', [child, path], { reject: false });
  await new Promise<void>((resolve) => p.stdout!.on('data', (d: Buffer) => d.toString().includes('writing') && resolve()));
  p.kill('SIGKILL');
  const r = await p;
  expect(r.signal).toBe('SIGKILL');
  return temporaries(path);
}

describe('temporaries left by a SIGKILL are removed by the next write', () => {
  it('a procedure journal (3 kills, then one write)', async () => {
    const journal = join(tempDir(), 'procedures', 'ha-windows-update.json');
    await execa('mkdir', ['-p', join(journal, '..')]);
    for (let k = 1; k <= 3; k++) expect(await killMidWrite(journal)).toHaveLength(1); // each write removes the one killed before it
    await writeFileAtomic(journal, '{"x":1}\n', { force: true });
    expect(temporaries(journal)).toEqual([]);
    expect(readFileSync(journal, 'utf8')).toBe('{"x":1}\n');
  });

  it('an ini file, then the real `fix ini-state-missing`', async () => {
    const ini = join(tempDir(), 'CloudConnector.ini');
    writeFileSync(ini, readFileSync(join(ROOT, 'test', 'fixtures', 'CloudConnector.sample.ini')).toString().replace(/^State=.*\r?\n/m, ''));
    for (let k = 1; k <= 2; k++) expect(await killMidWrite(ini)).toHaveLength(1);
    const r = await cli(['fix', 'ini-state-missing', '--ini', ini, '--yes']);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect([0, 1, 2]).toContain(r.exitCode);
    expect(temporaries(ini)).toEqual([]);
  });

  it('a report --out target, then the real `report --out --force`', async () => {
    const out = join(tempDir(), 'report.html');
    for (let k = 1; k <= 2; k++) expect(await killMidWrite(out)).toHaveLength(1);
    expectCliRan(await cli(['report', '--snapshot', DEMO, '--out', out, '--force']));
    expect(temporaries(out)).toEqual([]);
    expect(existsSync(out)).toBe(true);
  });

  it("a live process's temporary is left alone", async () => {
    const target = join(tempDir(), 'busy.json');
    const mine = join(target, '..', `.busy.json.${process.pid}.0123abcd.tmp`);
    writeFileSync(mine, 'partial');
    await writeFileAtomic(target, 'x', { force: true });
    expect(existsSync(mine)).toBe(true);
  });
});
