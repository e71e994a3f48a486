import * as z from '../schema.js';
import type { SchemaOutput } from '../schema.js';

/** The report JSON: one model that every format is rendered from (documented in REPORT-JSON.md). */
export const REPORT_SCHEMA = 'ccdoctor/report';
export const REPORT_VERSION = 1;

const severity = z.enum(['critical', 'error', 'warning', 'info']);
const outcome = z.enum(['fail', 'pass', 'not-applicable', 'unknown', 'error']);
const factStatus = z.enum(['ok', 'missing', 'error', 'timeout', 'denied']);
const factSource = z.enum(['command', 'snapshot', 'operator', 'derived']);

export const reportProvenance = z.strictObject({
    source: factSource,
    ref: z.string(),
    collectedAt: z.optional(z.string()),
    durationMs: z.optional(z.number()),
    origin: z.optional(z.object({ source: factSource, ref: z.string() })),
  });

export const reportEvidence = z.strictObject({ fact: z.string(), label: z.string(), value: z.string(), at: z.optional(z.string()), provenance: reportProvenance });

export const reportStep = z.strictObject({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    command: z.optional(z.string()),
    unresolved: z.optional(z.array(z.string())),
    /** In a redacted report: the command holds tokens where the host's values were (not to be run as it is). */
    redacted: z.optional(z.literal(true)),
    runsOn: z.string(),
    destructive: z.boolean(),
    versions: z.optional(z.string()),
  });

export const reportResult = z.strictObject({
    rule: z.string(),
    title: z.string(),
    family: z.string(),
    severity,
    status: outcome,
    message: z.string(),
    evidence: z.array(reportEvidence),
    remediation: z.array(reportStep),
    unavailable: z.array(z.strictObject({ fact: z.string(), status: factStatus, message: z.string() })),
    versionNote: z.optional(z.string()),
  });

export const reportFact = z.strictObject({
    id: z.string(),
    title: z.string(),
    status: factStatus,
    /** A one-line summary of the value; never file bytes or sensitive values. */
    value: z.optional(z.string()),
    message: z.optional(z.string()),
    derived: z.boolean(),
    provenance: reportProvenance,
  });

const count = z.int().check(z.nonnegative());

export const reportModel = z.strictObject({
    schema: z.literal(REPORT_SCHEMA),
    version: z.literal(REPORT_VERSION),
    generatedAt: z.string(),
    tool: z.strictObject({ name: z.literal('ccdoctor'), version: z.string() }),
    redacted: z.boolean(),
    source: z.strictObject({ kind: z.enum(['live', 'snapshot', 'checklist']), ref: z.string() }),
    host: z.strictObject({ name: z.string(), os: z.optional(z.string()), cceVersion: z.optional(z.string()), collectedAt: z.optional(z.string()), role: z.optional(z.literal('lync-server')) }),
    summary: z.strictObject({
        total: count,
        fail: count,
        pass: count,
        notApplicable: count,
        unknown: count,
        error: count,
        failBySeverity: z.strictObject({ critical: count, error: count, warning: count, info: count }),
        factGaps: count,
      }),
    /** True when every rule could be decided (no unknown, no rule error). */
    complete: z.boolean(),
    /** Sentences a reader must see first (unknowns, rule errors, redaction). */
    notices: z.array(z.string()),
    /** Every rule's result: failures by severity first, then rule errors, unknowns, passes, not-applicable. */
    results: z.array(reportResult),
    /** Collected facts, and the derived facts the results refer to. */
    facts: z.array(reportFact),
    warnings: z.array(z.string()),
  });

export type ReportModel = SchemaOutput<typeof reportModel>;
export type ReportResult = SchemaOutput<typeof reportResult>;
export type ReportFact = SchemaOutput<typeof reportFact>;
export type ReportEvidence = SchemaOutput<typeof reportEvidence>;
export type ReportStep = SchemaOutput<typeof reportStep>;
export type ReportProvenance = SchemaOutput<typeof reportProvenance>;

export const REPORT_FORMATS = ['md', 'html', 'json', 'junit', 'ps1'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
