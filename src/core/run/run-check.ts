import { evaluateRule, type EvaluateOptions } from '../engine/evaluate.js';
import type { FactStore } from '../facts/store.js';
import type { Catalogue } from '../rules/catalogue.js';
import type { Rule, RuleResult } from '../rules/types.js';
import { loadSnapshotFile } from '../snapshot/load.js';
import { parseVersion } from '../versions.js';
import { outputLine, outputText } from '../output/mask.js';
import type { CheckRun, SourceKind } from './check-run.js';

/** The facts of one host as a source gathered them. */
export interface CollectedFacts {
  store: FactStore;
  host: Omit<CheckRun['host'], 'cceVersion'>;
  /** How the source is named in the output ("demo.json", "CCE01 (powershell.exe)"). */
  ref: string;
  /** Notes on the input: ignored snapshot entries, denied facts, tenant files. */
  warnings: string[];
  /** The collection was cancelled: the facts not collected yet are unknown. */
  cancelled?: boolean;
}

/** Progress of collecting (done facts of total, when known). */
export type CollectProgress = (done: number, total?: number) => void;

/** Where the facts come from: a snapshot file, this host (src/live), the checklist answers. */
export interface FactSource {
  kind: SourceKind;
  /** The step as the progress shows it: "Read facts from demo.json". */
  label: string;
  /** How the input is named before it is read ("site-a/cce01.json"): a many-host run's failures name it. */
  ref?: string;
  /** Gathers the facts; rejects on bad input (InputError). On cancel, resolves with what it has (cancelled). */
  collect(facts: Catalogue['facts'], hooks: { signal?: AbortSignal; onProgress: CollectProgress }): Promise<CollectedFacts>;
}

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

export interface RunCheckOptions extends EvaluateOptions {
  /** Each step's progress; with it, the run yields to the event loop between rules (a screen paints, a key is read). */
  onStep?: (step: RunStep) => void;
  /** Cancels: collecting stops and keeps what it has; evaluating stops after the current rule. */
  signal?: AbortSignal;
  /** The rules to run (default: the catalogue's, in its order): the checklist's chosen symptoms, a test's rule. */
  rules?: readonly Rule<any, any>[];
  /** The clock for the steps' times. */
  clock?: () => number;
}

/** A finished or cancelled run: a CheckRun, the rules it ran, and whether it stopped early. */
export interface PipelineRun extends CheckRun {
  partial: boolean;
  rules: readonly Rule<any, any>[];
}

/** Lets the event loop breathe between rules, so progress paints and a cancel key is read. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * The one check pipeline (check --snapshot, the live check, the checklist, the wizard): gathers the
 * source's facts, then evaluates the rules one by one, reporting each step. A run cancelled while
 * collecting still evaluates every rule on the facts it has (the rest are unknown); one cancelled while
 * evaluating keeps the results so far (partial).
 */
export async function runCheck(source: FactSource, catalogue: Catalogue, opts: RunCheckOptions = {}): Promise<PipelineRun> {
  const clock = opts.clock ?? Date.now;
  const onStep = opts.onStep;
  const facts: RunStep = { id: 'facts', label: source.label, status: 'running', done: 0, startedAt: clock() };
  onStep?.({ ...facts });
  let got: CollectedFacts;
  try {
    got = await source.collect(catalogue.facts, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (done, total) => {
        if (total !== undefined) facts.total = total;
        onStep?.({ ...facts, done });
      },
    });
  } catch (e) {
    onStep?.({ ...facts, status: 'failed', endedAt: clock() });
    throw e;
  }
  const { store } = got;
  const cancelled = got.cancelled === true;
  const collected = store.collected().length;
  onStep?.({ ...facts, status: cancelled ? 'cancelled' : 'done', done: collected, total: cancelled ? facts.total : collected, endedAt: clock() });

  const rules = opts.rules ?? catalogue.rules;
  const step: RunStep = { id: 'rules', label: 'Evaluate rules', status: 'running', done: 0, total: rules.length, startedAt: clock() };
  onStep?.({ ...step });
  const v = store.get('cce.version');
  const version = v.status === 'ok' ? parseVersion(String(v.value)) : undefined;
  const now = opts.now ?? new Date();
  const results: RuleResult[] = [];
  for (const rule of rules) {
    if (opts.signal?.aborted && !cancelled) break;
    results.push(evaluateRule(rule, store, version, now, opts.options ?? {}));
    if (onStep) {
      onStep({ ...step, done: results.length });
      await breathe();
    }
  }
  onStep?.({ ...step, done: results.length, status: results.length < rules.length ? 'cancelled' : 'done', endedAt: clock() });
  // The results are masked by the engine; what the run says about the host and its input is masked here
  // (the host and the input's name on one line: they head every output).
  return {
    source: { kind: source.kind, ref: outputLine(got.ref) },
    host: hostShown({ ...got.host, ...(v.status === 'ok' ? { cceVersion: String(v.value) } : {}) }),
    results,
    warnings: got.warnings.map((w) => outputText(w)),
    store,
    partial: cancelled || results.length < rules.length,
    rules,
  };
}

/**
 * The host as every output names it (headers, titles, attributes, the JSON host object): each field masked
 * and on one line, so a host name holding a line break cannot fake a line of the output.
 */
function hostShown(host: CheckRun['host']): CheckRun['host'] {
  // Field by field in the order they came (the JSON host object keeps it).
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(host)) if (typeof v === 'string') out[k] = outputLine(v);
  return out as CheckRun['host'];
}

/** Adds facts from other files (tenant cmdlet JSON) to a source's before the rules run; returns notes for the warnings. */
export type Prepare = (store: FactStore) => Promise<string[]>;

/** A snapshot file; `shown` names it in messages and provenance. */
export function snapshotSource(path: string, shown = path, prepare?: Prepare, opts: { maxBytes?: number } = {}): FactSource {
  return {
    kind: 'snapshot',
    label: `Read facts from ${shown}`,
    ref: shown,
    async collect(facts) {
      const snap = await loadSnapshotFile(path, facts, shown, opts);
      if (prepare) snap.warnings.push(...(await prepare(snap.store)));
      return {
        store: snap.store,
        host: { name: snap.host.name, ...(snap.host.os ? { os: snap.host.os } : {}), collectedAt: snap.host.collectedAt },
        ref: shown,
        warnings: snap.warnings,
      };
    },
  };
}

/** Facts already in a store: the checklist's answers (or facts a test made). */
export function storeSource(store: FactStore, host: CollectedFacts['host'], ref = 'operator answers', kind: SourceKind = 'checklist'): FactSource {
  return {
    kind,
    label: 'Take the checklist answers',
    collect: async () => ({ store, host, ref, warnings: [] }),
  };
}
