/** Site rule tests: fixture folders of snapshots/ through the real many-host path (inputs → snapshot sources → runFleet). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CATALOGUE } from '../../helpers/catalogue.js';
import { expandSnapshotInputs } from '../../../src/core/fleet/inputs.js';
import { runFleet, type FleetRun } from '../../../src/core/fleet/run-fleet.js';
import type { SiteRuleResult } from '../../../src/core/fleet/site-rule.js';
import { snapshotSource } from '../../../src/core/run/run-check.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const NOW = new Date('2026-11-21T00:00:00Z');

/** The snapshots named (folders, files, globs; relative to the project, or absolute) checked as one run. */
export async function runSnapshots(...args: string[]): Promise<FleetRun> {
  const inputs = expandSnapshotInputs(args, ROOT);
  const run = await runFleet(inputs.map((i) => snapshotSource(i.path, i.shown)), CATALOGUE, { now: NOW });
  expect(run.failed).toEqual([]);
  return run;
}

/** The one result of a site rule (for a site rule: the named site's). */
export function resultOf(run: FleetRun, rule: string, site?: string): SiteRuleResult {
  const found = run.siteResults.filter((r) => r.rule === rule && (site === undefined || r.site.toLowerCase() === site.toLowerCase()));
  expect(found, `${rule}${site ? ` for site ${site}` : ''}`).toHaveLength(1);
  return found[0]!;
}

/**
 * A copy of a fixture folder in a temporary folder, with some of its files edited as JSON (a patch's
 * facts, remove list, host): for the variations a test needs once (a fact missing on one appliance).
 */
export function editedCopy(folder: string, edits: Record<string, (json: any) => void>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-site-'));
  cpSync(join(ROOT, 'snapshots', folder), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    edit(json);
    writeFileSync(path, JSON.stringify(json));
  }
  return dir;
}
