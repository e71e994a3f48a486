import type { RuleResult, Severity } from '../../core/rules/types.js';
import { SEVERITIES } from '../../core/rules/types.js';
import { verdict } from '../../core/run/verdict.js';
import type { Row } from '../components/ListView.js';
import { SEVERITY_LABEL, type Theme } from '../theme.js';
import { clean } from '../text.js';

export interface FindingRow extends Row {
  ruleId?: string;
}

/** Findings grouped by severity, then rule errors, then what could not be checked (with the reason). */
export function findingRows(results: readonly RuleResult[], theme: Theme, showPassed = false): FindingRow[] {
  const rows: FindingRow[] = [];
  const fails = results.filter((r) => r.status === 'fail');
  // The same verdict as check and its JSON lead with (src/core/run/verdict.ts): never "no problems" for an incomplete run.
  const v = verdict(results);
  if (v.tone === 'ok') rows.push({ key: 'verdict', text: `${theme.glyph.pass} ${v.headline}`, selectable: false, color: theme.ok });
  else if (v.tone === 'incomplete') {
    rows.push({ key: 'verdict', text: `${theme.glyph.unknown} ${v.headline}`, selectable: false, bold: true, color: theme.severity.warning });
    rows.push({ key: 'verdict-detail', text: `  ${v.detail}`, selectable: false });
  } else rows.push({ key: 'verdict', text: v.headline, selectable: false, bold: true });
  for (const sev of SEVERITIES) {
    const group = fails.filter((r) => r.severity === sev);
    if (group.length === 0) continue;
    rows.push({ key: `h-${sev}`, text: `${SEVERITY_LABEL[sev]} (${group.length})`, selectable: false, bold: true, color: theme.severity[sev] });
    for (const r of group) rows.push(item(r, `${theme.glyph.fail} ${r.rule}  ${clean(r.title)}`, theme.severity[sev]));
  }
  const errors = results.filter((r) => r.status === 'error');
  if (errors.length > 0) {
    rows.push({ key: 'h-error', text: `Rule errors (${errors.length}): a bug in ccdoctor, please report`, selectable: false, bold: true, color: theme.danger });
    for (const r of errors) rows.push(item(r, `! ${r.rule}  ${clean(r.message)}`, theme.danger));
  }
  const unknown = results.filter((r) => r.status === 'unknown');
  if (unknown.length > 0) {
    rows.push({ key: 'h-unknown', text: `Could not check (${unknown.length})`, selectable: false, bold: true });
    for (const r of unknown) rows.push(item(r, `${theme.glyph.unknown} ${r.rule}  ${reason(r)}`, undefined));
  }
  const passed = results.filter((r) => r.status === 'pass');
  const na = results.filter((r) => r.status === 'not-applicable');
  if (!showPassed) {
    rows.push({ key: 'summary', text: `${passed.length} passed, ${na.length} not applicable (a: show them)`, selectable: false, dim: true });
    return rows;
  }
  // Passed rules can be opened too: what was checked, and the evidence it passed on.
  rows.push({ key: 'h-pass', text: `Passed (${passed.length})`, selectable: false, bold: true, color: theme.ok });
  for (const r of passed) rows.push(item(r, `${theme.glyph.pass} ${r.rule}  ${clean(r.title)}`, undefined));
  if (na.length > 0) {
    rows.push({ key: 'h-na', text: `Not applicable (${na.length})`, selectable: false, bold: true, dim: true });
    for (const r of na) rows.push(item(r, `- ${r.rule}  ${clean(r.message)}`, undefined));
  }
  return rows;
}

/** Why a rule could not decide: the facts and their state, in a phrase. */
export function reason(r: RuleResult): string {
  if (r.unavailable.length === 0) return clean(r.message);
  return r.unavailable.map((u) => `${u.fact} ${u.status}: ${clean(u.message)}`).join('; ');
}

function item(r: RuleResult, text: string, color: string | undefined): FindingRow {
  return { key: `r-${r.rule}`, text, selectable: true, color, ruleId: r.rule };
}

export function countsBySeverity(results: readonly RuleResult[]): Record<Severity, number> {
  const c: Record<Severity, number> = { critical: 0, error: 0, warning: 0, info: 0 };
  for (const r of results) if (r.status === 'fail') c[r.severity]++;
  return c;
}
