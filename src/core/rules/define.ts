import type { FactId } from '../../facts/index.js';
import { versionRange } from '../versions.js';
import { declareOwnText } from '../output/mask.js';
import type { CheckContext, CheckResult, EvidenceItem, Family, RemediationStep, Rule, Severity, Signature } from './types.js';

export interface RuleDefinition<N extends FactId, O extends FactId> {
  id: string;
  title: string;
  family: Family;
  /** Its place within the family in the catalogue: rules are listed by family, then by this number. */
  order: number;
  severity: Severity;
  applies: string;
  symptom: string;
  needs: readonly N[];
  optional?: readonly O[];
  signatures?: readonly Signature[];
  check(ctx: CheckContext<N, O>): CheckResult;
  remediation: readonly RemediationStep[];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The checks every rule definition passes at load time, host rule or site rule (`kind` names it in the
 * message): a kebab-case id, at least one remediation step, step ids unique, every {placeholder} of a
 * command described, every step's versions readable.
 */
export function checkDefinition(kind: 'rule' | 'site rule', def: { id: string; title: string; remediation: readonly RemediationStep[] }): void {
  if (!ID.test(def.id)) throw new Error(`${kind} id "${def.id}" must be kebab-case`);
  if (def.remediation.length === 0) throw new Error(`${kind} ${def.id}: at least one remediation step is required`);
  const stepIds = new Set<string>();
  for (const s of def.remediation) {
    if (stepIds.has(s.id)) throw new Error(`${kind} ${def.id}: duplicate remediation step "${s.id}"`);
    stepIds.add(s.id);
    for (const name of placeholders(s.command ?? '')) {
      if (!s.params || !(name in s.params)) throw new Error(`${kind} ${def.id}, step ${s.id}: {${name}} is not described in params`);
    }
    if (s.versions) versionRange(s.versions);
  }
  // What results carry as written: the title and each step's title, text, and command when nothing is filled in.
  declareOwnText([def.title, ...def.remediation.flatMap((s) => [s.title, s.text, s.command && placeholders(s.command).length === 0 ? s.command : undefined])]);
}

/** Declares a rule; throws at load time on a malformed definition (like ESLint's rule schema). */
export function defineRule<const N extends FactId, const O extends FactId = never>(def: RuleDefinition<N, O>): Rule<N, O> {
  checkDefinition('rule', def);
  return { ...def, optional: def.optional ?? [], signatures: def.signatures ?? [], appliesRange: versionRange(def.applies) };
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!);
}

export const fail = (message: string, evidence: EvidenceItem[], params?: Record<string, string>): CheckResult => ({
  outcome: 'fail', message, evidence, ...(params ? { params } : {}),
});
export const pass = (message: string, evidence: EvidenceItem[] = []): CheckResult => ({ outcome: 'pass', message, evidence });
export const notApplicable = (message: string, evidence?: EvidenceItem[]): CheckResult => ({
  outcome: 'not-applicable', message, ...(evidence ? { evidence } : {}),
});
export const unknown = (message: string, facts: FactId[]): CheckResult => ({ outcome: 'unknown', message, facts });
