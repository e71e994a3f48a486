/** Snapshots as patches: a file names the snapshot it extends and only what differs (FORMAT.md). */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { loadSnapshotFile } from '../../src/core/snapshot/load.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { checkSnapshot } from '../helpers/check.js';
import { InputError } from '../../src/core/errors.js';
import { cmd, healthy21 } from '../fixtures/hosts.js';
import { ccdoctor } from '../helpers/cli.js';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');
const HEADER = { schema: 'ccdoctor/snapshot', version: 1 };

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-patch-'));
  for (const [name, json] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  }
  return dir;
}

async function refusal(file: string, shown?: string): Promise<string> {
  try {
    await loadSnapshotFile(file, FACTS, shown);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`${file} loaded`);
}

describe('a snapshot patch', () => {
  it('replaces, adds and removes facts and host fields of its base; its facts come from the patch file', async () => {
    const dir = folder({
      'base.json': healthy21(),
      'sub/patch.json': {
        ...HEADER, extends: '../base.json',
      },
      'patch.json': {
        ...HEADER,
        extends: 'base.json',
        host: { description: 'patched', name: 'CCE-SYD-09' },
        facts: { 'dotnet.release': cmd(379893, 'dotnet.release', 12), 'made.up': { status: 'missing', message: 'x' } },
        remove: ['ps.moduleAnalysisCache'],
      },
    });
    const loaded = await loadSnapshotFile(join(dir, 'patch.json'), FACTS, 'shown/patch.json');
    expect(loaded.host).toMatchObject({ name: 'CCE-SYD-09', description: 'patched', collectedAt: healthy21().host.collectedAt });
    expect(loaded.bases).toEqual([join('shown', 'base.json')]);
    expect(loaded.store.get('dotnet.release')).toMatchObject({ status: 'ok', value: 379893, provenance: { source: 'snapshot', ref: 'shown/patch.json facts["dotnet.release"]' } });
    // A fact the patch does not touch: the base's value, provenance naming the patch that was loaded.
    expect(loaded.store.get('host.os')).toMatchObject({ status: 'ok', provenance: { ref: 'shown/patch.json facts["host.os"]' } });
    expect(loaded.store.has('ps.moduleAnalysisCache')).toBe(false);
    expect(loaded.warnings).toEqual(['facts["made.up"]: unknown fact, ignored']);
    // Resolution is deterministic and is the base with the changes, in the base's order.
    const a = readSnapshotJson(join(dir, 'patch.json'));
    expect(JSON.stringify(readSnapshotJson(join(dir, 'patch.json')))).toBe(JSON.stringify(a));
    expect(Object.keys(a.facts)).toEqual([...Object.keys(healthy21().facts).filter((k) => k !== 'ps.moduleAnalysisCache'), 'made.up']);
  });

  it('is read relative to its own folder, whatever the working directory', async () => {
    const dir = folder({ 'base.json': healthy21(), 'p.json': { ...HEADER, extends: 'base.json' } });
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      const loaded = await loadSnapshotFile(relative(tmpdir(), join(dir, 'p.json')), FACTS);
      expect(loaded.host.name).toBe('CCE-SYD-01');
    } finally {
      process.chdir(cwd);
    }
  });

  it('may extend a patch (a chain), and the whole resolves like the chain applied in order', async () => {
    const dir = folder({
      'base.json': healthy21(),
      'mid.json': { ...HEADER, extends: 'base.json', facts: { 'dotnet.release': cmd(1, 'dotnet.release') } },
      'top.json': { ...HEADER, extends: 'mid.json', host: { description: 'top' } },
    });
    const loaded = await loadSnapshotFile(join(dir, 'top.json'), FACTS, 'top.json');
    expect(loaded.bases).toEqual(['mid.json', 'base.json']);
    expect(loaded.store.get('dotnet.release').value).toBe(1);
  });

  it('is refused, naming the file and the field, for a missing base, a cycle, a base outside its folder or an absolute one', async () => {
    const dir = folder({
      'missing.json': { ...HEADER, extends: 'nope.json' },
      'self.json': { ...HEADER, extends: 'self.json' },
      'a.json': { ...HEADER, extends: 'b.json' },
      'b.json': { ...HEADER, extends: './a.json' },
      'up.json': { ...HEADER, extends: '../elsewhere/base.json' },
      'sneaky.json': { ...HEADER, extends: 'sub/../../base.json' },
      'abs.json': { ...HEADER, extends: '/etc/base.json' },
      'drive.json': { ...HEADER, extends: 'C:\\snapshots\\base.json' },
      'empty.json': { ...HEADER, extends: '' },
      'dir.json': { ...HEADER, extends: 'sub' },
      'sub/x.json': healthy21(),
    });
    expect(await refusal(join(dir, 'missing.json'), 'missing.json')).toBe('missing.json: extends: cannot read the base snapshot nope.json: no such file');
    expect(await refusal(join(dir, 'self.json'), 'self.json')).toBe('self.json: extends: "self.json" makes a cycle: self.json → self.json');
    expect(await refusal(join(dir, 'a.json'), 'a.json')).toBe('b.json: extends: "./a.json" makes a cycle: a.json → b.json → a.json');
    expect(await refusal(join(dir, 'up.json'), 'up.json')).toBe('up.json: extends: "../elsewhere/base.json" is outside this file\'s folder (a base must be in the same folder or below it)');
    expect(await refusal(join(dir, 'sneaky.json'), 'sneaky.json')).toMatch(/^sneaky\.json: extends: "sub\/\.\.\/\.\.\/base\.json" is outside this file's folder/);
    expect(await refusal(join(dir, 'abs.json'), 'abs.json')).toBe('abs.json: extends: "/etc/base.json" must be a path relative to this file\'s folder, not an absolute path');
    expect(await refusal(join(dir, 'drive.json'), 'drive.json')).toBe('drive.json: extends: "C:\\snapshots\\base.json" must be a path relative to this file\'s folder, not an absolute path');
    expect(await refusal(join(dir, 'empty.json'), 'empty.json')).toBe('empty.json: extends: is empty; it should hold the file name of the snapshot this one extends (relative to this file, in its folder or below)');
    expect(await refusal(join(dir, 'dir.json'), 'dir.json')).toBe('dir.json: extends: cannot read the base snapshot sub: it is a directory, not a file');
  });

  it('is refused for what it removes or writes wrongly, and validated like a whole snapshot once resolved', async () => {
    const base = healthy21();
    const dir = folder({
      'base.json': base,
      'not-there.json': { ...HEADER, extends: 'base.json', remove: ['dotnet.release', 'no.such'] },
      'both.json': { ...HEADER, extends: 'base.json', facts: { 'dotnet.release': cmd(1, 'dotnet.release') }, remove: ['dotnet.release'] },
      'typo.json': { ...HEADER, extends: 'base.json', fact: {} },
      'bad-host.json': { ...HEADER, extends: 'base.json', host: { collectedAt: 'yesterday' } },
      'bad-value.json': { ...HEADER, extends: 'base.json', facts: { 'dotnet.release': cmd('new', 'dotnet.release') } },
      'version.json': { ...HEADER, version: 2, extends: 'base.json' },
      'bad-base.json': { ...base, facts: { ...base.facts, 'dotnet.release': cmd('old', 'dotnet.release') } },
      'on-bad-base.json': { ...HEADER, extends: 'bad-base.json', host: { description: 'x' } },
      'broken.json': '{ "schema": "ccdoctor/snapshot", "version": 1,\n  "extends": "base.json",, }',
      'on-broken.json': { ...HEADER, extends: 'broken.json' },
    });
    const at = (name: string) => refusal(join(dir, name), name);
    expect(await at('not-there.json')).toBe('not-there.json: remove[1]: "no.such" is not a fact of the base snapshot base.json');
    expect(await at('both.json')).toBe('both.json: remove[0]: "dotnet.release" is also in facts (a fact is replaced or removed, not both)');
    expect(await at('typo.json')).toBe('typo.json: the top level: unknown field "fact": remove it or check the spelling');
    expect(await at('bad-host.json')).toBe('bad-host.json: host.collectedAt: expected an ISO 8601 date-time (it is the text "yesterday"); it should hold when the facts were collected, an ISO 8601 date-time such as "2024-05-01T10:00:00Z"');
    expect(await at('bad-value.json')).toBe('bad-value.json: facts["dotnet.release"].value: is the text "new"; it should hold a number');
    expect(await at('version.json')).toBe('version.json: snapshot version 2 is not supported (this ccdoctor reads version 1)');
    // A value the patch does not change is named in the file that holds it.
    expect(await at('on-bad-base.json')).toBe('bad-base.json: facts["dotnet.release"].value: is the text "old"; it should hold a number');
    expect(await at('on-broken.json')).toMatch(/^broken\.json is not valid JSON: line 2, column \d+: /);
  });

  it('checks with the same results as the whole snapshot it stands for (check --snapshot)', async () => {
    const name = 'symptom-dotnet-too-old.json';
    expect(JSON.parse(readFileSync(join(SNAPSHOTS, name), 'utf8')).extends).toBe('healthy-2.1.json');
    const dir = folder({ [name]: readSnapshotJson(join(SNAPSHOTS, name)) });
    const now = new Date('2026-11-20T03:00:00Z');
    const whole = await checkSnapshot(join(dir, name), { now, shown: `snapshots/${name}` });
    const patched = await checkSnapshot(join(SNAPSHOTS, name), { now, shown: `snapshots/${name}` });
    expect(JSON.stringify(patched.results)).toBe(JSON.stringify(whole.results));
    expect(patched.results.find((r) => r.rule === 'dotnet-too-old')?.status).toBe('fail');
  });

  it('check and report --snapshot refuse a broken patch with one line and exit 2 (the built CLI)', async () => {
    const dir = folder({ 'symptom.json': { ...HEADER, extends: 'healthy.json', host: { description: 'x' } } });
    for (const args of [['check', '--snapshot', join(dir, 'symptom.json')], ['report', '--snapshot', join(dir, 'symptom.json'), '--format', 'json']]) {
      const r = await ccdoctor(args, { reject: false });
      expect(r.exitCode, args[0]).toBe(2);
      expect(String(r.stderr).trim(), args[0]).toMatch(new RegExp(`symptom\\.json: extends: cannot read the base snapshot .*healthy\\.json: no such file$`));
      expect(String(r.stderr).trim().split('\n'), args[0]).toHaveLength(1);
    }
  });
});
