/**
 * The live path for real: for every committed host snapshot, a live check (Node → real pwsh → every probe
 * → JSON lines) on a simulated host built from that snapshot gives the same rule results as
 * `check --snapshot` of the snapshot itself. Tenant facts are not collected live (they come from the
 * tenant cmdlets' JSON files), so the snapshot's tenant facts join the live run as such files would.
 */
import { expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkLive } from '../helpers/check.js';
import { describeTier } from '../tiers/tier.js';
import { simulate } from '../sim-host/harness.js';
import { limit } from './limit.js';
import { byRule, ROOT, snapshotCase } from './snapshot-case.js';

const SNAPSHOTS = readdirSync(join(ROOT, 'snapshots')).filter((f) => f.endsWith('.json')).sort();
const one = limit(2);

describeTier('powershell', 'live check on a simulated host = check --snapshot, for every snapshot', (tier) => {
  it('there are snapshots', () => expect(SNAPSHOTS.length).toBeGreaterThan(40));
  for (const name of SNAPSHOTS) {
    // The simulated host maps C:\ to a sandbox folder: POSIX pwsh only (skipped, not passed, on Windows).
    it.runIf(process.platform !== 'win32').concurrent(name, () => one(async () => {
      const { json, now, expected, addTenantFacts } = await snapshotCase(name);
      const sim = simulate(json, tier.tool);
      try {
        const live = await checkLive({
          powershell: sim.launcher,
          env: sim.env,
          now,
          // A host whose stored credentials cannot be read is checked with the VM account given (--vm-user).
          ...(json.facts['cce.credentialRead']?.value?.ok === false ? { vmCredential: { user: 'CCE\\Administrator', password: 'vm-admin-secret' } } : {}),
          prepare: async (store) => {
            addTenantFacts(store);
            return [];
          },
        });
        const got = byRule(live);
        const want = byRule(expected);
        const facts = live.store.collected().filter((f) => f.status !== 'ok' && json.facts[f.id]?.status === 'ok').map((f) => `${f.id}: ${f.status} ${f.message}`);
        expect({ results: got, factsThatFailedLive: facts }).toEqual({ results: want, factsThatFailedLive: [] });
      } finally {
        sim.dispose();
      }
    }), 180_000);
  }
});
