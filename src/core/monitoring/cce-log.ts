import type { RecoveryEvent, RecoveryEventKind } from './retry.js';

/**
 * CceManagementService.log as ccdoctor reads it.
 *
 * Documented are only the texts of two errors, in .NET TraceSource framing
 * ("CceService Error: 0 : <message>"). The rest of this format is ASSUMED, not documented:
 * - an entry starts with a timestamp, "yyyy-MM-dd HH:mm:ss[.fff][Z|±hh:mm]" (no zone = UTC), then the
 *   TraceSource text; a line without a leading timestamp continues the entry before it (stack traces,
 *   "--->" inner exceptions) and shares its time;
 * - the management service writes these messages about reporting and recovery:
 *     CceService Information: 0 : Cloud Connector management service started.
 *     CceService Information: 0 : Reported status to online successfully.
 *     CceService Warning: 0 : Appliance marked down: <reason>. Monitored services set to Manual and stopped.
 *     CceService Warning: 0 : Automatic recovery attempt <n> failed: <reason>
 *     CceService Information: 0 : Automatic recovery succeeded. Appliance is up.
 * Matching is case-insensitive and tolerant of spacing, so small wording differences still classify.
 */
export interface LogLine {
  /** 1-based line number in the whole file. */
  line: number;
  /** ISO time of the entry the line belongs to, when the excerpt shows it. */
  at: string | null;
  text: string;
}

const STAMP = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?\s+/;

/** Splits an excerpt (whose first line is line `startLine` of the file) into lines with their entry's time. */
export function parseLogExcerpt(text: string, startLine: number): LogLine[] {
  const out: LogLine[] = [];
  let at: string | null = null;
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const m = STAMP.exec(raw);
    if (m) {
      const zone = m[3] ? (m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
      const t = Date.parse(`${m[1]}T${m[2]!.replace(',', '.')}${zone}`);
      at = Number.isNaN(t) ? null : new Date(t).toISOString();
    }
    out.push({ line: startLine + i, at, text: raw });
  });
  return out;
}

const EVENTS: readonly [RecoveryEventKind | 'report-ok', RegExp][] = [
  ['service-start', /cceservice\s+information\s*:\s*\d+\s*:\s*cloud connector management service started/i],
  ['report-ok', /cceservice\s+information\s*:\s*\d+\s*:\s*reported status to online successfully/i],
  ['marked-down', /cceservice\s+\w+\s*:\s*\d+\s*:\s*appliance marked down/i],
  ['recovery-failed', /cceservice\s+\w+\s*:\s*\d+\s*:\s*automatic recovery attempt\s+(\d+)\s+failed/i],
  ['recovered', /cceservice\s+information\s*:\s*\d+\s*:\s*automatic recovery succeeded/i],
];

export type LogEventKind = RecoveryEventKind | 'report-ok';

export interface LogEvent {
  kind: LogEventKind;
  line: LogLine;
  attempt?: number;
}

export function classifyLine(line: LogLine): LogEvent | undefined {
  for (const [kind, re] of EVENTS) {
    const m = re.exec(line.text);
    if (m) return { kind, line, ...(kind === 'recovery-failed' ? { attempt: Number(m[1]) } : {}) };
  }
  return undefined;
}

export function logEvents(lines: readonly LogLine[]): LogEvent[] {
  return lines.map(classifyLine).filter((e): e is LogEvent => e !== undefined);
}

/** The recovery history for the retry schedule (events without a time are left out). */
export function recoveryEvents(lines: readonly LogLine[]): RecoveryEvent[] {
  return logEvents(lines)
    .filter((e) => e.kind !== 'report-ok' && e.line.at !== null)
    .map((e) => ({
      kind: e.kind as RecoveryEventKind,
      at: new Date(e.line.at!),
      line: e.line.line,
      ...(e.attempt !== undefined ? { attempt: e.attempt } : {}),
    }));
}

export interface HitsAfterSuccess {
  /** The last "reported status to online successfully" line in the excerpt. */
  lastSuccess?: LogLine;
  /** Lines matching the pattern after it (all in the excerpt when there is none). */
  hits: LogLine[];
  /** Matching lines at or before the last success, which no longer count. */
  resolved: number;
}

/** True when the line starts an entry (a leading timestamp); a line without one continues the entry before it. */
export function startsEntry(text: string): boolean {
  return STAMP.test(text);
}

/** `pattern`: a regex tested on each line's text, or a test of the line itself. */
export function hitsAfterLastSuccess(lines: readonly LogLine[], pattern: RegExp | ((line: LogLine) => boolean)): HitsAfterSuccess {
  let lastIndex = -1;
  lines.forEach((l, i) => {
    if (classifyLine(l)?.kind === 'report-ok') lastIndex = i;
  });
  const matches = typeof pattern === 'function' ? pattern : (l: LogLine) => pattern.test(l.text);
  const hits: LogLine[] = [];
  let resolved = 0;
  lines.forEach((l, i) => {
    if (!matches(l)) return;
    if (i > lastIndex) hits.push(l);
    else resolved++;
  });
  return { ...(lastIndex >= 0 ? { lastSuccess: lines[lastIndex]! } : {}), hits, resolved };
}
