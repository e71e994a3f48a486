/**
 * The live path for real: for every committed host snapshot, a live check (Node → real pwsh → every probe
 * → JSON lines) on a simulated host built from that snapshot gives the same rule results as
 * `check --snapshot` of the snapshot itself. Tenant facts are not collected live (they come from the
 * tenant cmdlets' JSON files), so the snapshot's tenant facts join the live run as such files would.
 */
import { expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { checkSnapshot } from '../../src/core/run/check-run.js';
import { loadSnapshotFile } from '../../src/core/snapshot/load.js';
import { checkLive } from '../../src/live/check-live.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';
import { limit } from './limit.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SNAPSHOTS = readdirSync(join(ROOT, 'snapshots')).filter((f) => f.endsWith('.json')).sort();
const one = limit(2);

describeTier('powershell', 'live check on a simulated host = check --snapshot, for every snapshot', (tier) => {
  it('there are snapshots', () => expect(SNAPSHOTS.length).toBeGreaterThan(40));
  for (const name of SNAPSHOTS) {
    it.concurrent(name, () => one(async () => {
      if (process.platform === 'win32') return; // the simulated host maps C:\ to a sandbox folder: POSIX pwsh only
      const file = join(ROOT, 'snapshots', name);
      const json = readSnapshot(file);
      const now = new Date(String(json.host.collectedAt ?? '2026-11-20T00:00:00Z'));
      const expected = await checkSnapshot(file, { now });
      const loaded = await loadSnapshotFile(file, FACTS);
      const sim = simulate(json, tier.tool);
      try {
        const live = await checkLive({
          powershell: sim.launcher,
          env: sim.env,
          now,
          // A host whose stored credentials cannot be read is checked with the VM account given (--vm-user).
          ...(json.facts['cce.credentialRead']?.value?.ok === false ? { vmCredential: { user: 'CCE\\Administrator', password: 'vm-admin-secret' } } : {}),
          prepare: async (store) => {
            for (const f of loaded.store.collected()) if (f.id.startsWith('tenant.')) store.set(f);
            return [];
          },
        });
        const got = Object.fromEntries(live.results.map((r) => [r.rule, r.status]));
        const want = Object.fromEntries(expected.results.map((r) => [r.rule, r.status]));
        const facts = live.store.collected().filter((f) => f.status !== 'ok' && json.facts[f.id]?.status === 'ok').map((f) => `${f.id}: ${f.status} ${f.message}`);
        expect({ results: got, factsThatFailedLive: facts }).toEqual({ results: want, factsThatFailedLive: [] });
      } finally {
        sim.dispose();
      }
    }), 180_000);
  }
});
