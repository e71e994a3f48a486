/** A snapshot file as JSON (test code): the raw facts, before validation. */
export interface SnapshotFact {
  status: 'ok' | 'missing' | 'error' | 'timeout' | 'denied';
  value?: unknown;
  message?: string;
  [k: string]: unknown;
}

export interface SnapshotFile {
  schema: string;
  version: number;
  host: { name: string; [k: string]: unknown };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  facts: Record<string, SnapshotFact & { value?: any }>;
}
