import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import * as z from '../../src/core/schema.js';
import { runLive } from '../../src/live/index.js';
import { liveHost } from '../../src/live/live-host.js';
import { checkSnapshot, runRules } from '../helpers/check.js';
import { snapshotFromStore, writeSnapshotFile } from '../../src/core/snapshot/write.js';
import type { RuleResult } from '../../src/core/rules/types.js';
import { fakeEnv, SNAPSHOTS, tempDir } from './fake.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const tenantFacts = new Set([...FACTS.values()].filter((s) => s.external === 'tenant').map((s) => s.id));

/** A rule result without where its facts came from (live: a probe; snapshot: the file). */
function comparable(r: RuleResult) {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === 'provenance' ? undefined : v))) as unknown;
}

describe('the same host gives the same rule results live and from the snapshot collect wrote', () => {
  for (const name of ['healthy-2.1.json', 'demo.json']) {
    it(`${name}: live = the snapshot written from it (tenant facts missing in both, saying how to give them)`, async () => {
      const live = await runLive({ specs: FACTS, env: fakeEnv({}, name) });
      const liveRun = await runRules(live.store, { kind: 'live', ref: 'fake' }, { name: 'x' }, { now: NOW });
      const file = join(tempDir(), 'host.json');
      await writeSnapshotFile(file, snapshotFromStore(live.store, FACTS, liveHost(live.store, { version: 'test' })));
      const fromFile = await checkSnapshot(file, { now: NOW });
      expect(fromFile.warnings).toEqual([]);
      expect(fromFile.results.map(comparable)).toEqual(liveRun.results.map(comparable));
      expect(liveRun.results.some((r) => r.status === 'fail' || r.status === 'pass')).toBe(true);
      const written = JSON.parse(readFileSync(file, 'utf8')) as { facts: Record<string, { status: string; message?: string }> };
      for (const id of tenantFacts) expect(written.facts[id]).toMatchObject({ status: 'missing', message: expect.stringMatching(/--tenant FILE/) });
    });

    it(`${name}: live = the snapshot the fake host answered from, except rules waiting for the tenant`, async () => {
      const live = await runLive({ specs: FACTS, env: fakeEnv({}, name) });
      const liveRun = await runRules(live.store, { kind: 'live', ref: 'fake' }, { name: 'x' }, { now: NOW });
      const original = await checkSnapshot(join(SNAPSHOTS, name), { now: NOW });
      const byRule = new Map(original.results.map((r) => [r.rule, r]));
      for (const r of liveRun.results) {
        if (r.unavailable.some((u) => tenantFacts.has(u.fact))) {
          expect(r.status, r.rule).toBe('unknown');
          expect(r.unavailable.find((u) => tenantFacts.has(u.fact))!.message).toMatch(/--tenant FILE.*checklist/);
        } else expect([r.rule, r.status]).toEqual([r.rule, byRule.get(r.rule)!.status]);
      }
    });
  }
});

describe("a probe's parse also accepts the fact's stored JSON", () => {
  // The fake host answers with snapshot values, and a snapshot replayed through a probe's parse must give
  // the same value: so parse(stored JSON) must succeed for every value a snapshot holds.
  const seen = new Map<string, { file: string; value: unknown }>();
  for (const file of readdirSync(SNAPSHOTS).filter((f) => f.endsWith('.json'))) {
    const snap = readSnapshotJson(join(SNAPSHOTS, file)) as unknown as { facts: Record<string, { status?: string; value?: unknown }> };
    for (const [id, e] of Object.entries(snap.facts)) {
      if (FACTS.get(id)?.live?.parse && (e.status ?? 'ok') === 'ok' && !seen.has(id)) seen.set(id, { file, value: e.value });
    }
  }
  for (const [id, { file, value }] of seen) {
    it(`${id} (value from ${file})`, () => {
      const spec = FACTS.get(id)!;
      const stored = z.safeParse(spec.schema, value);
      expect(stored.success).toBe(true);
      expect(spec.live!.parse!(value)).toEqual(stored.data);
    });
  }
});
