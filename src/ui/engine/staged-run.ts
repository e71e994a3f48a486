import { FACTS } from '../../facts/index.js';
import { RULES } from '../../../rules/index.js';
import { evaluateRule } from '../../core/engine/evaluate.js';
import type { FactStore } from '../../core/facts/store.js';
import type { Rule, RuleResult } from '../../core/rules/types.js';
import type { CheckRun, SourceKind } from '../../core/run/check-run.js';
import { loadSnapshotFile } from '../../core/snapshot/load.js';
import { parseVersion } from '../../core/versions.js';
import { FactStore as Store } from '../../core/facts/store.js';
import { liveHost } from '../../live/live-host.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunStep {
  id: 'facts' | 'rules';
  label: string;
  status: StepStatus;
  done: number;
  total?: number;
  startedAt?: number;
  endedAt?: number;
}

/** A finished or cancelled run: a CheckRun, plus whether it stopped early. */
export interface WizardRun extends CheckRun {
  partial: boolean;
  rules: readonly Rule<any, any>[];
}

export type RunSource =
  | { kind: 'snapshot'; path: string; shown: string }
  | { kind: 'live'; powershell: string; env: NodeJS.ProcessEnv; version: string }
  | { kind: 'checklist'; store: FactStore; host: string; rules: readonly Rule<any, any>[] };

export interface RunHooks {
  signal: AbortSignal;
  onStep(step: RunStep): void;
  now?: () => number;
}

/** Lets the event loop breathe between rules, so progress paints and a cancel key is read. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * Gathers the facts of a source and evaluates the rules one by one, reporting each step. A cancel
 * keeps what was evaluated so far (partial). Errors reading the source reject (InputError for bad input).
 */
export async function executeRun(source: RunSource, hooks: RunHooks): Promise<WizardRun> {
  const now = hooks.now ?? Date.now;
  const label = source.kind === 'snapshot' ? `Read facts from ${source.shown}` : source.kind === 'live' ? `Collect facts with ${source.powershell}` : 'Take the checklist answers';
  const facts: RunStep = { id: 'facts', label, status: 'running', done: 0, startedAt: now() };
  hooks.onStep({ ...facts });
  let store: FactStore;
  let host: CheckRun['host'];
  let ref: string;
  let warnings: string[] = [];
  let kind: SourceKind;
  let factsCancelled = false;
  const rules = source.kind === 'checklist' ? source.rules : RULES;
  try {
    if (source.kind === 'snapshot') {
      const snap = await loadSnapshotFile(source.path, FACTS, source.shown);
      store = snap.store;
      host = { name: snap.host.name, ...(snap.host.os ? { os: snap.host.os } : {}), collectedAt: snap.host.collectedAt };
      warnings = snap.warnings;
      ref = source.shown;
      kind = 'snapshot';
    } else if (source.kind === 'live') {
      const live = await collectLiveFacts(source, hooks, facts);
      store = live.store;
      factsCancelled = live.cancelled;
      const h = liveHost(store, { version: source.version });
      host = { name: h.name, ...(h.os ? { os: h.os } : {}), collectedAt: h.collectedAt };
      warnings = live.warnings;
      ref = `${h.name} (${source.powershell})`;
      kind = 'live';
    } else {
      store = source.store;
      host = { name: source.host };
      ref = 'operator answers';
      kind = 'checklist';
    }
  } catch (e) {
    hooks.onStep({ ...facts, status: 'failed', endedAt: now() });
    throw e;
  }
  const collected = store.collected().length;
  hooks.onStep({ ...facts, status: factsCancelled ? 'cancelled' : 'done', done: collected, total: factsCancelled ? facts.total : collected, endedAt: now() });

  const step: RunStep = { id: 'rules', label: 'Evaluate rules', status: 'running', done: 0, total: rules.length, startedAt: now() };
  hooks.onStep({ ...step });
  const v = store.get('cce.version');
  const version = v.status === 'ok' ? parseVersion(String(v.value)) : undefined;
  const results: RuleResult[] = [];
  const at = new Date();
  for (const rule of rules) {
    // A run cancelled while collecting still evaluates every rule on the facts it has (the rest are unknown).
    if (hooks.signal.aborted && !factsCancelled) break;
    results.push(evaluateRule(rule, store, version, at, {}));
    hooks.onStep({ ...step, done: results.length });
    await breathe();
  }
  const partial = factsCancelled || results.length < rules.length;
  hooks.onStep({ ...step, done: results.length, status: results.length < rules.length ? 'cancelled' : 'done', endedAt: now() });
  return {
    source: { kind, ref },
    host: { ...host, ...(v.status === 'ok' ? { cceVersion: String(v.value) } : {}) },
    results,
    warnings,
    store,
    partial,
    rules,
  };
}

/**
 * Runs the live probes, reporting each fact as it arrives. A cancel keeps the facts collected so far
 * (collectLive itself rejects on abort, so they are gathered here from its events).
 */
async function collectLiveFacts(
  source: Extract<RunSource, { kind: 'live' }>, hooks: RunHooks, step: RunStep,
): Promise<{ store: FactStore; cancelled: boolean; warnings: string[] }> {
  const partial = new Store(FACTS);
  let total: number | undefined;
  // Loaded on use: it brings execa, which the wizard's first frame does not need.
  const { collectLive } = await import('../../live/run-live.js');
  try {
    for await (const e of collectLive({ powershell: source.powershell, env: source.env, signal: hooks.signal })) {
      if (e.type === 'spawned') {
        total = e.total;
        hooks.onStep({ ...step, total });
      } else if (e.type === 'fact') {
        partial.set(e.fact);
        hooks.onStep({ ...step, done: e.done, total: e.total });
      } else if (e.type === 'finished') {
        return { store: e.result.store, cancelled: false, warnings: e.result.warnings };
      }
    }
  } catch (e) {
    if (!hooks.signal.aborted) throw e;
  }
  step.total = total;
  return { store: partial, cancelled: true, warnings: ['the live check was cancelled: facts not collected yet are unknown'] };
}
