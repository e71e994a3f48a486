import type { FactSpec, FactValue } from '../facts/types.js';
import type { RuleResult } from '../rules/types.js';
import type { CheckRun } from '../run/check-run.js';
import { orderResults, summarize } from '../run/check-run.js';
import { isLyncServerHost } from '../run/host-role.js';
import { stripControl } from '../text/sanitize.js';
import { REPORT_SCHEMA, REPORT_VERSION, reportModel, type ReportFact, type ReportModel, type ReportProvenance, type ReportResult } from './model.js';
import { Redactor } from './redact.js';
import { maskSecrets } from './secrets.js';
import { seedFromFacts } from './seeds.js';
import { cutSummary, summarizeValue } from './values.js';

export interface BuildReportOptions {
  /** ccdoctor's version, written into the report. */
  toolVersion?: string;
  /** The report's time (default: now). */
  now?: Date;
  /** Replace host, domain, user and tenant names and addresses by consistent tokens. */
  redact?: boolean;
  /**
   * The redactor to use (implies redact): pass one to read its token → original map afterwards
   * (see writeRedactionMap). One redactor per report keeps tokens consistent across formats.
   */
  redactor?: Redactor;
  /** Fact definitions (default: those of the run's store). */
  specs?: ReadonlyMap<string, FactSpec<any>>;
}

/** Fields that hold identifiers and enum values from code, never host text: left as they are. */
export const STRUCTURAL: ReadonlySet<string> = new Set(['schema', 'rule', 'fact', 'id', 'status', 'severity', 'family', 'kind', 'source', 'runsOn', 'generatedAt', 'unresolved', 'role']);

/**
 * The report of a check run: every result with evidence and remediation, the facts with provenance and
 * collection gaps, and the notices a reader must see first. All text from the host is stripped of
 * terminal controls and secret patterns, and redacted when asked; the renderers escape for their format.
 */
export function buildReport(run: CheckRun, opts: BuildReportOptions = {}): ReportModel {
  const specs = opts.specs ?? run.store.specs;
  const redactor = opts.redactor ?? (opts.redact ? new Redactor() : undefined);
  const { secrets } = seedFromFacts(run.store, specs, redactor, run.host.name);
  if (redactor && run.host.cceVersion) redactor.keepLiteral(run.host.cceVersion);

  const ordered = orderResults(run.results);
  const facts = reportFacts(run, ordered, specs);
  const s = summarize(run.results);
  const factGaps = facts.filter((f) => f.status !== 'ok').length;
  const raw: ReportModel = {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    tool: { name: 'ccdoctor', version: opts.toolVersion ?? 'unknown' },
    redacted: redactor !== undefined,
    source: { ...run.source },
    host: {
      name: run.host.name,
      ...(run.host.os !== undefined ? { os: run.host.os } : {}),
      ...(run.host.cceVersion !== undefined ? { cceVersion: run.host.cceVersion } : {}),
      ...(run.host.collectedAt !== undefined ? { collectedAt: run.host.collectedAt } : {}),
      // On a Lync/Skype for Business Server the CCE version is irrelevant: the renderers say what it is instead.
      ...(isLyncServerHost(run.store) ? { role: 'lync-server' as const } : {}),
    },
    summary: {
      total: s.total, fail: s.fail, pass: s.pass, notApplicable: s['not-applicable'], unknown: s.unknown, error: s.error,
      failBySeverity: { ...s.failBySeverity }, factGaps,
    },
    complete: s.unknown === 0 && s.error === 0,
    notices: notices(s.total, s.unknown, s.error, factGaps, redactor !== undefined),
    results: ordered.map(toResult),
    facts,
    warnings: [...run.warnings],
  };
  // Redacted, a snapshot is named by its file name only: its folder may name a user or a customer.
  const shownPath = redactor && run.source.kind === 'snapshot' ? run.source.ref : undefined;
  const fileName = shownPath?.split(/[\\/]/).pop() ?? '';
  const unpath = (text: string) => (shownPath && fileName !== shownPath ? text.split(shownPath).join(fileName) : text);
  const clean = (text: string) => {
    const masked = maskSecrets(stripControl(cap(unpath(text))), secrets);
    return redactor ? redactor.redact(masked) : masked;
  };
  if (redactor) {
    // No token may be a value of the input: every string of the facts and of the report is avoided.
    for (const v of run.store.collected()) if (v.status === 'ok') visitStrings(v.value, (s) => redactor.avoid(s), 0);
    visitStrings(raw, (s) => redactor.avoid(s), 0);
    // A first pass learns the host names that only appear inside FQDNs; the second redacts everything.
    mapStrings(raw, clean, '');
    redactor.promoteLabels();
  }
  const model = mapStrings(raw, clean, '');
  if (redactor) model.results = markRedactedCommands(raw.results, model.results, (text) => maskSecrets(stripControl(cap(text)), secrets));
  return reportModel.parse({ ...model, facts: model.facts.map((f) => (f.value === undefined ? f : { ...f, value: cutSummary(f.value) })) });
}

