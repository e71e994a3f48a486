import type { CheckRun } from '../run/check-run.js';
import { failingResults, orderResults, summarize, type FailOn } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import type { RuleResult } from '../rules/types.js';
import { known, waived } from '../fleet/marks.js';

export const CHECK_SCHEMA = 'ccdoctor/check@1';

/** The stable JSON of a check run (documented in src/core/output/CHECK-JSON.md). */
export function checkJson(run: CheckRun, threshold: FailOn, toolVersion: string): object {
  const v = verdict(run.results);
  return {
    schema: CHECK_SCHEMA,
    tool: { name: 'ccdoctor', version: toolVersion },
    source: run.source,
    host: run.host,
    complete: v.complete,
    verdict: v.text,
    results: orderResults(run.results).map(resultJson),
    summary: summaryJson(run.results, threshold),
    warnings: run.warnings,
  };
}

/** One result as check@1 and fleet@1 give it. */
export function resultJson(r: RuleResult): object {
  return {
    rule: r.rule,
    title: r.title,
    status: r.status,
    severity: r.severity,
    family: r.family,
    message: r.message,
    evidence: r.evidence,
    remediation: r.remediation,
    unavailable: r.unavailable,
    ...(r.versionNote ? { versionNote: r.versionNote } : {}),
    ...(r.waiver ? { waiver: r.waiver } : {}),
    ...(r.baseline ? { baseline: r.baseline } : {}),
  };
}

/**
 * Counts by outcome and severity, what fails at the threshold, and (only when --waivers or --baseline marked
 * a result, so a plain run's JSON is as it always was) what waivers and the baseline took out.
 */
export function summaryJson(results: readonly RuleResult[], threshold: FailOn): object {
  const marked = results.some((r) => r.waiver !== undefined || r.baseline !== undefined);
  return {
    ...summarize(results), threshold, failing: failingResults(results, threshold).length,
    ...(marked ? { waived: results.filter(waived).length, known: results.filter(known).length } : {}),
  };
}
