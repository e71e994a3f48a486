import * as z from '../../schema.js';
import type { SchemaOutput } from '../../schema.js';
import { reportEvidence, reportResult } from '../model.js';

/** The many-host report JSON: one model that every fleet format is rendered from (FLEET-REPORT-JSON.md). */
export const FLEET_REPORT_SCHEMA = 'ccdoctor/fleet-report';
export const FLEET_REPORT_VERSION = 1;

const count = z.int().check(z.nonnegative());
const severity = z.enum(['critical', 'error', 'warning', 'info']);

/** What a matrix cell shows: the rule's status, except a failure under a waiver that has not expired. */
export const CELL_OUTCOMES = ['fail', 'waived', 'error', 'unknown', 'pass', 'not-applicable'] as const;
export type CellOutcome = (typeof CELL_OUTCOMES)[number];

const waiver = z.strictObject({ reason: z.string(), expires: z.string(), expired: z.boolean(), scope: z.string() });

export const fleetResult = z.extend(reportResult, {
  evidence: z.array(z.extend(reportEvidence, { host: z.optional(z.string()) })),
  unavailable: z.array(z.strictObject({ fact: z.string(), status: z.enum(['ok', 'missing', 'error', 'timeout', 'denied']), message: z.string(), host: z.optional(z.string()) })),
  /** The matrix cell: status, or 'waived' for a failure under a waiver that has not expired. */
  outcome: z.enum(CELL_OUTCOMES),
  waiver: z.optional(waiver),
  baseline: z.optional(z.enum(['new', 'known'])),
});

export const fleetSiteResult = z.extend(fleetResult, {
  scope: z.enum(['site', 'fleet']),
  site: z.string(),
  hosts: z.array(z.string()),
});

const tally = z.strictObject({
  total: count, fail: count, waived: count, error: count, unknown: count, pass: count, notApplicable: count,
  failBySeverity: z.strictObject({ critical: count, error: count, warning: count, info: count }),
});

export const fleetHostReport = z.strictObject({
  name: z.string(),
  /** The input as the operator named it ("site-a/cce01.json"). */
  ref: z.string(),
  site: z.string(),
  /** What told the site: the ini's SiteName, the tenant registration, or neither. */
  siteFrom: z.enum(['ini', 'tenant', 'none']),
  source: z.strictObject({ kind: z.enum(['live', 'snapshot', 'checklist']), ref: z.string() }),
  os: z.optional(z.string()),
  cceVersion: z.optional(z.string()),
  collectedAt: z.optional(z.string()),
  role: z.optional(z.literal('lync-server')),
  /** The host's run stopped early (cancelled): rules not evaluated are absent. */
  partial: z.boolean(),
  summary: tally,
  complete: z.boolean(),
  /** Findings first, then rule errors, unknowns, passes, not-applicable (as the single-host report). */
  results: z.array(fleetResult),
  warnings: z.array(z.string()),
});

export const fleetRuleInfo = z.strictObject({
  id: z.string(),
  title: z.string(),
  family: z.string(),
  severity,
  /** 'host': evaluated per host; 'site' once per site; 'fleet' once across every site. */
  scope: z.enum(['host', 'site', 'fleet']),
  /** From the catalogue, when the report was given it. */
  symptom: z.optional(z.string()),
  applies: z.optional(z.string()),
  source: z.optional(z.string()),
});

export const fleetReportModel = z.strictObject({
  schema: z.literal(FLEET_REPORT_SCHEMA),
  version: z.literal(FLEET_REPORT_VERSION),
  generatedAt: z.string(),
  tool: z.strictObject({ name: z.literal('ccdoctor'), version: z.string() }),
  redacted: z.boolean(),
  summary: z.strictObject({
    hosts: count,
    sites: count,
    /** Inputs that could not be read (see failed). */
    failedInputs: count,
    /** Hosts with at least one finding that is not waived. */
    hostsWithFindings: count,
    /** Host rules' results, over every host. */
    hostResults: tally,
    /** Site and fleet rules' results. */
    siteResults: tally,
  }),
  /** True when every rule on every host and site could be decided and every input was read. */
  complete: z.boolean(),
  /** The run was cancelled before every input was read. */
  partial: z.boolean(),
  notices: z.array(z.string()),
  /** Every rule the report shows, host rules then site rules, in catalogue order. */
  rules: z.array(fleetRuleInfo),
  sites: z.array(z.strictObject({ name: z.string(), hosts: z.array(z.string()) })),
  hosts: z.array(fleetHostReport),
  /** Site rules' results, in catalogue order: per site (scope site) or once (scope fleet, site "all sites"). */
  siteResults: z.array(fleetSiteResult),
  failed: z.array(z.strictObject({ ref: z.string(), message: z.string() })),
});

export type FleetReportModel = SchemaOutput<typeof fleetReportModel>;
export type FleetResult = SchemaOutput<typeof fleetResult>;
export type FleetSiteResult = SchemaOutput<typeof fleetSiteResult>;
export type FleetHostReport = SchemaOutput<typeof fleetHostReport>;
export type FleetTally = SchemaOutput<typeof tally>;
export type FleetRuleInfo = SchemaOutput<typeof fleetRuleInfo>;

export const FLEET_REPORT_FORMATS = ['html', 'md', 'json', 'junit', 'sarif'] as const;
export type FleetReportFormat = (typeof FLEET_REPORT_FORMATS)[number];
