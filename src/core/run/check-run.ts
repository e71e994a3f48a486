import { FACTS } from '../../facts/index.js';
import { RULES } from '../../../rules/index.js';
import { evaluate, type EvaluateOptions } from '../engine/evaluate.js';
import type { FactStore } from '../facts/store.js';
import type { Rule, RuleResult, Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';
import { loadSnapshotFile } from '../snapshot/load.js';
import { maskStrings, outputText } from '../output/mask.js';

export type SourceKind = 'live' | 'snapshot' | 'checklist';

export interface CheckRun {
  source: { kind: SourceKind; ref: string };
  host: { name: string; os?: string; cceVersion?: string; collectedAt?: string };
  results: RuleResult[];
  /** Notes on the input (ignored snapshot entries and the like). */
  warnings: string[];
  store: FactStore;
}

export function runRules(
  store: FactStore,
  source: CheckRun['source'],
  host: Omit<CheckRun['host'], 'cceVersion'>,
  opts: EvaluateOptions & { rules?: readonly Rule<any, any>[] } = {},
  warnings: string[] = [],
): CheckRun {
  const results = evaluate(opts.rules ?? RULES, store, opts);
  const v = store.get('cce.version');
  // The results are masked by the engine; what the run says about the host and its input is masked here.
  return {
    source: { kind: source.kind, ref: outputText(source.ref) },
    host: maskStrings({ ...host, ...(v.status === 'ok' ? { cceVersion: String(v.value) } : {}) }),
    results,
    warnings: warnings.map((w) => outputText(w)),
    store,
  };
}

export async function checkSnapshot(
  file: string,
  opts: EvaluateOptions & { rules?: readonly Rule<any, any>[]; shown?: string; prepare?: (store: FactStore) => Promise<string[]>; maxBytes?: number } = {},
): Promise<CheckRun> {
  const snap = await loadSnapshotFile(file, FACTS, opts.shown ?? file, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});
  // Facts from other files (tenant cmdlet JSON) join the snapshot's before the rules run.
  if (opts.prepare) for (const w of await opts.prepare(snap.store)) snap.warnings.push(w);
  return runRules(
    snap.store,
    { kind: 'snapshot', ref: opts.shown ?? file },
    { name: snap.host.name, ...(snap.host.os ? { os: snap.host.os } : {}), collectedAt: snap.host.collectedAt },
    opts,
    snap.warnings,
  );
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Failing results at or above the threshold severity. */
export function failingAtOrAbove(results: readonly RuleResult[], threshold: Severity): RuleResult[] {
  return results.filter((r) => r.status === 'fail' && severityRank(r.severity) <= severityRank(threshold));
}

/** --fail-on: a severity (failures at or above it), or unknown (any failure, and any rule that could not decide). */
export type FailOn = Severity | 'unknown';
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'unknown'];

/** The results that make `check --fail-on threshold` exit 1. */
export function failingResults(results: readonly RuleResult[], threshold: FailOn): RuleResult[] {
  if (threshold === 'unknown') return results.filter((r) => r.status === 'fail' || r.status === 'unknown' || r.status === 'error');
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
