import type { Journal } from '../../core/procedures/journal.js';
import type { ApplianceScope, ProcedureTarget, ResolvedStep } from '../../core/procedures/types.js';
import type { Theme } from '../theme.js';
import { clean, wrap } from '../text.js';
import { commandLines, type DetailLayout, type DetailLine } from './detail-lines.js';

const TARGET: Record<ProcedureTarget, string> = {
  host: 'on the CCE host',
  'vm:AD': 'on the AD VM',
  'vm:CMS': 'on the CMS VM',
  'vm:Mediation': 'on the Mediation Server VM',
  'vm:Edge': 'on the Edge Server VM',
  tenant: 'in tenant remote PowerShell',
  operator: 'by you',
  'lync-server': 'on the Lync server',
  gateway: 'on the PSTN gateways',
};

const SCOPE: Record<ApplianceScope, string> = {
  first: 'first appliance only',
  each: 'on every appliance',
  others: 'every other appliance',
  any: 'any one appliance',
};

/** "2026-11-22T06:41:07.000Z" → "2026-11-22 06:41 UTC". */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function doneCount(steps: readonly ResolvedStep[], j: Journal): number {
  return steps.filter((s) => j.done[s.id] !== undefined).length;
}

/** The step checklist as rows of at most `width` columns; stepStarts gives each step's first row. */
export function procedureLines(steps: readonly ResolvedStep[], j: Journal, selected: number, width: number, theme: Theme): DetailLayout {
  const lines: DetailLine[] = [];
  const stepStarts: number[] = [];
  const para = (text: string, step: number, extra: Omit<DetailLine, 'text' | 'step'> = {}) => {
    for (const t of wrap(text, width, '        ')) lines.push({ text: t, step, ...extra });
  };
  steps.forEach((s, i) => {
    stepStarts.push(lines.length);
    const on = i === selected;
    const box = j.done[s.id] !== undefined ? theme.glyph.done : theme.glyph.open;
    wrap(`${on ? theme.glyph.pointer : theme.glyph.blank} ${box} ${i + 1}. ${clean(s.title)}`, width).forEach((t, k) => lines.push({
      text: k === 0 ? t : `        ${t}`,
      bold: on,
      color: on ? theme.accent : s.destructive ? theme.danger : undefined,
      step: i,
    }));
    const where = [TARGET[s.runsOn], ...(s.appliances ? [SCOPE[s.appliances]] : [])].join(', ');
    para(s.destructive ? `DESTRUCTIVE ${theme.glyph.sep} ${where}` : where, i, s.destructive ? { color: theme.danger, bold: true } : { dim: true });
    para(s.text, i);
    if (s.command) commandLines(lines, s.command, width, { color: theme.accent, step: i });
    if (s.unresolved.length) para(`fill in: ${s.unresolved.map((u) => `<${u}>`).join(', ')}`, i, { dim: true });
    const at = j.done[s.id];
    if (at) para(`done ${shortTime(at)}`, i, { color: theme.ok });
    const note = j.notes[s.id];
    if (note) para(`note: ${note}`, i, { dim: true });
  });
  return { lines, stepStarts };
}
