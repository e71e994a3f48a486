import type { FactStore } from '../facts/store.js';
import type { RuleResult, Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';

export type SourceKind = 'live' | 'snapshot' | 'checklist';

export interface CheckRun {
  source: { kind: SourceKind; ref: string };
  host: { name: string; os?: string; cceVersion?: string; collectedAt?: string };
  results: RuleResult[];
  /** Notes on the input (ignored snapshot entries and the like). */
  warnings: string[];
  store: FactStore;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A failure that counts: not under a waiver still valid (--waivers), not already known from --baseline. */
export function countedFailure(r: RuleResult): boolean {
  return r.status === 'fail' && !(r.waiver && !r.waiver.expired) && r.baseline !== 'known';
}

/** Failing results at or above the threshold severity (waived and known findings do not count). */
export function failingAtOrAbove(results: readonly RuleResult[], threshold: Severity): RuleResult[] {
  return results.filter((r) => countedFailure(r) && severityRank(r.severity) <= severityRank(threshold));
}

/** --fail-on: a severity (failures at or above it), or unknown (any failure, and any rule that could not decide). */
export type FailOn = Severity | 'unknown';
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'unknown'];

/** The results that make `check --fail-on threshold` exit 1. */
export function failingResults(results: readonly RuleResult[], threshold: FailOn): RuleResult[] {
  if (threshold === 'unknown') return results.filter((r) => countedFailure(r) || r.status === 'unknown' || r.status === 'error');
  return failingAtOrAbove(results, threshold);
}

export interface Summary {
  total: number;
  fail: number;
  pass: number;
  'not-applicable': number;
  unknown: number;
  error: number;
  failBySeverity: Record<Severity, number>;
}

export function summarize(results: readonly RuleResult[]): Summary {
  const s: Summary = {
    total: results.length, fail: 0, pass: 0, 'not-applicable': 0, unknown: 0, error: 0,
    failBySeverity: { critical: 0, error: 0, warning: 0, info: 0 },
  };
  for (const r of results) {
    s[r.status]++;
    if (r.status === 'fail') s.failBySeverity[r.severity]++;
  }
  return s;
}

/** Findings first (by severity), then rule errors, unknowns, passes, not-applicable. */
export function orderResults(results: readonly RuleResult[]): RuleResult[] {
  const statusRank = { fail: 0, error: 1, unknown: 2, pass: 3, 'not-applicable': 4 } as const;
  return [...results].sort(
    (a, b) => statusRank[a.status] - statusRank[b.status] || severityRank(a.severity) - severityRank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0), // not localeCompare: ICU collation costs ~9 ms to start
  );
}
