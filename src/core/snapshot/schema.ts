import { z } from 'zod';

export const SNAPSHOT_SCHEMA = 'ccdoctor/snapshot';
export const SNAPSHOT_VERSION = 1;

export const factStatus = z.enum(['ok', 'missing', 'error', 'timeout', 'denied']);
export const factSource = z.enum(['command', 'snapshot', 'operator', 'derived']);

export const snapshotFact = z
  .object({
    status: factStatus.default('ok'),
    value: z.unknown().optional(),
    message: z.string().optional(),
    raw: z.string().optional(),
    source: factSource.optional(),
    ref: z.string().optional(),
    collectedAt: z.string().optional(),
    durationMs: z.number().nonnegative().optional(),
  })
  .strict();

export const snapshotHost = z
  .object({
    name: z.string().min(1),
    os: z.string().optional(),
    collectedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time'),
    collector: z.object({
      name: z.string(),
      version: z.string(),
      mode: z.enum(['live', 'script', 'checklist', 'handwritten']),
    }),
    description: z.string().optional(),
  })
  .strict();

export const snapshotFile = z
  .object({
    schema: z.literal(SNAPSHOT_SCHEMA),
    version: z.literal(SNAPSHOT_VERSION),
    host: snapshotHost,
    facts: z.record(z.string(), snapshotFact),
  })
  .strict();

export type SnapshotJson = z.input<typeof snapshotFile>;
export type SnapshotHost = z.infer<typeof snapshotHost>;
export type SnapshotFactJson = z.input<typeof snapshotFact>;
