import type { FactStore } from '../facts/store.js';
import type { FactValue, Provenance } from '../facts/types.js';
import { fillCommand } from '../powershell/template.js';
import type { CheckResult, Evidence, EvidenceItem, RenderedStep, Rule, RuleResult, Unavailable } from '../rules/types.js';
import { maskStrings } from '../output/mask.js';
import { maskSecrets, secretLiterals } from '../report/secrets.js';
import { formatVersion, parseVersion, versionRange, type Version } from '../versions.js';

const KIND_LABEL = { 'cce-appliance': 'CCE appliance host', 'lync-server': 'Lync / Skype for Business Server' } as const;

export interface EvaluateOptions {
  now?: Date;
  /** Per-rule options (e.g. certificate-expiry threshold), passed to every rule. */
  options?: Record<string, unknown>;
}

/** Runs every rule against the facts. Never throws: a rule that breaks is reported as 'error'. */
export function evaluate(rules: readonly Rule<any, any>[], store: FactStore, opts: EvaluateOptions = {}): RuleResult[] {
  const now = opts.now ?? new Date();
  const versionFact = store.get('cce.version');
  const version = versionFact.status === 'ok' ? parseVersion(String(versionFact.value)) : undefined;
  return rules.map((rule) => evaluateRule(rule, store, version, now, opts.options ?? {}));
}

/**
 * One rule's result, ready for any output: every text in it has gone through the one masking step
 * (controls shown visibly, secrets masked, also the values of the rule's facts stored under secret keys).
 */
export function evaluateRule(rule: Rule<any, any>, store: FactStore, version: Version | undefined, now: Date, options: Record<string, unknown>): RuleResult {
  const found = new Set<string>();
  for (const id of [...rule.needs, ...rule.optional]) {
    const v = store.get(id);
    if (v.status === 'ok') for (const s of factLiterals(v, id)) found.add(s);
  }
  const literals = [...found].sort((a, b) => b.length - a.length);
  return maskStrings(evaluateUnmasked(rule, store, version, now, options, literals), literals);
}

/**
 * The secret literals in one fact value, found once per value (many rules need the same facts, and a
 * log excerpt is large): keyed by the store's value record, which a new value or derivation replaces.
 */
const literalsOf = new WeakMap<FactValue, readonly string[]>();

export function factLiterals(v: FactValue, id: string): readonly string[] {
  let found = literalsOf.get(v);
  if (!found) {
    found = [...secretLiterals(v.value, String(id).split('.').pop())];
    literalsOf.set(v, found);
  }
  return found;
}

function evaluateUnmasked(rule: Rule<any, any>, store: FactStore, version: Version | undefined, now: Date, options: Record<string, unknown>, literals: readonly string[]): RuleResult {
  const base = { rule: rule.id, title: rule.title, severity: rule.severity, family: rule.family };
  const kind = store.get('host.kind');
  const ruleKind = rule.family === 'lync' ? 'lync-server' : 'cce-appliance';
  if (kind.status === 'ok' && kind.value !== ruleKind) {
    return {
      ...base, status: 'not-applicable', evidence: [], unavailable: [], remediation: [],
      message: `this host is a ${KIND_LABEL[kind.value as keyof typeof KIND_LABEL]}; the rule is for a ${KIND_LABEL[ruleKind]}`,
    };
  }
  if (version && !rule.appliesRange.contains(version)) {
    return {
      ...base, status: 'not-applicable', evidence: [], unavailable: [], remediation: [],
      message: `applies to CCE ${rule.applies}; this host runs ${formatVersion(version)}`,
    };
  }
  const versionNote = !version && rule.applies !== 'all'
    ? `the CCE version is unknown (${describe(store, 'cce.version')}); the rule applies to ${rule.applies} and was run anyway`
    : undefined;
  const facts: Record<string, unknown> = {};
  const unavailable: Unavailable[] = [];
  for (const id of rule.needs) {
    const v = store.get(id);
    if (v.status === 'ok') {
      facts[id] = v.value;
      continue;
    }
    const u = store.unavailableAs(id)!;
    if (!unavailable.some((x) => x.fact === u.fact)) unavailable.push(u as Unavailable);
  }
  if (unavailable.length > 0) {
    return {
      ...base, status: 'unknown', evidence: [], unavailable, remediation: [],
      message: `cannot check: ${unavailable.map((u) => `${u.fact} is ${u.status} (${u.message})`).join('; ')}`,
      ...(versionNote ? { versionNote } : {}),
    };
  }
  for (const id of rule.optional) {
    const v = store.get(id);
    if (v.status === 'ok') facts[id] = v.value;
  }
  const broke = (e: unknown, where: string): RuleResult => ({
    ...base, status: 'error', evidence: [], unavailable: [], remediation: [],
    message: `the rule failed${where}: ${e instanceof Error ? e.message : String(e)}`,
  });
  let result: CheckResult;
  try {
    result = rule.check({ facts: Object.freeze(facts) as never, version, now, options });
  } catch (e) {
    return broke(e, '');
  }
  // Filling the remediation commands uses host values too (a NUL in one makes quoting refuse it): a
  // failure there makes this rule an error, never the whole run.
  try {
    const evidence = (result.evidence ?? []).map((item) => withProvenance(item, store));
    return {
      ...base,
      status: result.outcome,
      message: result.message,
      evidence,
      unavailable: result.outcome === 'unknown'
        ? result.facts.map((f) => ({ fact: f, status: store.get(f).status, message: result.message }))
        : [],
      // Values are masked before they are quoted into a command: quoting changes how a secret reads.
      remediation: result.outcome === 'fail' ? renderSteps(rule, version, maskParams(result.params ?? {}, literals)) : [],
      ...(versionNote ? { versionNote } : {}),
    };
  } catch (e) {
    return broke(e, ' while filling in its remediation');
  }
}

function maskParams(params: Record<string, string>, literals: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? maskSecrets(v, literals) : v;
  return out;
}

function withProvenance(item: EvidenceItem, store: FactStore): Evidence {
  return { ...item, provenance: collectedProvenance(store, item.fact) };
}

/**
 * Where a fact came from, for an operator: a derived value points at the collected fact it was first
 * derived from (through any derived facts between), which is what can be looked up on the host.
 */
export function collectedProvenance(store: FactStore, id: string, seen = new Set<string>()): Provenance {
  const provenance = store.get(id).provenance;
  const first = provenance.source === 'derived' ? provenance.derivedFrom?.[0] : undefined;
  if (first === undefined || seen.has(id)) return provenance;
  seen.add(id);
  if (store.has(first)) return store.get(first).provenance;
  const deeper = collectedProvenance(store, first, seen);
  return deeper.source === 'derived' ? provenance : deeper;
}

export function renderSteps(rule: Rule<any, any>, version: Version | undefined, params: Record<string, string>): RenderedStep[] {
  return rule.remediation
    .filter((s) => !s.versions || !version || versionRange(s.versions).contains(version))
    .map((s) => {
      const { command, params: _described, ...rest } = s;
      if (!command) return rest;
      const filled = fillCommand(command, params);
      return { ...rest, command: filled.command, ...(filled.unresolved.length ? { unresolved: filled.unresolved } : {}) };
    });
}

function describe(store: FactStore, id: string): string {
  const v = store.get(id);
  if (v.status === 'ok') return `${JSON.stringify(String(v.value)).slice(0, 80)} is not a version ccdoctor can read`;
  return v.message ?? v.status;
}
