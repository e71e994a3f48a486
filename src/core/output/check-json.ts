import type { CheckRun } from '../run/check-run.js';
import { failingResults, orderResults, summarize, type FailOn } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';

export const CHECK_SCHEMA = 'ccdoctor/check@1';

/** The stable JSON of a check run (documented in src/core/output/CHECK-JSON.md). */
export function checkJson(run: CheckRun, threshold: FailOn, toolVersion: string): object {
  const summary = summarize(run.results);
  const v = verdict(run.results);
  return {
    schema: CHECK_SCHEMA,
    tool: { name: 'ccdoctor', version: toolVersion },
    source: run.source,
    host: run.host,
    complete: v.complete,
    verdict: v.text,
    results: orderResults(run.results).map((r) => ({
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
    })),
    summary: { ...summary, threshold, failing: failingResults(run.results, threshold).length },
    warnings: run.warnings,
  };
}
