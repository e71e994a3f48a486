import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalFile, journalStore, loadJournal, newJournal, peekJournal, saveJournal, setNote, toggleDone } from '../../src/core/procedures/journal.js';

const T0 = new Date('2026-11-22T06:30:00.000Z');
const T1 = new Date('2026-11-22T06:41:07.000Z');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ccdoctor-journal-'));
  dirs.push(d);
  return d;
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('journal: progress through a procedure', () => {
  it('round-trips answers, done steps with their time, and notes', async () => {
    const dir = tmp();
    let j = newJournal('ca-compromised', { appliances: 'several', version: '2.0+', tls: 'yes' }, T0);
    j = toggleDone(j, 'enter-update', T1);
    j = setNote(j, 'enter-update', '  change CHG-1234, drained at 06:40 ', T1);
    await saveJournal(dir, j);
    expect(await loadJournal(dir, 'ca-compromised')).toEqual({ status: 'ok', journal: j });
    expect(j.done).toEqual({ 'enter-update': '2026-11-22T06:41:07.000Z' });
    expect(j.notes).toEqual({ 'enter-update': 'change CHG-1234, drained at 06:40' });
    expect(j.startedAt).toBe('2026-11-22T06:30:00.000Z');
    expect(j.updatedAt).toBe('2026-11-22T06:41:07.000Z');
    expect(JSON.parse(readFileSync(journalFile(dir, 'ca-compromised'), 'utf8'))).toEqual(j);
  });

  it('toggling again undoes a step; an empty note removes it', () => {
    const j = toggleDone(toggleDone(newJournal('lync-drain', {}, T0), 'logon', T1), 'logon', T1);
    expect(j.done).toEqual({});
    expect(setNote(setNote(j, 'logon', 'x', T1), 'logon', '   ', T1).notes).toEqual({});
  });

  it('no journal yet: none, and nothing is created', async () => {
    const dir = tmp();
    expect(await loadJournal(dir, 'lync-drain')).toEqual({ status: 'none' });
    expect(existsSync(join(dir, 'procedures'))).toBe(false);
  });

  it('readers never see a partly written journal while it is rewritten, and no temporary file stays', async () => {
    const dir = tmp();
    const store = journalStore(dir);
    let j = newJournal('lync-drain', { scope: 'server' }, T0);
    for (const id of ['logon', 'dns-load-balancing', 'pause-all', 'manual-all', 'wait-all', 'maintenance']) j = setNote(j, id, id.repeat(300), T1);
    await store.save(j);
    const writes: Promise<void>[] = [];
    const reads: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      j = toggleDone(j, i % 2 ? 'logon' : 'pause-all', new Date(T1.getTime() + i * 1000));
      writes.push(store.save(j));
      reads.push(loadJournal(dir, 'lync-drain').then((r) => r.status));
    }
    await Promise.all(writes);
    expect(new Set(await Promise.all(reads))).toEqual(new Set(['ok']));
    expect(readdirSync(join(dir, 'procedures'))).toEqual(['lync-drain.json']);
    expect(await loadJournal(dir, 'lync-drain')).toEqual({ status: 'ok', journal: j });
  });

  it('a failed write keeps the previous journal whole', async () => {
    const dir = tmp();
    const first = newJournal('lync-drain', { scope: 'server' }, T0);
    await saveJournal(dir, first);
    const cyclic = { ...toggleDone(first, 'logon', T1) } as Record<string, unknown>;
    cyclic.self = cyclic;
    await expect(saveJournal(dir, cyclic as never)).rejects.toThrow();
    expect(await loadJournal(dir, 'lync-drain')).toEqual({ status: 'ok', journal: first });
    expect(readdirSync(join(dir, 'procedures'))).toEqual(['lync-drain.json']);
  });

  it('the store saves one after another: the last change is the one on disk', async () => {
    const dir = tmp();
    const store = journalStore(dir);
    let j = newJournal('lync-drain', { scope: 'server' }, T0);
    const saves: Promise<void>[] = [];
    for (const id of ['logon', 'dns-load-balancing', 'pause-all', 'manual-all']) {
      j = toggleDone(j, id, T1);
      saves.push(store.save(j));
    }
    await Promise.all(saves);
    expect(await store.load('lync-drain')).toEqual({ status: 'ok', journal: j });
  });

  it('refuses a procedure id that is not a plain name (no path tricks)', () => {
    expect(() => journalFile('/x', '../../etc/passwd')).toThrow(/not a procedure id/);
  });
});

describe('journal: damaged files are reported and set aside, never thrown', () => {
  const damage = async (content: string | Buffer) => {
    const dir = tmp();
    mkdirSync(join(dir, 'procedures'), { recursive: true });
    writeFileSync(join(dir, 'procedures', 'renew-certificates.json'), content);
    const r = await loadJournal(dir, 'renew-certificates', T1);
    return { dir, r, files: readdirSync(join(dir, 'procedures')) };
  };

  it('not JSON', async () => {
    const { r, files } = await damage('{"version": 1, "procedure": "renew-cert');
    expect(r.status).toBe('damaged');
    if (r.status !== 'damaged') return;
    expect(r.reason).toMatch(/^it is not JSON/);
    expect(r.movedTo).toMatch(/renew-certificates\.json\.damaged-2026-11-22T06-41-07-000Z$/);
    expect(files).toEqual(['renew-certificates.json.damaged-2026-11-22T06-41-07-000Z']);
  });

  it('the wrong shape: says which field', async () => {
    const good = newJournal('renew-certificates', { version: '2.0+' }, T0);
    const { r } = await damage(JSON.stringify({ ...good, done: { 'update-server': 'yesterday' } }));
    expect(r).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/^done\.update-server: /) });
  });

  it('another procedure\'s journal under this name', async () => {
    const { r } = await damage(JSON.stringify(newJournal('lync-drain', {}, T0)));
    expect(r).toMatchObject({ status: 'damaged', reason: 'it is the journal of lync-drain' });
  });

  it('binary garbage and an oversized file', async () => {
    expect((await damage(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x1b, 0x5b]))).r.status).toBe('damaged');
    const big = await damage(`"${'x'.repeat(1024 * 1024 + 10)}"`);
    expect(big.r).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/bytes \(at most 1048576\)/) });
  });

  it('after setting aside, the procedure starts clean and peek ignores the damaged copy', async () => {
    const { dir } = await damage('nonsense');
    expect(await loadJournal(dir, 'renew-certificates')).toEqual({ status: 'none' });
    expect(await peekJournal(dir, 'renew-certificates')).toBeUndefined();
  });

  it('peek reads without moving a damaged file', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'procedures'), { recursive: true });
    writeFileSync(join(dir, 'procedures', 'lync-drain.json'), 'nonsense');
    expect(await peekJournal(dir, 'lync-drain')).toBeUndefined();
    expect(readdirSync(join(dir, 'procedures'))).toEqual(['lync-drain.json']);
  });
});
