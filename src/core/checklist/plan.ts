import type { FactStore } from '../facts/store.js';
import type { FactSpec } from '../facts/types.js';
import type { Rule } from '../rules/types.js';
import { parseVersion, type Version } from '../versions.js';

/** One question of the offline checklist: a collected fact and the rules that want it. */
export interface PlannedQuestion {
  fact: string;
  spec: FactSpec<any>;
  /** Rule ids (or the derived fact 'cce.version') that asked for it. */
  neededBy: string[];
  /** Only used when present (a rule's optional fact): the rule decides without it. */
  optional: boolean;
}

/** Asked before anything else: the version decides which rules apply at all. */
export const VERSION_FACT = 'cce.version';

/**
 * The collected facts behind a fact: itself when collected; for a derived fact its inputs, and its
 * optional inputs only while the derived value is not ok yet (e.g. module.ini is asked only when
 * Get-CcVersion gave no version).
 */
export function collectedInputs(id: string, specs: ReadonlyMap<string, FactSpec<any>>, store: FactStore, seen = new Set<string>()): string[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const spec = specs.get(id);
  if (!spec) return [];
  if (!spec.derive) return [id];
  const out = spec.derive.from.flatMap((d) => collectedInputs(d, specs, store, seen));
  if (store.get(id).status !== 'ok') {
    for (const d of spec.derive.optional ?? []) out.push(...collectedInputs(d, specs, store, seen));
  }
  return out;
}

export function knownVersion(store: FactStore): Version | undefined {
  const v = store.get(VERSION_FACT);
  return v.status === 'ok' ? parseVersion(String(v.value)) : undefined;
}

/** A rule is moot once the answers show it does not apply to this host's version. */
export function isMoot(rule: Rule<any, any>, store: FactStore): boolean {
  const version = knownVersion(store);
  return version !== undefined && !rule.appliesRange.contains(version);
}

/**
 * The questions the selected rules need, in asking order: the version facts first, then each rule's
 * needed facts and then its optional ones, in catalogue order. Rules made moot by the answers given so
 * far contribute nothing; a fact without a checklist question cannot be asked and is left out.
 */
export function planQuestions(rules: readonly Rule<any, any>[], specs: ReadonlyMap<string, FactSpec<any>>, store: FactStore): PlannedQuestion[] {
  const plan = new Map<string, PlannedQuestion>();
  const add = (fact: string, by: string, optional: boolean) => {
    const spec = specs.get(fact);
    if (!spec?.checklist) return;
    const q = plan.get(fact);
    if (q) {
      if (!q.neededBy.includes(by)) q.neededBy.push(by);
      q.optional &&= optional;
      return;
    }
    plan.set(fact, { fact, spec, neededBy: [by], optional });
  };
  const versioned = rules.some((r) => r.applies !== 'all');
  if (versioned) for (const f of collectedInputs(VERSION_FACT, specs, store)) add(f, VERSION_FACT, false);
  for (const rule of rules) {
    if (isMoot(rule, store)) continue;
    for (const id of rule.needs) for (const f of collectedInputs(id, specs, store)) add(f, rule.id, false);
    for (const id of rule.optional) for (const f of collectedInputs(id, specs, store)) add(f, rule.id, true);
  }
  return [...plan.values()];
}
