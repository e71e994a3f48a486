import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FACTS } from '../helpers/catalogue.js';
import { checkSnapshot } from '../helpers/check.js';
import { cleanDiff, diffRuns, diffText, type HostDiff } from '../../src/core/diff/index.js';
import { flatten } from '../../src/core/diff/flatten.js';
import { isNoise } from '../../src/core/diff/noise.js';
import { Redactor } from '../../src/core/report/redact.js';
import { hostileSnapshot, SECRETS, writeTempSnapshot } from '../report/fixtures.js';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');
const run = (name: string) => checkSnapshot(name.startsWith('/') ? name : join(SNAPSHOTS, name), { shown: `snapshots/${name}` });

async function diff(a: string, b: string, opts: { all?: boolean; redact?: boolean; redactor?: Redactor } = {}): Promise<HostDiff> {
  const ra = await run(a);
  const rb = await run(b);
  return cleanDiff(diffRuns(ra, rb, FACTS, opts), [ra, rb], FACTS, opts);
}
const lines = (d: HostDiff) => diffText(d).split('\n');

describe('diff of two hosts', () => {
  it('lists the rule outcomes that changed first, then the facts by area, one line per value', async () => {
    const d = await diff('healthy-2.1.json', 'symptom-vm-not-running.json');
    expect(d.same).toBe(false);
    expect(d.rules[0]).toMatchObject({ rule: 'vm-not-running', a: { status: 'pass' }, b: { status: 'fail', message: 'Edge VM EDGE01 is Saved' } });
    expect(d.rules.map((r) => r.b.status)).toEqual(['fail', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(d.areas.map((g) => g.area)).toEqual(['certs', 'hyperv', 'vm']);
    const text = diffText(d);
    expect(text.indexOf('Rule outcomes that changed (5):')).toBeLessThan(text.indexOf('Facts that differ'));
    expect(lines(d)).toContain('    hyperv.vms: [EDGE01].state Running -> Saved');
    expect(lines(d)).toContain('    certs.internal: ok -> error (Edge VM: the Edge VM EDGE01 is Saved)');
  });

  it('two appliances of one site: the changed values inside each fact, list elements one side lacks in one line', async () => {
    const d = await diff('ha-site-appliance-1.json', 'ha-site-appliance-2.json');
    expect(d.rules).toEqual([]);
    const text = lines(d);
    expect(text).toContain('    cce.topology: ips.Mediation 192.168.10.13 -> 192.168.10.23');
    expect(text).toContain('    cce.topology: ips.edgeInternal +192.168.10.24 -192.168.10.14');
    expect(text).toContain('    vm.services: roles[Mediation].vmName MS01 -> MS02');
    expect(text.filter((l) => l.startsWith('    hyperv.vms: [AD02-2.0.1.271] only on B: { name AD02-2.0.1.271; state Off'))).toHaveLength(1);
    expect(text).toContain('    file.cloudConnectorIni: bytes content differs (<3252 bytes>)');
    // File content is compared, never shown.
    expect(diffText(d)).not.toContain('Kp/');
  });

  it('the same host before and after updates: an entry met again is "#2", not a list rewritten', async () => {
    const d = await diff('healthy-2.1.json', 'updated-and-healthy-2.1.json');
    expect(lines(d).filter((l) => l.startsWith('    host.'))).toEqual([
      '    host.recentUpdates: updates[Security Update for Windows Server 2012 R2 (KB5044343)].date 2026-11-11T15:40:12.000Z -> 2026-11-15T15:40:12.000Z',
      '    host.recentUpdates: updates[Security Update for Windows Server 2012 R2 (KB5044343)#2] only on B: { title Security Update for Windows Server 2012 R2 (KB5044343); date 2026-11-11T15:40:12.000Z; result Succeeded }',
    ]);
  });

  it('a host against itself: no difference, exit-worthy "same"', async () => {
    const d = await diff('healthy-2.1.json', 'healthy-2.1.json');
    expect(d).toMatchObject({ same: true, rules: [], areas: [], noiseLeftOut: 0 });
    expect(diffText(d)).toContain('No difference.');
  });

  it('noise (times, counters) is left out and counted; --all shows it marked', async () => {
    const base = await run('healthy-2.1.json');
    const later = await run('healthy-2.1.json');
    const store = later.store as unknown as { set(v: unknown): void; get(id: string): { value: unknown; provenance: unknown } };
    store.set({ id: 'host.lastBoot', status: 'ok', value: '2026-11-19T01:00:00.000Z', provenance: store.get('host.lastBoot').provenance });
    store.set({ id: 'ps.processes', status: 'ok', value: [{ id: 777, name: 'powershell', startTime: '2026-11-21T00:00:00.000Z' }], provenance: store.get('ps.processes').provenance });
    const quiet = cleanDiff(diffRuns(base, later, FACTS), [base, later], FACTS);
    expect(quiet).toMatchObject({ same: true, noiseLeftOut: 3 });
    expect(diffText(quiet)).toContain('No difference that matters (3 noise differences left out: times, counters; --all shows them).');
    const all = cleanDiff(diffRuns(base, later, FACTS, { all: true }), [base, later], FACTS);
    expect(all.same).toBe(false);
    expect(lines(all)).toContain('    host.lastBoot: 2026-11-15T16:02:44.000Z -> 2026-11-19T01:00:00.000Z  (noise)');
  });

  it('the noise list: times and counters inside facts, a log\'s size and excerpt; certificate dates are not noise', () => {
    expect(isNoise('host.lastBoot', [])).toBe(true);
    expect(isNoise('file.cloudConnectorIni', ['lastWriteTime'])).toBe(true);
    expect(isNoise('cce.managementLog', ['excerpt', 'content'])).toBe(true);
    expect(isNoise('cce.managementLog', ['size'])).toBe(true);
    expect(isNoise('file.cloudConnectorIni', ['size'])).toBe(false);
    expect(isNoise('certs.internal', ['certificates', '[CA]', 'notAfter'])).toBe(false);
    expect(isNoise('cce.topology', ['ips', 'Mediation'])).toBe(false);
  });

  it('--redact: names and addresses become tokens, the same on both sides', async () => {
    const redactor = new Redactor();
    const d = await diff('ha-site-appliance-1.json', 'ha-site-appliance-2.json', { redactor });
    const text = diffText(d) + JSON.stringify(d);
    for (const name of ['CCE-SYD-0', 'contoso', '192.168.10.13', 'MS01', 'snapshots/']) expect(text).not.toContain(name);
    const ms01 = redactor.entries().find((e) => e.original === 'MS01')!.token;
    expect(lines(d).some((l) => l.includes(`vm.services: roles[Mediation].vmName ${ms01} -> `))).toBe(true);
    expect(d.redacted).toBe(true);
  });

  it('secrets are masked and control characters stripped, redacted or not', async () => {
    const hostile = writeTempSnapshot(hostileSnapshot());
    const d = await diff('healthy-2.1.json', hostile);
    const text = diffText(d) + JSON.stringify(d);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(d.same).toBe(false);
  });
});

describe('flatten', () => {
  it('keys list elements by a naming field, compares lists of plain values as sets, hides content', () => {
    const f = flatten({ vms: [{ name: 'AD01', state: 'Running' }], ips: ['10.0.0.1', '10.0.0.2'], content: 'secret text', bytes: new Uint8Array([1, 2, 3]) });
    expect([...f.keys()]).toEqual(['vms[AD01].name', 'vms[AD01].state', 'ips', 'content', 'bytes']);
    expect(f.get('ips')!.leaf.items).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(f.get('content')!.leaf.shown).toBe('<11 characters, not shown>');
    expect(f.get('bytes')!.leaf.shown).toBe('<3 bytes>');
  });
});
