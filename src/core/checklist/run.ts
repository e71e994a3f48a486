import type { SnapshotHost } from '../snapshot/schema.js';
import { snapshotFromStore, writeSnapshotFile } from '../snapshot/write.js';
import type { FactStore } from '../facts/store.js';
import type { FactSpec } from '../facts/types.js';

/** The host name for the header and a saved snapshot: the answer to host.name, when it was asked. */
export function checklistHostName(store: FactStore): string {
  const v = store.get('host.name');
  return v.status === 'ok' ? String(v.value) : 'checklist host';
}

export function checklistSnapshotHost(store: FactStore, toolVersion: string, now = new Date()): SnapshotHost {
  return {
    name: checklistHostName(store),
    collectedAt: now.toISOString(),
    collector: { name: 'ccdoctor', version: toolVersion, mode: 'checklist' },
    description: 'answers to the ccdoctor offline checklist',
  };
}

/** Saves the answers as a snapshot v1 (collector mode 'checklist'), atomically; refuses to overwrite. */
export async function saveChecklistSnapshot(
  store: FactStore, specs: ReadonlyMap<string, FactSpec<any>>, path: string, toolVersion: string, now = new Date(),
): Promise<void> {
  await writeSnapshotFile(path, snapshotFromStore(store, specs, checklistSnapshotHost(store, toolVersion, now)));
}
