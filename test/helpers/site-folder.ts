// A folder of snapshots for the site view's tests (test/ui/wizard-site.test.tsx, test/e2e/site-pty.test.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

interface SnapshotFile {
  facts: Record<string, { value?: unknown }>;
}

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

/** Facts that make an appliance itself (its name, addresses, site, certificates): never copied between hosts. */
const IDENTITY = new Set(['host.name', 'file.cloudConnectorIni', 'host.adapters', 'cce.directories', 'certs.internal', 'certs.external', 'certs.edgeStores', 'hyperv.vms', 'vm.domainMembership', 'host.defenderExclusions', 'tenant.appliances', 'tenant.sites', 'tenant.hybridMediationSettings']);

/**
 * `site-a/` in a new temporary folder: three appliances of the healthy site Sydney (snapshots/site-sydney/)
 * with a planted cross-appliance fault (CCE-SYD-02 left on CCE 2.0 while the others run 2.1), CCE-SYD-03
 * with documented problems of its own (the demo host's faults, on its own identity), a file that is no
 * snapshot (broken.json) and collect's manifest (never a snapshot).
 */
export function siteFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-site-'));
  const site = join(dir, 'site-a');
  mkdirSync(site);
  const sydney = (n: number) => readSnapshotJson(join(SNAPSHOTS, 'site-sydney', `cce-syd-0${n}.json`)) as unknown as SnapshotFile;
  writeFileSync(join(site, 'cce01.json'), JSON.stringify(sydney(1)));
  const behind = sydney(2);
  behind.facts['cce.scriptVersion']!.value = '2.0.1.271';
  behind.facts['cce.runningVersion']!.value = '2.0.1.271';
  writeFileSync(join(site, 'cce02.json'), JSON.stringify(behind));
  const demo = readSnapshotJson(join(SNAPSHOTS, 'demo.json')) as unknown as SnapshotFile;
  const healthy = readSnapshotJson(join(SNAPSHOTS, 'healthy-2.1.json')) as unknown as SnapshotFile;
  const faulty = sydney(3);
  for (const [id, fact] of Object.entries(demo.facts)) {
    if (!IDENTITY.has(id) && JSON.stringify(fact) !== JSON.stringify(healthy.facts[id])) faulty.facts[id] = fact;
  }
  writeFileSync(join(site, 'cce03.json'), JSON.stringify(faulty));
  writeFileSync(join(site, 'broken.json'), '{ "schema": "ccdoctor/snapshot", ');
  writeFileSync(join(site, 'manifest.json'), '{}');
  return dir;
}
