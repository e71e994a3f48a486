import type { ReportModel, ReportProvenance, ReportResult } from './model.js';

export const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info'] as const;
export const FAMILY_ORDER = ['deployment', 'host', 'powershell', 'certificates', 'monitoring', 'lync'] as const;

export const FAMILY_LABEL: Record<string, string> = {
  deployment: 'Deployment and configuration',
  host: 'Host and operating system',
  powershell: 'PowerShell environment',
  certificates: 'Certificates and credentials',
  monitoring: 'Monitoring',
  lync: 'Lync Server maintenance',
};

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
