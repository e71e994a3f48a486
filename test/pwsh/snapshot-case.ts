import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { checkSnapshot } from '../helpers/check.js';
import { type CheckRun } from '../../src/core/run/check-run.js';
import { loadSnapshotFile, type LoadedSnapshot } from '../../src/core/snapshot/load.js';
import type { FactStore } from '../../src/core/facts/store.js';
import { readSnapshot } from '../sim-host/harness.js';
import type { SnapshotFile } from '../sim-host/snapshot-file.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface SnapshotCase {
  json: SnapshotFile;
  /** The snapshot's own time, so that date rules judge both sides alike. */
  now: Date;
  /** What check --snapshot gives. */
  expected: CheckRun;
  loaded: LoadedSnapshot;
  /** Tenant facts come from the tenant cmdlets' JSON, never from the host: they join a collection as those files would. */
  addTenantFacts(store: FactStore): void;
}

export async function snapshotCase(name: string): Promise<SnapshotCase> {
  const file = join(ROOT, 'snapshots', name);
  const json = readSnapshot(file);
  const now = new Date(String(json.host.collectedAt ?? '2026-11-20T00:00:00Z'));
  const loaded = await loadSnapshotFile(file, FACTS);
  return {
    json,
    now,
    expected: await checkSnapshot(file, { now }),
    loaded,
    addTenantFacts: (store) => {
      for (const f of loaded.store.collected()) if (f.id.startsWith('tenant.')) store.set(f);
    },
  };
}

export const byRule = (run: Pick<CheckRun, 'results'>) => Object.fromEntries(run.results.map((r) => [r.rule, r.status]));
