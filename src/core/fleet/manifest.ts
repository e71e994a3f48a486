import { writeFileAtomic } from '../fs/atomic-write.js';

/** collect --computer's record of a run, next to the snapshots (`manifest.json`, never read as a snapshot). */
export const MANIFEST_SCHEMA = 'ccdoctor/collect-manifest@1';

export type ManifestStatus = 'ok' | 'unreachable' | 'failed' | 'timeout';

export interface ManifestHost {
  host: string;
  status: ManifestStatus;
  durationMs: number;
  /** Why it is not ok. */
  error?: string;
  /** The snapshot written for it, relative to the manifest's folder. */
  file?: string;
}

export interface CollectManifest {
  schema: typeof MANIFEST_SCHEMA;
  collectedAt: string;
  collector: { name: 'ccdoctor'; version: string };
  hosts: ManifestHost[];
}

/** The manifest of a run; hosts in the order the operator gave them. */
export function buildManifest(hosts: readonly ManifestHost[], order: readonly string[], version: string, now: Date): CollectManifest {
  const rank = new Map(order.map((h, i) => [h.toLowerCase(), i]));
  const sorted = [...hosts].sort((a, b) => (rank.get(a.host.toLowerCase()) ?? Infinity) - (rank.get(b.host.toLowerCase()) ?? Infinity));
  return {
    schema: MANIFEST_SCHEMA,
    collectedAt: now.toISOString(),
    collector: { name: 'ccdoctor', version },
    hosts: sorted.map((h) => ({ host: h.host, status: h.status, durationMs: h.durationMs, ...(h.error ? { error: h.error } : {}), ...(h.file ? { file: h.file } : {}) })),
  };
}

/** Written whole or not at all. */
export async function writeManifest(path: string, manifest: CollectManifest): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`, { force: true });
}
