// A folder of snapshots for the site view's tests (test/ui/wizard-site.test.tsx, test/e2e/site-pty.test.ts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

/**
 * `site-a/` in a new temporary folder: site Sydney's three appliances with a planted cross-appliance fault
 * (cce02 left on CCE 2.0 while the others run 2.1), cce03 with documented problems of its own (the demo
 * host), a file that is no snapshot (broken.json) and collect's manifest (never a snapshot).
 */
export function siteFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-site-'));
  const site = join(dir, 'site-a');
  mkdirSync(site);
  // Appliance 1 is written as a patch of healthy-2.1.json: copied whole (its base is no host of the site).
  writeFileSync(join(site, 'cce01.json'), JSON.stringify(readSnapshotJson(join(SNAPSHOTS, 'ha-site-appliance-1.json'))));
  const behind = JSON.parse(readFileSync(join(SNAPSHOTS, 'ha-site-appliance-2.json'), 'utf8'));
  behind.facts['cce.scriptVersion'].value = '2.0.1.271';
  behind.facts['cce.runningVersion'].value = '2.0.1.271';
  writeFileSync(join(site, 'cce02.json'), JSON.stringify(behind));
  // A third appliance with documented problems of its own (the demo host, registered in site Sydney).
  writeFileSync(join(site, 'cce03.json'), JSON.stringify(readSnapshotJson(join(SNAPSHOTS, 'demo.json'))));
  writeFileSync(join(site, 'broken.json'), '{ "schema": "ccdoctor/snapshot", ');
  writeFileSync(join(site, 'manifest.json'), '{}');
  return dir;
}

