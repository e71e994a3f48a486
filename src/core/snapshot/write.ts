import type { FactStore } from '../facts/store.js';
import type { FactSpec } from '../facts/types.js';
import { writeFileAtomic, type AtomicWriteOptions } from '../fs/atomic-write.js';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type SnapshotFactJson, type SnapshotHost, type SnapshotJson } from './schema.js';

/** A snapshot v1 of the collected (not derived) facts in a store. Sensitive facts are never written. */
export function snapshotFromStore(store: FactStore, specs: ReadonlyMap<string, FactSpec<any>>, host: SnapshotHost): SnapshotJson {
  const facts: Record<string, SnapshotFactJson> = {};
  for (const v of store.collected()) {
    const spec = specs.get(v.id);
    if (!spec || spec.derive || spec.sensitive) continue;
    const origin = v.provenance.source === 'snapshot' ? v.provenance.origin : { source: v.provenance.source, ref: v.provenance.ref };
    facts[v.id] = {
      status: v.status,
      ...(v.status === 'ok' ? { value: spec.toJson ? spec.toJson(v.value) : v.value } : {}),
      ...(v.message ? { message: v.message } : {}),
      ...(v.raw ? { raw: v.raw } : {}),
      ...(origin ? { source: origin.source, ref: origin.ref } : {}),
      ...(v.provenance.collectedAt ? { collectedAt: v.provenance.collectedAt } : {}),
      ...(v.provenance.durationMs !== undefined ? { durationMs: v.provenance.durationMs } : {}),
    };
  }
  return { schema: SNAPSHOT_SCHEMA, version: SNAPSHOT_VERSION, host, facts };
}

/** Writes a snapshot as UTF-8 JSON without BOM, atomically. */
export async function writeSnapshotFile(path: string, snap: SnapshotJson, opts: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(snap, null, 2)}\n`, opts);
}
