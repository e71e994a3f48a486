import { FAMILY_LABEL, type Family, type Rule } from '../../core/rules/types.js';
import type { Row } from '../components/ListView.js';
import { clean } from '../text.js';

export { FAMILY_LABEL };

export interface RuleRow extends Row {
  ruleId?: string;
}

/** Rules matching every word of the filter (in id, title, symptom, signatures or family). */
export function filterRules(filter: string, rules: readonly Rule<any, any>[]): Rule<any, any>[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return rules.filter((r) => {
    const hay = [r.id, r.title, r.symptom, FAMILY_LABEL[r.family], ...r.signatures.map((s) => s.text)].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The catalogue by family, each rule with its symptom. */
export function ruleRows(rules: readonly Rule<any, any>[]): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const family of Object.keys(FAMILY_LABEL) as Family[]) {
    const list = rules.filter((r) => r.family === family);
    if (list.length === 0) continue;
    rows.push({ key: `f-${family}`, text: `${FAMILY_LABEL[family]} (${list.length})`, selectable: false, bold: true });
    for (const r of list) rows.push({ key: r.id, text: `${r.id}  ${clean(r.symptom)}`, selectable: true, ruleId: r.id });
  }
  return rows;
}
