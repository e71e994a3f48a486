import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../helpers/catalogue.js';
import { runFleet } from '../../src/core/fleet/run-fleet.js';
import type { FleetHost } from '../../src/core/fleet/host-facts.js';
import { expandSnapshotInputs } from '../../src/core/fleet/inputs.js';
import { runCheck, snapshotSource } from '../../src/core/run/run-check.js';
import { generateFleet } from '../bench/gen-fleet.mjs';

const NOW = new Date('2026-11-21T00:00:00Z');
let dir: string;
let names: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fleet-test-'));
  names = generateFleet(dir, 40, 7);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sources = () => expandSnapshotInputs([dir], dir).map((i) => snapshotSource(i.path, i.shown));

describe('runFleet over many generated snapshots gives each host what runCheck gives it alone', () => {
  it('the generated fleet is varied: sites of several hosts, faults on some, every snapshot readable', async () => {
    const run = await runFleet(sources(), CATALOGUE, { now: NOW });
    expect(run.failed).toEqual([]);
    expect(run.hosts.map((h) => h.name).sort()).toEqual([...names].sort());
    expect(run.sites.length).toBeGreaterThan(8);
    expect(run.sites.every((s) => s.hosts.length >= 1 && s.hosts.every((h) => h.site.from === 'ini'))).toBe(true);
    const failing = run.hosts.filter((h) => h.results.some((r) => r.status === 'fail'));
    expect(failing.length).toBeGreaterThan(3);
    expect(failing.length).toBeLessThan(run.hosts.length);
  });

  it('per host: the same results, host, source and warnings as runCheck on that snapshot alone', async () => {
    const seen: FleetHost[] = [];
    const run = await runFleet(sources(), CATALOGUE, { now: NOW, onHost: (_d, _t, o) => 'host' in o && seen.push(o.host) });
    expect(seen).toEqual(run.hosts);
    for (const host of run.hosts) {
      const alone = await runCheck(snapshotSource(join(dir, `${host.name}.json`), host.ref), CATALOGUE, { now: NOW });
      expect(host.results).toEqual(alone.results);
      expect(JSON.stringify(host.results)).toBe(JSON.stringify(alone.results));
      expect(host.host).toEqual(alone.host);
      expect(host.source).toEqual(alone.source);
      expect(host.warnings).toEqual(alone.warnings);
    }
  });

  it("retain: 'outcomes' keeps each rule's outcome without evidence or remediation; onHost still gets them whole", async () => {
    const full = await runFleet(sources(), CATALOGUE, { now: NOW });
    const whole: FleetHost[] = [];
    const slim = await runFleet(sources(), CATALOGUE, { now: NOW, retain: 'outcomes', onHost: (_d, _t, o) => 'host' in o && whole.push(o.host) });
    expect(whole.map((h) => h.results)).toEqual(full.hosts.map((h) => h.results));
    expect(whole.every((h) => h.outcomesOnly === undefined)).toBe(true);
    slim.hosts.forEach((h, i) => {
      expect(h.outcomesOnly).toBe(true);
      expect(h.results).toEqual(full.hosts[i]!.results.map((r) => ({ ...r, evidence: [], remediation: [] })));
    });
    slim.hosts.forEach((h, i) => expect(h.facts).toEqual(whole[i]!.facts));
    // Equal outcomes of different hosts are one frozen record.
    const passes = slim.hosts.map((h) => h.results.find((r) => r.rule === 'vm-not-on-switch' && r.status === 'pass')).filter((r) => r !== undefined);
    const byMessage = new Map(passes.map((r) => [r.message, passes.filter((p) => p.message === r.message)]));
    expect([...byMessage.values()].some((same) => same.length > 1 && same.every((r) => r === same[0]))).toBe(true);
    expect(Object.isFrozen(passes[0])).toBe(true);
    expect(slim.siteResults).toEqual(full.siteResults);
    expect(slim.sites.map((s) => s.hosts.map((h) => h.name))).toEqual(full.sites.map((s) => s.hosts.map((h) => h.name)));
  });

  it("retain: 'findings' (check's text output) keeps failures, unknowns and errors whole, passes without evidence", async () => {
    const full = await runFleet(sources(), CATALOGUE, { now: NOW });
    const lean = await runFleet(sources(), CATALOGUE, { now: NOW, retain: 'findings' });
    const quiet = (s: string) => s === 'pass' || s === 'not-applicable';
    lean.hosts.forEach((h, i) => {
      expect(h.outcomesOnly).toBeUndefined();
      expect(h.results).toEqual(full.hosts[i]!.results.map((r) => (quiet(r.status) ? { ...r, evidence: [], remediation: [] } : r)));
    });
    expect(lean.hosts.some((h) => h.results.some((r) => r.status === 'fail' && r.evidence.length > 0))).toBe(true);
    expect(lean.siteResults).toEqual(full.siteResults);
  });

  it('a cancel stops before the next host is checked (the input read ahead is not checked)', async () => {
    const stop = new AbortController();
    const run = await runFleet(sources(), CATALOGUE, { now: NOW, signal: stop.signal, onHost: (done) => done === 3 && stop.abort() });
    expect(run.hosts).toHaveLength(3);
    expect(run.partial).toBe(true);
    const last = new AbortController();
    const all = await runFleet(sources(), CATALOGUE, { now: NOW, signal: last.signal, onHost: (done) => done === names.length && last.abort() });
    expect(all.hosts).toHaveLength(names.length);
    expect(all.partial).toBe(false);
  });

  it('kept results share what repeats: evidence items that name the same fact of a host share one provenance', async () => {
    const run = await runFleet(sources(), CATALOGUE, { now: NOW });
    const host = run.hosts.find((h) => h.results.flatMap((r) => r.evidence).filter((e) => e.fact === 'hyperv.vms').length > 1)!;
    const items = host.results.flatMap((r) => r.evidence).filter((e) => e.fact === 'hyperv.vms');
    expect(new Set(items.map((e) => e.provenance)).size).toBe(1);
  });
});
