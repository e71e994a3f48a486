/** A fleet run for the fleet report tests: one site with a cross-appliance fault, a host without a site, an unreadable input. */
import { join } from 'node:path';
import { CATALOGUE } from '../../helpers/catalogue.js';
import { runFleet, type FleetRun } from '../../../src/core/fleet/run-fleet.js';
import { expandSnapshotInputs } from '../../../src/core/fleet/inputs.js';
import { snapshotSource } from '../../../src/core/run/run-check.js';
import type { Catalogue } from '../../../src/core/rules/catalogue.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const NOW = new Date('2026-11-21T00:00:00Z');

export const INPUTS = [
  'snapshots/ha-site-appliance-1.json', // CCE-SYD-01, Sydney, 2.1
  'snapshots/ha-site-appliance-2.json', // CCE-SYD-02, Sydney, 2.1
  'snapshots/symptom-marked-down-after-update.json', // CCE-MEL-01, Sydney, 3 findings
  'snapshots/healthy-1.4.2.json', // CCE-PER-01, Sydney, 1.4.2: the site's versions differ
  'snapshots/lync-fe-draining.json', // LYNC-FE01, a Lync front end: no CCE site
  'snapshots/no-such.json',
];

export async function fleetRun(inputs = INPUTS, catalogue: Catalogue = CATALOGUE, retain: 'full' | 'findings' = 'full'): Promise<FleetRun> {
  const found = expandSnapshotInputs(inputs, ROOT);
  return runFleet(found.map((i) => snapshotSource(i.path, i.shown)), catalogue, { now: NOW, retain });
}

/** As --waivers and --baseline would leave them (their parsing is another part of the issue). */
export function withWaiversAndBaseline(run: FleetRun): FleetRun {
  const mel = run.hosts.find((h) => h.name === 'CCE-MEL-01')!;
  for (const r of mel.results) {
    if (r.rule === 'monitored-service-down') r.waiver = { reason: 'RTCMEDSRV restarts nightly by design (CHG-1234)', expires: '2027-01-31', expired: false, scope: 'host CCE-MEL-01' };
    if (r.rule === 'appliance-marked-down') r.waiver = { reason: 'was planned maintenance', expires: '2026-11-01', expired: true, scope: 'site Sydney' };
    if (r.status === 'fail') r.baseline = r.rule === 'calls-fail-after-host-update' ? 'known' : 'new';
  }
  return run;
}
