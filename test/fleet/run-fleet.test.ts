import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CATALOGUE } from '../helpers/catalogue.js';
import { runFleet } from '../../src/core/fleet/run-fleet.js';
import { expandSnapshotInputs } from '../../src/core/fleet/inputs.js';
import { snapshotSource } from '../../src/core/run/run-check.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = new Date('2026-11-21T00:00:00Z');

describe('runFleet: many snapshots through the one pipeline', () => {
  it('checks each host, groups them into sites, and evaluates the site rules per site', async () => {
    const inputs = expandSnapshotInputs(['snapshots/ha-site-appliance-*.json', 'snapshots/healthy-1.4.2.json', 'snapshots/no-such.json'], ROOT);
    expect(inputs.map((i) => i.shown)).toEqual([
      'snapshots/ha-site-appliance-1.json', 'snapshots/ha-site-appliance-2-waiting.json', 'snapshots/ha-site-appliance-2.json',
      'snapshots/healthy-1.4.2.json', 'snapshots/no-such.json',
    ]);
    const seen: number[] = [];
    const run = await runFleet(inputs.map((i) => snapshotSource(i.path, i.shown)), CATALOGUE, { now: NOW, onHost: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(run.failed).toEqual([{ ref: 'snapshots/no-such.json', message: expect.stringContaining('no such file') }]);
    expect(run.hosts).toHaveLength(4);
    expect(run.hosts[0]!.results.length).toBe(CATALOGUE.rules.length);
    const versions = run.siteResults.filter((r) => r.rule === 'site-versions-differ');
    expect(versions.length).toBe(run.sites.length);
    for (const r of versions) expect(['pass', 'fail', 'not-applicable', 'unknown']).toContain(r.status);
  });

  it('a host missing the fact makes the site rule unknown, naming the host and the fact', async () => {
    const inputs = expandSnapshotInputs(['snapshots/ha-site-appliance-1.json', 'snapshots/ha-site-appliance-2.json'], ROOT);
    const run = await runFleet(inputs.map((i) => snapshotSource(i.path, i.shown)), CATALOGUE, { now: NOW });
    const [h1] = run.hosts;
    (h1!.facts as Map<string, unknown>).set('cce.version', { id: 'cce.version', status: 'missing', message: 'not collected', provenance: { source: 'snapshot', ref: 'x' } });
    const { evaluateSiteRule } = await import('../../src/core/fleet/evaluate-site.js');
    const rule = CATALOGUE.siteRules.find((r) => r.id === 'site-versions-differ')!;
    const r = evaluateSiteRule(rule, run.sites[0]!.name, run.hosts, NOW, {});
    expect(r.status).toBe('unknown');
    expect(r.unavailable[0]).toMatchObject({ host: h1!.name, fact: 'cce.version', status: 'missing' });
    expect(r.message).toContain(`on ${h1!.name}, cce.version is missing`);
  });
});
