import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupPath, backupStamp, writeBackup } from '../../src/core/fix/backup.js';
import { applyIniStateFix, INI_MAX_BYTES, readIniFile } from '../../src/core/fix/ini-file.js';
import { planIniStateFix } from '../../src/core/fix/ini-state.js';
import iniStateMissing from '../../rules/ini-state-missing.js';
import moduleAnalysisCacheStale from '../../rules/module-analysis-cache-stale.js';
import { checkCacheName, defaultCachePath, deleteCache, inspectCache } from '../../src/core/fix/cache.js';
import { encodeText } from '../../src/core/text/decode.js';
import { InputError } from '../../src/core/errors.js';

const NOW = new Date('2026-11-22T06:20:00.123Z');
const tmp = () => mkdtempSync(join(tmpdir(), 'ccdoctor-fix-'));

describe('backups', () => {
  it('are named <file>.ccdoctor-<UTC stamp>.bak, hold the exact bytes, and leave no temporary file', async () => {
    const dir = tmp();
    const file = join(dir, 'CloudConnector.ini');
    const data = encodeText('[Common]\r\nA=1\r\n', 'utf-16le');
    expect(backupStamp(NOW)).toBe('20261122T062000Z');
    const b = await writeBackup(file, data, NOW);
    expect(b).toBe(`${file}.ccdoctor-20261122T062000Z.bak`);
    expect(Buffer.from(readFileSync(b)).equals(Buffer.from(data))).toBe(true);
    expect(readdirSync(dir)).toEqual(['CloudConnector.ini.ccdoctor-20261122T062000Z.bak']);
  });

  it('never replace an existing backup: a taken name gets the next suffix', async () => {
    const dir = tmp();
    const file = join(dir, 'CloudConnector.ini');
    writeFileSync(backupPath(file, NOW), 'older backup');
    writeFileSync(backupPath(file, NOW, 1), 'another');
    const b = await writeBackup(file, new TextEncoder().encode('new'), NOW);
    expect(b).toBe(`${file}.ccdoctor-20261122T062000Z-2.bak`);
    expect(readFileSync(backupPath(file, NOW), 'utf8')).toBe('older backup');
    expect(readFileSync(backupPath(file, NOW, 1), 'utf8')).toBe('another');
    expect(readdirSync(dir).sort()).toHaveLength(3);
  });
});

describe('applyIniStateFix', () => {
  it('backs up, edits atomically keeping the permissions, and re-checks with the rule', async () => {
    const dir = tmp();
    const file = join(dir, 'CloudConnector.ini');
    const original = encodeText('[Common]\r\nSiteName=Sydney\r\n[Network]\r\nIP=1\r\n', 'utf-16le');
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    const plan = planIniStateFix((await readIniFile(file)).bytes, file, 'NSW');
    if (plan.kind !== 'edit') throw new Error('expected an edit');
    const r = await applyIniStateFix(file, plan, NOW, iniStateMissing);
    expect(r).toMatchObject({ ok: true, backup: `${file}.ccdoctor-20261122T062000Z.bak`, check: { outcome: 'pass' } });
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(plan.after))).toBe(true);
    expect(Buffer.from(readFileSync(r.backup)).equals(Buffer.from(original))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['CloudConnector.ini', 'CloudConnector.ini.ccdoctor-20261122T062000Z.bak']);
  });

  it('refuses when the file changed after it was read, writing nothing', async () => {
    const dir = tmp();
    const file = join(dir, 'CloudConnector.ini');
    writeFileSync(file, '[Common]\nA=1\n');
    const plan = planIniStateFix((await readIniFile(file)).bytes, file);
    if (plan.kind !== 'edit') throw new Error('expected an edit');
    writeFileSync(file, '[Common]\nA=2\n');
    await expect(applyIniStateFix(file, plan, NOW, iniStateMissing)).rejects.toThrow(/changed since it was read: nothing written/);
    expect(readFileSync(file, 'utf8')).toBe('[Common]\nA=2\n');
    expect(readdirSync(dir)).toEqual(['CloudConnector.ini']);
  });

  it('puts the original back when the written file does not pass the rule', async () => {
    const dir = tmp();
    const file = join(dir, 'CloudConnector.ini');
    const before = new TextEncoder().encode('[Common]\nA=1\n');
    writeFileSync(file, before);
    const plan = planIniStateFix(before, file);
    if (plan.kind !== 'edit') throw new Error('expected an edit');
    // A plan whose result would not satisfy the rule (the check, not the plan, has the last word).
    const r = await applyIniStateFix(file, { ...plan, after: new TextEncoder().encode('[Common]\nA=1\n;State=\n') }, NOW, iniStateMissing);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^ini-state-missing still reports fail/) });
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(before))).toBe(true);
    expect(readFileSync(r.backup, 'utf8')).toBe('[Common]\nA=1\n');
  });

  it('reads only a regular file of a sensible size', async () => {
    const dir = tmp();
    await expect(readIniFile(join(dir, 'missing.ini'))).rejects.toThrow(/does not exist\. CloudConnector\.ini is in the appliance directory/);
    await expect(readIniFile(dir)).rejects.toThrow(/is not a regular file/);
    writeFileSync(join(dir, 'real.ini'), '[Common]\n');
    symlinkSync(join(dir, 'real.ini'), join(dir, 'link.ini'));
    await expect(readIniFile(join(dir, 'link.ini'))).rejects.toThrow(/is a symbolic link/);
    writeFileSync(join(dir, 'big.ini'), Buffer.alloc(INI_MAX_BYTES + 1, 0x41));
    await expect(readIniFile(join(dir, 'big.ini'))).rejects.toThrow(/too large for a CloudConnector\.ini/);
  });
});

