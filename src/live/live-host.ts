import { hostname } from 'node:os';
import type { FactStore } from '../core/facts/store.js';
import type { SnapshotHost } from '../core/snapshot/schema.js';

/** The host as the live facts describe it (name and OS), for a snapshot header or a report. */
export function liveHost(store: FactStore, collector: { version: string }, collectedAt = new Date()): SnapshotHost {
  const name = store.get('host.name');
  const os = store.get('host.os');
  const osValue = os.status === 'ok' ? (os.value as { caption?: string; version?: string }) : undefined;
  const osText = osValue ? [osValue.caption?.trim(), osValue.version].filter(Boolean).join(' ') : '';
  return {
    name: name.status === 'ok' && typeof name.value === 'string' && name.value !== '' ? name.value : hostname(),
    ...(osText ? { os: osText } : {}),
    collectedAt: collectedAt.toISOString(),
    collector: { name: 'ccdoctor', version: collector.version, mode: 'live' },
  };
}