/**
 * The steps whose command redaction changed (a host value in it is now a token): marked redacted, so that
 * no format presents them as ready to run. `unredacted` is what the command would read without redaction.
 */
function markRedactedCommands(raw: readonly ReportResult[], redacted: ReportResult[], unredacted: (text: string) => string): ReportResult[] {
  return redacted.map((r, i) => ({
    ...r,
    remediation: r.remediation.map((s, k) => {
      const before = raw[i]?.remediation[k]?.command;
      return s.command !== undefined && before !== undefined && s.command !== unredacted(before) ? { ...s, redacted: true } : s;
    }),
  }));
}

/** No single value needs more in a report; it also bounds the work on hostile input. */
const MAX_TEXT = 64 * 1024;

export function cap(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters not shown)` : text;
}

/** Whether cap cut the text short (a command so cut must not run as it is). */
export function wasCapped(text: string): boolean {
  return /… \(\d+ more characters not shown\)$/.test(text);
}

function notices(total: number, unknown: number, error: number, factGaps: number, redacted: boolean): string[] {
  const out: string[] = [];
  if (unknown > 0) {
    out.push(`Incomplete: ${unknown} of ${total} rules could not be checked because facts they need are missing or failed to collect (see "Could not check").`);
  }
  if (error > 0) out.push(`${error} rule${error === 1 ? '' : 's'} failed with an internal error: the result is unknown; please report it as a ccdoctor bug.`);
  if (factGaps > 0) out.push(`${factGaps} fact${factGaps === 1 ? '' : 's'} could not be collected (see "Collection gaps").`);
  if (redacted) {
    out.push('Redacted: host, domain, user, tenant and site names, certificate subjects and IP addresses are replaced by tokens; the same value always has the same token. Commands show the tokens too: run them from the unredacted report.');
  }
  return out;
}

function provenance(p: FactValue['provenance']): ReportProvenance {
  return {
    source: p.source,
    ref: p.ref,
    ...(p.collectedAt !== undefined ? { collectedAt: p.collectedAt } : {}),
    ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
    ...(p.origin ? { origin: { source: p.origin.source, ref: p.origin.ref } } : {}),
  };
}

export function toResult(r: RuleResult): ReportResult {
  return {
    rule: r.rule,
    title: r.title,
    family: r.family,
    severity: r.severity,
    status: r.status,
    message: r.message,
    evidence: r.evidence.map((e) => ({
      fact: e.fact, label: e.label, value: e.value, ...(e.at !== undefined ? { at: e.at } : {}), provenance: provenance(e.provenance),
    })),
    remediation: r.remediation.map((st) => ({
      id: st.id, title: st.title, text: st.text, runsOn: st.runsOn, destructive: st.destructive,
      ...(st.command !== undefined ? { command: st.command } : {}),
      ...(st.unresolved?.length ? { unresolved: [...st.unresolved] } : {}),
      ...(st.versions !== undefined ? { versions: st.versions } : {}),
    })),
    unavailable: r.unavailable.map((u) => ({ fact: u.fact, status: u.status, message: u.message })),
    ...(r.versionNote !== undefined ? { versionNote: r.versionNote } : {}),
  };
}

/** Collected facts in collection order, then the derived facts the results name (evidence, unknowns). */
function reportFacts(run: CheckRun, results: readonly RuleResult[], specs: ReadonlyMap<string, FactSpec<any>>): ReportFact[] {
  const out: ReportFact[] = [];
  const describe = (v: FactValue, derived: boolean): ReportFact => {
    const spec = specs.get(v.id);
    // Cut short only after redaction (see buildReport), so that a name cut in half cannot escape it.
    const value = v.status !== 'ok' ? undefined : spec?.sensitive ? '(sensitive: not shown)' : summarizeValue(v.value, Infinity);
    return {
      id: v.id,
      title: spec?.title ?? v.id,
      status: v.status,
      ...(value !== undefined ? { value } : {}),
      ...(v.message !== undefined ? { message: v.message } : {}),
      derived,
      provenance: provenance(v.provenance),
    };
  };
  const seen = new Set<string>();
  for (const v of run.store.collected()) {
    seen.add(v.id);
    out.push(describe(v, false));
  }
  for (const r of results) {
    for (const id of [...r.evidence.map((e) => e.fact), ...r.unavailable.map((u) => u.fact)]) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(describe(run.store.get(id), specs.get(id)?.derive !== undefined));
    }
  }
  return out;
}

export function visitStrings(value: unknown, fn: (s: string) => void, depth: number): void {
  if (depth > 12 || value === null || value === undefined || value instanceof Uint8Array) return;
  if (typeof value === 'string') return fn(value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value);
  if (typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 5000)) visitStrings(v, fn, depth + 1);
    return;
  }
  for (const v of Object.values(value)) visitStrings(v, fn, depth + 1);
}

export function mapStrings<T>(value: T, fn: (s: string) => string, key: string, structural: ReadonlySet<string> = STRUCTURAL): T {
  if (typeof value === 'string') return (structural.has(key) ? stripControl(value) : fn(value)) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key, structural)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn, k, structural);
    return out as T;
  }
  return value;
}
