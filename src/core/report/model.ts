import { z } from 'zod';

/** The report JSON: one model that every format is rendered from (documented in REPORT-JSON.md). */
export const REPORT_SCHEMA = 'ccdoctor/report';
export const REPORT_VERSION = 1;

const severity = z.enum(['critical', 'error', 'warning', 'info']);
const outcome = z.enum(['fail', 'pass', 'not-applicable', 'unknown', 'error']);
const factStatus = z.enum(['ok', 'missing', 'error', 'timeout', 'denied']);
const factSource = z.enum(['command', 'snapshot', 'operator', 'derived']);

export const reportProvenance = z
  .object({
    source: factSource,
    ref: z.string(),
    collectedAt: z.string().optional(),
    durationMs: z.number().optional(),
    origin: z.object({ source: factSource, ref: z.string() }).optional(),
  })
  .strict();

export const reportEvidence = z
  .object({ fact: z.string(), label: z.string(), value: z.string(), at: z.string().optional(), provenance: reportProvenance })
  .strict();

export const reportStep = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    command: z.string().optional(),
    unresolved: z.array(z.string()).optional(),
    runsOn: z.string(),
    destructive: z.boolean(),
    versions: z.string().optional(),
  })
  .strict();

export const reportResult = z
  .object({
    rule: z.string(),
    title: z.string(),
    family: z.string(),
    severity,
    status: outcome,
    message: z.string(),
    evidence: z.array(reportEvidence),
    remediation: z.array(reportStep),
    unavailable: z.array(z.object({ fact: z.string(), status: factStatus, message: z.string() }).strict()),
    versionNote: z.string().optional(),
  })
  .strict();

export const reportFact = z
  .object({
    id: z.string(),
    title: z.string(),
    status: factStatus,
    /** A one-line summary of the value; never file bytes or sensitive values. */
    value: z.string().optional(),
    message: z.string().optional(),
    derived: z.boolean(),
    provenance: reportProvenance,
  })
  .strict();

const count = z.number().int().nonnegative();

export const reportModel = z
  .object({
    schema: z.literal(REPORT_SCHEMA),
    version: z.literal(REPORT_VERSION),
    generatedAt: z.string(),
    tool: z.object({ name: z.literal('ccdoctor'), version: z.string() }).strict(),
    redacted: z.boolean(),
    source: z.object({ kind: z.enum(['live', 'snapshot', 'checklist']), ref: z.string() }).strict(),
    host: z
      .object({ name: z.string(), os: z.string().optional(), cceVersion: z.string().optional(), collectedAt: z.string().optional() })
      .strict(),
    summary: z
      .object({
        total: count,
        fail: count,
        pass: count,
        notApplicable: count,
        unknown: count,
        error: count,
        failBySeverity: z.object({ critical: count, error: count, warning: count, info: count }).strict(),
        factGaps: count,
      })
      .strict(),
    /** True when every rule could be decided (no unknown, no rule error). */
    complete: z.boolean(),
    /** Sentences a reader must see first (unknowns, rule errors, redaction). */
    notices: z.array(z.string()),
    /** Every rule's result: failures by severity first, then rule errors, unknowns, passes, not-applicable. */
    results: z.array(reportResult),
    /** Collected facts, and the derived facts the results refer to. */
    facts: z.array(reportFact),
    warnings: z.array(z.string()),
  })
  .strict();

export type ReportModel = z.infer<typeof reportModel>;
export type ReportResult = z.infer<typeof reportResult>;
export type ReportFact = z.infer<typeof reportFact>;
export type ReportEvidence = z.infer<typeof reportEvidence>;
export type ReportStep = z.infer<typeof reportStep>;
export type ReportProvenance = z.infer<typeof reportProvenance>;

export const REPORT_FORMATS = ['md', 'html', 'json', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
