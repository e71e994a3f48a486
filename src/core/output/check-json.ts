import type { CheckRun } from '../run/check-run.js';
import { failingAtOrAbove, orderResults, summarize } from '../run/check-run.js';
import type { Severity } from '../rules/types.js';

export const CHECK_SCHEMA = 'ccdoctor/check@1';

/** The stable JSON of a check run (documented in src/core/output/CHECK-JSON.md). */
export function checkJson(run: CheckRun, threshold: Severity, toolVersion: string): object {
  const summary = summarize(run.results);
  return {
    schema: CHECK_SCHEMA,
    tool: { name: 'ccdoctor', version: toolVersion },
    source: run.source,
    host: run.host,
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
    summary: { ...summary, threshold, failing: failingAtOrAbove(run.results, threshold).length },
    warnings: run.warnings,
  };
}
