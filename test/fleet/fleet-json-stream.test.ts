import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../helpers/catalogue.js';
import { runFleet } from '../../src/core/fleet/run-fleet.js';
import { expandSnapshotInputs } from '../../src/core/fleet/inputs.js';
import { snapshotSource, type FactSource } from '../../src/core/run/run-check.js';
import { FLEET_SCHEMA, FleetJsonWriter, fleetHostJson, fleetTailJson } from '../../src/core/output/fleet-json.js';
import { generateFleet } from '../bench/gen-fleet.mjs';

// `check --format json` of many hosts writes each host as it is checked and keeps only its outcomes: the
// text must be exactly the whole document's JSON.stringify(…, null, 2), and no host may wait for the end.
const NOW = new Date('2026-11-21T00:00:00Z');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fleet-json-'));
  generateFleet(dir, 12, 3);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sources = () => expandSnapshotInputs([dir], dir).map((i) => snapshotSource(i.path, i.shown));

describe('FleetJsonWriter', () => {
  it('writes, host by host, the text JSON.stringify gives for the whole document of a run that kept everything', async () => {
    const full = await runFleet(sources(), CATALOGUE, { now: NOW });
    const whole = { schema: FLEET_SCHEMA, tool: { name: 'ccdoctor', version: '9.9.9' }, hosts: full.hosts.map((h) => fleetHostJson(h, 'warning')), ...fleetTailJson(full, 'warning', ['a note']) };

    let text = '';
    const writer = new FleetJsonWriter((t) => (text += t), 'warning', '9.9.9');
    const slim = await runFleet(sources(), CATALOGUE, { now: NOW, retain: 'outcomes', onHost: (_d, _t, o) => 'host' in o && writer.host(o.host) });
    writer.end(slim, ['a note']);

    expect(slim.hosts.every((h) => h.outcomesOnly)).toBe(true);
    expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect((JSON.parse(text) as { hosts: unknown[] }).hosts).toHaveLength(12);
  });

  it('each host is written before the next input is even read', async () => {
    const events: string[] = [];
    const traced: FactSource[] = sources().map((s) => ({
      ...s,
      collect: (...args: Parameters<FactSource['collect']>) => {
        events.push(`read ${s.label}`);
        return s.collect(...args);
      },
    }));
    const writer = new FleetJsonWriter((t) => {
      const name = /"name": "([^"]+)",\n {6}"ref"/.exec(t)?.[1];
      if (name) events.push(`wrote ${name}`);
    }, 'error', '0');
    await runFleet(traced, CATALOGUE, { now: NOW, retain: 'outcomes', onHost: (_d, _t, o) => 'host' in o && writer.host(o.host) });
    // One input is read ahead (while the host before is checked): host k is written before input k + 2 is read.
    const reads = events.filter((e) => e.startsWith('read')).length;
    expect(reads).toBe(12);
    events.forEach((e, i) => {
      if (!e.startsWith('wrote')) return;
      const readBefore = events.slice(0, i).filter((x) => x.startsWith('read')).length;
      const wroteBefore = events.slice(0, i).filter((x) => x.startsWith('wrote')).length;
      expect(readBefore).toBeLessThanOrEqual(wroteBefore + 2);
    });
  });

  it('a run that reads no host writes nothing until the end, then a whole document', () => {
    let text = '';
    const writer = new FleetJsonWriter((t) => (text += t), 'error', '0');
    expect(text).toBe('');
    writer.end({ hosts: [], failed: [{ ref: 'x.json', message: 'not JSON' }], sites: [], siteResults: [], partial: false });
    const doc = JSON.parse(text) as { hosts: unknown[]; failed: unknown[]; schema: string };
    expect(doc.schema).toBe(FLEET_SCHEMA);
    expect(doc.hosts).toEqual([]);
    expect(doc.failed).toHaveLength(1);
  });
});
