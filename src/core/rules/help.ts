import { unfilledCommand, unfilledPlaceholder } from '../powershell/template.js';
import { mdCode, mdFence, mdInline } from '../report/escape.js';
import { appliesText } from './applies.js';
import type { Catalogue } from './catalogue.js';
import type { SiteRule } from '../fleet/site-rule.js';
import { FAMILY_LABEL, type Family, type RemediationStep, type Rule } from './types.js';

/** A rule of the catalogue: one host's (rules/*.ts) or across appliances (rules/site/*.ts). */
export type AnyRule = Rule<any, any> | SiteRule<any, any>;

export const isSiteRule = (rule: AnyRule): rule is SiteRule<any, any> => rule.family === 'site';

/** What a site rule compares, for a person. */
export function scopeText(rule: SiteRule<any, any>): string {
  const least = rule.minHosts > 1 ? ` (at least ${rule.minHosts}${rule.scope === 'fleet' ? ' sites' : ''})` : '';
  return `${rule.scope === 'site' ? 'the appliances of each site' : 'every appliance of every site'}${least}`;
}

/** The guided procedure a rule's remediation leads to, when there is one. */
export type ProcedureFor = (ruleId: string) => { id: string; title: string } | undefined;

function stepTags(s: RemediationStep): string[] {
  return [`on ${s.runsOn}`, ...(s.versions ? [`CCE ${s.versions}`] : []), ...(s.destructive ? ['destructive'] : [])];
}

/**
 * One rule's help for a terminal: symptom, documented error text, facts, versions, remediation, procedure;
 * a site rule also what it compares (its scope) and the documented requirement it checks (its source).
 */
export function ruleHelpText(rule: AnyRule, procedureFor: ProcedureFor): string {
  const out = [
    `${rule.id}: ${rule.title}`,
    `${FAMILY_LABEL[rule.family]} · severity ${rule.severity} · applies to ${appliesText(rule)}`,
    '',
    'Symptom',
    `  ${rule.symptom}`,
  ];
  if (isSiteRule(rule)) out.push('', 'Scope', `  ${rule.scope}: compares ${scopeText(rule)}`, '', 'Source', `  ${rule.source}`);
  if (rule.signatures.length > 0) {
    out.push('', 'Documented error text');
    for (const s of rule.signatures) out.push(`  ${s.text}`);
  }
  out.push('', 'Facts', `  needs: ${rule.needs.length > 0 ? rule.needs.join(', ') : 'none'}`);
  if (rule.optional.length > 0) out.push(`  reads when present: ${rule.optional.join(', ')}`);
  out.push('', 'Remediation');
  rule.remediation.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.title} (${stepTags(s).join(', ')})`, `     ${s.text}`);
    if (s.command) out.push(`     PS> ${unfilledCommand(s.command)}`);
    for (const [name, what] of Object.entries(s.params ?? {})) out.push(`       ${unfilledPlaceholder(name)}: ${what}`);
  });
  const procedure = procedureFor(rule.id);
  if (procedure) out.push('', `Guided procedure: ${procedure.title} (in the wizard: Guided procedures)`);
  return `${out.join('\n')}\n`;
}

/** One rule as a Markdown section (a level-3 heading). */
export function ruleMarkdown(rule: AnyRule, procedureFor: ProcedureFor): string[] {
  const facts = [`needs ${rule.needs.length > 0 ? rule.needs.map((f) => mdCode(f)).join(', ') : 'no fact'}`];
  if (rule.optional.length > 0) facts.push(`reads ${rule.optional.map((f) => mdCode(f)).join(', ')} when present`);
  const out = [
    `### ${mdCode(rule.id)}: ${mdInline(rule.title)}`,
    '',
    `- Severity: ${rule.severity}`,
    `- Applies to: ${mdInline(appliesText(rule))}`,
    `- Facts: ${facts.join('; ')}`,
    ...(isSiteRule(rule) ? [`- Scope: ${rule.scope} (compares ${mdInline(scopeText(rule))})`] : []),
    '',
    `**Symptom.** ${mdInline(rule.symptom)}`,
    '',
    ...(isSiteRule(rule) ? [`**Source.** ${mdInline(rule.source)}`, ''] : []),
  ];
  if (rule.signatures.length > 0) {
    out.push('**Documented error text**', '');
    for (const s of rule.signatures) out.push(mdFence(s.text, 'text'), '');
  }
  out.push('**Remediation**', '');
  rule.remediation.forEach((s, i) => {
    out.push(`${i + 1}. **${mdInline(s.title)}** (${stepTags(s).join(', ')}): ${mdInline(s.text)}`);
    if (s.command) out.push('', mdFence(unfilledCommand(s.command), 'powershell').split('\n').map((l) => `   ${l}`).join('\n'));
    const params = Object.entries(s.params ?? {});
    if (params.length > 0) out.push('', ...params.map(([name, what]) => `   - ${mdCode(unfilledPlaceholder(name))}: ${mdInline(what)}`));
    out.push('');
  });
  const procedure = procedureFor(rule.id);
  if (procedure) out.push(`**Guided procedure:** ${mdInline(procedure.title)} (in the wizard: Guided procedures).`, '');
  return out;
}

/** The whole catalogue as Markdown: every rule, by family, in catalogue order. */
export function catalogueMarkdown(catalogue: Pick<Catalogue, 'rules' | 'siteRules'>, procedureFor: ProcedureFor, toolVersion: string): string {
  const all: AnyRule[] = [...catalogue.rules, ...catalogue.siteRules];
  const out = [
    '# ccdoctor rule catalogue',
    '',
    `${all.length} rules, by family, in catalogue order. Written by \`ccdoctor rules --format md\` (ccdoctor ${toolVersion}) from the rules' own metadata.`,
    '',
  ];
  for (const family of Object.keys(FAMILY_LABEL) as Family[]) {
    const rules = all.filter((r) => r.family === family);
    if (rules.length === 0) continue;
    out.push(`## ${FAMILY_LABEL[family]}`, '');
    for (const r of rules) out.push(...ruleMarkdown(r, procedureFor));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The ids closest to what was typed (a part of an id counts as close), best first. */
export function closestIds(typed: string, ids: readonly string[], max = 3): string[] {
  const t = typed.toLowerCase();
  const scored = ids.map((id) => ({ id, score: id.includes(t) && t.length >= 3 ? 0 : distance(t, id) }));
  const limit = Math.max(3, Math.floor(t.length / 2));
  return scored.filter((s) => s.score <= limit || s.score === 0).sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1)).slice(0, max).map((s) => s.id);
}
