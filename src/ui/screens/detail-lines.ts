import type { RemediationStep, RuleResult } from '../../core/rules/types.js';
import { describeProvenance } from '../../core/output/check-text.js';
import { procedureById, procedureFor } from '../../core/procedures/index.js';
import { SEVERITY_LABEL, type Theme } from '../theme.js';
import { clean, wrap, wrapCommand } from '../text.js';

export interface DetailLine {
  text: string;
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
  /** The remediation step this line belongs to. */
  step?: number;
}

export interface DetailLayout {
  lines: DetailLine[];
  /** First line of each remediation step. */
  stepStarts: number[];
}

/**
 * Everything the detail screen shows, as rows of at most `width` columns: what is wrong, the evidence
 * and where it came from, and the remediation as a checklist with this host's commands.
 */
/** A rule as the detail page reads it (a host rule or a site rule): its documented fix. */
export interface DocumentedFix {
  id: string;
  remediation: readonly RemediationStep[];
}

export function detailLines(r: RuleResult, done: readonly string[], selected: number, width: number, theme: Theme, cceVersion: string | undefined, rules: readonly DocumentedFix[]): DetailLayout {
  const lines: DetailLine[] = [];
  const para = (text: string, extra: Omit<DetailLine, 'text'> = {}, indent = '') => {
    for (const t of wrap(text, width, indent)) lines.push({ text: t, ...extra });
  };
  const status = r.status === 'fail' ? `${SEVERITY_LABEL[r.severity]}` : r.status;
  lines.push({ text: `${status.toUpperCase()}  ${r.rule}`, bold: true, color: r.status === 'fail' ? theme.severity[r.severity] : undefined });
  para(r.title, { bold: true });
  para(r.message);
  if (r.versionNote) para(`Note: ${r.versionNote}`, { dim: true });
  if (r.evidence.length > 0) {
    lines.push({ text: '' }, { text: 'Evidence', bold: true });
    for (const e of r.evidence) {
      // A site finding's evidence comes from several hosts: each item names its host.
      para(`${e.host ? `${e.host}: ` : ''}${e.label} = ${e.value}${e.at ? ` (${e.at})` : ''}`, {}, '  ');
      para(`from ${describeProvenance(e)}`, { dim: true }, '    ');
    }
  }
  if (r.unavailable.length > 0) {
    lines.push({ text: '' }, { text: 'Could not be checked', bold: true });
    for (const u of r.unavailable) para(`${u.host ? `on ${u.host}, ` : ''}${u.fact} is ${u.status}: ${u.message}`, {}, '  ');
  }
  const stepStarts: number[] = [];
  if (r.status === 'fail' && r.remediation.length > 0) {
    lines.push({ text: '' }, { text: `Remediation${cceVersion ? ` (steps for CCE ${clean(cceVersion)})` : ''}`, bold: true });
    r.remediation.forEach((s, i) => {
      stepStarts.push(lines.length);
      const on = i === selected;
      const box = done.includes(s.id) ? theme.glyph.done : theme.glyph.open;
      const head = `${on ? theme.glyph.pointer : theme.glyph.blank} ${box} ${i + 1}. ${s.destructive ? 'DESTRUCTIVE: ' : ''}${clean(s.title)} (on ${s.runsOn})`;
      // Wrapped, never cut: the DESTRUCTIVE marker and the target must stay visible at 80 columns.
      wrap(head, width, '').forEach((t, k) => lines.push({ text: k === 0 ? t : `        ${t}`, bold: on, color: on ? theme.accent : s.destructive ? theme.danger : undefined, step: i }));
      if (s.versions) para(`branch for CCE ${s.versions}${cceVersion ? `: this host runs ${clean(cceVersion)}` : ''}`, { dim: true, step: i }, '        ');
      para(s.text, { step: i }, '        ');
      if (s.command) commandLines(lines, s.command, width, { color: theme.accent, step: i });
      if (s.unresolved?.length) para(`fill in: ${s.unresolved.map((u) => `<${u}>`).join(', ')}`, { dim: true, step: i }, '        ');
    });
  } else {
    const rule = rules.find((x) => x.id === r.rule);
    if (rule) {
      lines.push({ text: '' }, { text: 'Documented fix (when the problem is there)', bold: true });
      for (const s of rule.remediation) para(`${theme.glyph.sep} ${s.title}`, { dim: true }, '  ');
    }
  }
  const steps = r.status === 'fail' ? r.remediation : rules.find((x) => x.id === r.rule)?.remediation ?? [];
  const guided = procedureById(procedureFor(r.rule, steps, r.status === 'fail' ? selected : undefined) ?? '');
  if (guided) {
    lines.push({ text: '' });
    for (const t of wrap(`Guided procedure: ${guided.title} (press p)`, width)) lines.push({ text: t, bold: true });
  }
  return { lines, stepStarts };
}

/** A step's command as rows (wrapCommand), with a note when a word is wider than the screen. */
export function commandLines(lines: DetailLine[], command: string, width: number, extra: Omit<DetailLine, 'text'>, indent = '        '): void {
  const { rows, cut } = wrapCommand(command, width, indent);
  for (const t of rows) lines.push({ text: t, ...extra });
  if (cut) lines.push({ text: `${indent}(wider than the screen: press c to copy the whole command)`, dim: true, ...(extra.step !== undefined ? { step: extra.step } : {}) });
}

/** A scroll offset that shows the selected step's first line (and as much of it as fits). */
export function scrollToStep(layout: DetailLayout, step: number, scroll: number, height: number): number {
  const start = layout.stepStarts[step];
  if (start === undefined) return scroll;
  const end = (layout.stepStarts[step + 1] ?? layout.lines.length) - 1;
  let s = scroll;
  if (end >= s + height) s = end - height + 1;
  if (start < s) s = start;
  return Math.max(0, Math.min(s, Math.max(0, layout.lines.length - height)));
}