describe('ModuleAnalysisCache', () => {
  it('defaults to %LOCALAPPDATA%\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache on Windows only', () => {
    expect(defaultCachePath({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32')).toBe('C:\\Users\\me\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache');
    expect(defaultCachePath({}, 'win32')).toBeUndefined();
    expect(defaultCachePath({ LOCALAPPDATA: '/x' }, 'linux')).toBeUndefined();
  });

  it('refuses any name but ModuleAnalysisCache*, and ccdoctor backups', () => {
    for (const p of ['/x/CloudConnector.ini', '/x/ModuleAnalysisCach', '/x/PowerShell', '/x/ModuleAnalysisCache.ccdoctor-20261122T062000Z.bak']) {
      expect(() => checkCacheName(p), p).toThrow(InputError);
    }
    for (const p of ['/x/ModuleAnalysisCache', '/x/moduleanalysiscache', '/x/ModuleAnalysisCache-1A2B']) expect(() => checkCacheName(p)).not.toThrow();
  });

  it('inspects: absent is undefined; a folder or a link is refused', async () => {
    const dir = tmp();
    expect(await inspectCache(join(dir, 'ModuleAnalysisCache'))).toBeUndefined();
    mkdirSync(join(dir, 'ModuleAnalysisCache'));
    await expect(inspectCache(join(dir, 'ModuleAnalysisCache'))).rejects.toThrow(/is not a regular file/);
    writeFileSync(join(dir, 'precious'), 'x');
    symlinkSync(join(dir, 'precious'), join(dir, 'ModuleAnalysisCache2'));
    await expect(inspectCache(join(dir, 'ModuleAnalysisCache2'))).rejects.toThrow(/is not a regular file/);
    expect(readFileSync(join(dir, 'precious'), 'utf8')).toBe('x');
  });

  it('deletes the inspected file, keeping a copy on request, and the rule then passes', async () => {
    const dir = tmp();
    const file = join(dir, 'ModuleAnalysisCache');
    const data = Buffer.from([0, 1, 2, 255, 254]);
    writeFileSync(file, data);
    const found = await inspectCache(file);
    expect(found).toMatchObject({ path: file, size: 5 });
    const r = await deleteCache(found!, { backup: true, now: NOW, rule: moduleAnalysisCacheStale });
    expect(r.backup).toBe(`${file}.ccdoctor-20261122T062000Z.bak`);
    expect(readFileSync(r.backup!).equals(data)).toBe(true);
    expect(readdirSync(dir)).toEqual(['ModuleAnalysisCache.ccdoctor-20261122T062000Z.bak']);
    expect(r.check.outcome).toBe('pass');
    writeFileSync(file, data);
    const again = await deleteCache((await inspectCache(file))!, { backup: false, now: NOW, rule: moduleAnalysisCacheStale });
    expect(again.backup).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['ModuleAnalysisCache.ccdoctor-20261122T062000Z.bak']);
  });

  it('refuses to delete a file rewritten since it was inspected (a PowerShell is still running)', async () => {
    const dir = tmp();
    const file = join(dir, 'ModuleAnalysisCache');
    writeFileSync(file, 'old');
    const found = (await inspectCache(file))!;
    writeFileSync(file, 'rebuilt by PowerShell');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await expect(deleteCache(found, { backup: false, now: NOW, rule: moduleAnalysisCacheStale })).rejects.toThrow(/changed while you were asked.*Close every other PowerShell window first: an open PowerShell writes its cache back/);
    expect(readFileSync(file, 'utf8')).toBe('rebuilt by PowerShell');
  });
});
