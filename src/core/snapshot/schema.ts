import * as z from '../schema.js';
import type { SchemaInput, SchemaOutput } from '../schema.js';

export const SNAPSHOT_SCHEMA = 'ccdoctor/snapshot';
export const SNAPSHOT_VERSION = 1;

export const factStatus = z.enum(['ok', 'missing', 'error', 'timeout', 'denied']);
export const factSource = z.enum(['command', 'snapshot', 'operator', 'derived']);

const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date-time' }));

export const snapshotFact = z.strictObject({
  status: z._default(factStatus, 'ok'),
  value: z.optional(z.unknown()),
  message: z.optional(z.string()),
  raw: z.optional(z.string()),
  source: z.optional(factSource),
  ref: z.optional(z.string()),
  collectedAt: z.optional(z.string()),
  durationMs: z.optional(z.number().check(z.nonnegative())),
});

export const snapshotHost = z.strictObject({
  name: z.string().check(z.minLength(1)),
  os: z.optional(z.string()),
  collectedAt: isoDate,
  collector: z.object({
    name: z.string(),
    version: z.string(),
    mode: z.enum(['live', 'script', 'checklist', 'handwritten']),
  }),
  description: z.optional(z.string()),
});

export const snapshotFile = z.strictObject({
  schema: z.literal(SNAPSHOT_SCHEMA),
  version: z.literal(SNAPSHOT_VERSION),
  host: snapshotHost,
  facts: z.record(z.string(), snapshotFact),
});

/**
 * A snapshot written as the snapshot it extends plus what differs (FORMAT.md): `host` fields and `facts`
 * entries replace the base's whole, `remove` drops facts the base has.
 */
export const snapshotPatch = z.strictObject({
  schema: z.literal(SNAPSHOT_SCHEMA),
  version: z.literal(SNAPSHOT_VERSION),
  extends: z.string().check(z.minLength(1, 'expected the file name of the snapshot this one extends')),
  host: z.optional(z.partial(snapshotHost)),
  facts: z.optional(z.record(z.string(), snapshotFact)),
  remove: z.optional(z.array(z.string())),
});

export type SnapshotJson = SchemaInput<typeof snapshotFile>;
export type SnapshotPatchJson = SchemaInput<typeof snapshotPatch>;
export type SnapshotHost = SchemaOutput<typeof snapshotHost>;
export type SnapshotData = SchemaOutput<typeof snapshotFile>;
export type SnapshotFactJson = SchemaInput<typeof snapshotFact>;
