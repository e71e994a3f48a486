/** Signature hits in the management-service log, counted after its last successful report. */
import { displayLine, hitsAfterLastSuccess, type EvidenceItem, type HitsAfterSuccess, type LogLine, type ManagementLogLines } from '../../src/core/rules/api.js';

export interface LogReview extends HitsAfterSuccess {
  excerptStart: number;
}

export function reviewLog(log: ManagementLogLines, pattern: RegExp): LogReview | undefined {
  if (!log.exists || !log.excerpt) return undefined;
  return { ...hitsAfterLastSuccess(log.excerpt.lines, pattern), excerptStart: log.excerpt.startLine };
}

/**
 * reviewLog counting entries instead of lines: an entry (a timestamped line and the lines after it without
 * one, such as an error record's "+ CategoryInfo" lines or a stack trace) is one hit when any of its lines
 * matches, reported at its first line (the message).
 */
export function reviewLogEntries(log: ManagementLogLines, pattern: RegExp): LogReview | undefined {
  if (!log.exists || !log.excerpt) return undefined;
  const hitEntries = new Set<LogLine>();
  for (const entry of log.excerpt.entries) {
    if (entry.lines.some((l) => pattern.test(l.text))) hitEntries.add(entry.first);
  }
  return { ...hitsAfterLastSuccess(log.excerpt.lines, (l) => hitEntries.has(l)), excerptStart: log.excerpt.startLine };
}

const when = (l: LogLine) => l.at ?? 'no timestamp';

/** Evidence for the hits: the first and the last (with the count), and the last success they follow. */
export function hitEvidence(r: LogReview, label: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const first = r.hits[0]!;
  const last = r.hits[r.hits.length - 1]!;
  out.push({ fact: 'cce.managementLog', label: `${label} (first of ${r.hits.length})`, value: `${when(first)}: ${displayLine(first.text, 240)}`, at: `line ${first.line}` });
  if (r.hits.length > 1) out.push({ fact: 'cce.managementLog', label: `${label} (last)`, value: `${when(last)}: ${displayLine(last.text, 240)}`, at: `line ${last.line}` });
  out.push(successEvidence(r));
  return out;
}

export function successEvidence(r: LogReview): EvidenceItem {
  return r.lastSuccess
    ? { fact: 'cce.managementLog', label: 'Last successful report to online', value: when(r.lastSuccess), at: `line ${r.lastSuccess.line}` }
    : { fact: 'cce.managementLog', label: 'Last successful report to online', value: `none in the excerpt (from line ${r.excerptStart})` };
}

export function hitSummary(r: LogReview): string {
  const lines = r.hits.map((h) => h.line);
  const shown = lines.length > 5 ? `${lines.slice(0, 5).join(', ')}, …` : lines.join(', ');
  const after = r.lastSuccess ? `after the last successful report (line ${r.lastSuccess.line}, ${when(r.lastSuccess)})` : `with no successful report in the excerpt (from line ${r.excerptStart})`;
  return `${r.hits.length} time${r.hits.length === 1 ? '' : 's'} ${after}: line${lines.length === 1 ? '' : 's'} ${shown}`;
}
