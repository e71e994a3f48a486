import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { loadSnapshotFile, parseSnapshot } from '../../src/core/snapshot/load.js';
import { snapshotFromStore, writeSnapshotFile } from '../../src/core/snapshot/write.js';
import { InputError } from '../../src/core/errors.js';
import { encodeText } from '../../src/core/text/decode.js';
import { healthy21 } from '../fixtures/hosts.js';

const enc = (o: unknown, e: Parameters<typeof encodeText>[1] = 'utf-8') => encodeText(JSON.stringify(o, null, 2), e);
const load = (bytes: Uint8Array) => parseSnapshot(bytes, 'host.json', FACTS);
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('snapshot v1 loading', () => {
  it('reads UTF-8, UTF-8 with BOM and UTF-16LE with BOM (PowerShell 5.1 default) alike', () => {
    for (const e of ['utf-8', 'utf-8-bom', 'utf-16le'] as const) {
      const snap = load(enc(healthy21(), e));
      expect(snap.host.name).toBe('CCE-SYD-01');
      expect(snap.store.get('dotnet.release')).toMatchObject({ status: 'ok', value: 394271 });
    }
  });

  it('keeps host files byte for byte (UTF-16LE ini inside base64)', () => {
    const snap = load(enc(healthy21()));
    const file = snap.store.get('file.cloudConnectorIni').value as { bytes: Uint8Array };
    expect([file.bytes[0], file.bytes[1]]).toEqual([0xff, 0xfe]);
    expect(snap.store.get('cce.ini')).toMatchObject({ status: 'ok', value: { encoding: 'utf-16le', newline: '\r\n' } });
  });

  it('names the file, line and column of broken JSON', () => {
    const text = '{\n  "schema": "ccdoctor/snapshot",\n  "version": 1,\n  "host": { "name": "x" ,, }\n}';
    expect(message(() => load(new TextEncoder().encode(text)))).toMatch(/^host\.json is not valid JSON: line 4, column \d+/);
  });

  it('names the field that is wrong', () => {
    const wrongSchema = { ...healthy21(), schema: 'something/else' };
    expect(message(() => load(enc(wrongSchema)))).toBe('host.json is not a ccdoctor snapshot: "schema" is "something/else", expected "ccdoctor/snapshot"');
    expect(message(() => load(enc({ ...healthy21(), version: 2 })))).toMatch(/snapshot version 2 is not supported/);
    const noHostName = healthy21();
    delete (noHostName.host as { name?: string }).name;
    expect(message(() => load(enc(noHostName)))).toMatch(/^host\.json: host\.name: /);
    const badValue = healthy21();
    badValue.facts['dotnet.release'] = { status: 'ok', value: 'four point eight' };
    expect(message(() => load(enc(badValue)))).toMatch(/^host\.json: facts\["dotnet\.release"\]\.value: .*number/i);
    const badNested = healthy21();
    badNested.facts['ps.modulePath'] = { status: 'ok', value: { process: 5, user: null, machine: null } };
    expect(message(() => load(enc(badNested)))).toMatch(/facts\["ps\.modulePath"\]\.value\.process/);
    const badStatus = healthy21();
    badStatus.facts['host.name'] = { status: 'broken' as never, value: 'x' };
    expect(message(() => load(enc(badStatus)))).toMatch(/facts\["host\.name"\]\.status/);
    const okWithoutValue = healthy21();
    okWithoutValue.facts['host.name'] = { status: 'ok' };
    expect(message(() => load(enc(okWithoutValue)))).toMatch(/facts\["host\.name"\] has status "ok" but no "value"/);
    const badBase64 = healthy21();
    badBase64.facts['file.cloudConnectorIni'] = { status: 'ok', value: { path: 'C:\\x.ini', exists: true, encoding: 'base64', content: '<<not base64>>' } };
    expect(message(() => load(enc(badBase64)))).toMatch(/facts\["file\.cloudConnectorIni"\]\.value\.content: content is not base64/);
  });

  it('rejects binary files and says why for unreadable paths', async () => {
    expect(message(() => load(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toMatch(/is not a snapshot: it is not text/);
    await expect(loadSnapshotFile('/nonexistent/host.json', FACTS)).rejects.toThrow('cannot read snapshot /nonexistent/host.json: no such file; try snapshots/demo.json');
    await expect(loadSnapshotFile(tmpdir(), FACTS)).rejects.toThrow(/it is a directory/);
  });

  it('keeps not-ok facts with their status and message, and notes unknown or derived ids', () => {
    const s = healthy21();
    s.facts['ps.modulePath'] = { status: 'timeout', message: 'probe did not finish within 30 s' };
    s.facts['some.future.fact'] = { status: 'ok', value: 1 };
    s.facts['cce.ini'] = { status: 'ok', value: {} };
    const snap = load(enc(s));
    expect(snap.store.get('ps.modulePath')).toMatchObject({ status: 'timeout', message: 'probe did not finish within 30 s' });
    expect(snap.warnings).toEqual([
      'facts["some.future.fact"]: unknown fact, ignored',
      'facts["cce.ini"]: derived fact, recomputed from its inputs instead',
    ]);
  });

  it('writes what it reads: write → load → write is stable (atomic, no overwrite without force)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-snap-'));
    const first = load(enc(healthy21()));
    const out = join(dir, 'host.json');
    const again = snapshotFromStore(first.store, FACTS, first.host);
    await writeSnapshotFile(out, again);
    const reread = await loadSnapshotFile(out, FACTS);
    expect(snapshotFromStore(reread.store, FACTS, reread.host)).toEqual(again);
    await expect(writeSnapshotFile(out, again)).rejects.toThrow(/already exists: not overwritten \(use --force/);
    writeFileSync(out, 'garbage');
    await writeSnapshotFile(out, again, { force: true });
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('ccdoctor/snapshot');
    await expect(writeSnapshotFile(join(dir, 'no', 'such', 'dir.json'), again)).rejects.toThrow(/the folder .* does not exist/);
  });
});

describe('snapshots written by collect.ps1 (collector mode "script")', () => {
  const scriptSnapshot = (facts: Record<string, unknown>) =>
    new TextEncoder().encode(JSON.stringify({
      schema: 'ccdoctor/snapshot', version: 1,
      host: { name: 'CCE-SYD-01', collectedAt: '2026-11-20T02:14:07.000Z', collector: { name: 'ccdoctor', version: '1.0.0', mode: 'script' } },
      facts,
    }));

  it('reads each probe output as a live run does (the probe\'s own parse), so they load', () => {
    const loaded = parseSnapshot(scriptSnapshot({
      'hyperv.vms': { status: 'ok', source: 'command', ref: 'probe hyperv.vms', value: { vms: { name: 'AD01', role: null, state: 'Running', adapters: { name: 'Corpnet', switchName: 'SfB CCE Corpnet Switch', ipAddresses: '192.168.10.11' } } } },
      'host.name': { status: 'ok', value: 'CCE-SYD-01' },
    }), 'collected.json', FACTS);
    expect(loaded.store.get('hyperv.vms')).toMatchObject({ status: 'ok', value: [{ name: 'AD01', state: 'Running', adapters: [{ ipAddresses: ['192.168.10.11'] }] }] });
  });

  it('an output that is not understood makes that fact an error with the raw text, not the whole file', () => {
    const loaded = parseSnapshot(scriptSnapshot({
      'hyperv.vms': { status: 'ok', value: { vms: [{ state: 'Running' }] } },
      'host.name': { status: 'ok', value: 'CCE-SYD-01' },
    }), 'collected.json', FACTS);
    expect(loaded.store.get('hyperv.vms')).toMatchObject({ status: 'error', message: expect.stringMatching(/collector's output was not understood: VM \[0\] has no name/), raw: expect.stringContaining('Running') });
    expect(loaded.store.get('host.name').status).toBe('ok');
  });
});
