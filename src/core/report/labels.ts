import type { ReportModel, ReportProvenance, ReportResult } from './model.js';
import { FAMILY_LABEL as FAMILIES } from '../rules/types.js';

/** Family headings, looked up by the report's plain-string family. */
export const FAMILY_LABEL: Readonly<Record<string, string>> = FAMILIES;

export const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info'] as const;
export const FAMILY_ORDER = Object.keys(FAMILIES) as readonly string[];

export const STATUS_LABEL: Record<ReportResult['status'], string> = {
  fail: 'failed', pass: 'passed', 'not-applicable': 'not applicable', unknown: 'could not check', error: 'rule error',
};

export function provenanceText(p: ReportProvenance): string {
  const when = p.collectedAt ? ` at ${p.collectedAt}` : '';
  const origin = p.origin ? `; collected by ${p.origin.source}${p.origin.ref ? ` ${p.origin.ref}` : ''}` : '';
  return `${p.source}: ${p.ref}${when}${origin}`;
}

export function summaryLine(m: ReportModel): string {
  const s = m.summary;
  return `${s.fail} failed, ${s.pass} passed, ${s.notApplicable} not applicable, ${s.unknown} could not be checked, ${s.error} rule errors (${s.total} rules)`;
}

export function byStatus(m: ReportModel, status: ReportResult['status']): ReportResult[] {
  return m.results.filter((r) => r.status === status);
}
