// The check pipeline (src/core/run/run-check.ts) with the catalogue, as the tests use it.
import type { EvaluateOptions } from '../../src/core/engine/evaluate.js';
import type { FactStore } from '../../src/core/facts/store.js';
import type { Rule } from '../../src/core/rules/types.js';
import type { CheckRun } from '../../src/core/run/check-run.js';
import { runCheck, snapshotSource, storeSource, type PipelineRun, type Prepare } from '../../src/core/run/run-check.js';
import { liveSource, type LiveSourceOptions } from '../../src/live/live-source.js';
import { CATALOGUE } from './catalogue.js';

type Options = EvaluateOptions & { rules?: readonly Rule<any, any>[] };

/** check --snapshot FILE: `shown` names the file in messages, `prepare` adds tenant facts. */
export function checkSnapshot(file: string, opts: Options & { shown?: string; prepare?: Prepare } = {}): Promise<PipelineRun> {
  const { shown, prepare, ...rest } = opts;
  return runCheck(snapshotSource(file, shown ?? file, prepare), CATALOGUE, rest);
}

/** The rules on facts already in a store. */
export function runRules(store: FactStore, source: CheckRun['source'], host: Omit<CheckRun['host'], 'cceVersion'>, opts: Options = {}, warnings: string[] = []): Promise<PipelineRun> {
  const from = storeSource(store, host, source.ref, source.kind);
  return runCheck({ ...from, collect: async (facts, hooks) => ({ ...(await from.collect(facts, hooks)), warnings }) }, CATALOGUE, opts);
}

/** A live check of a (simulated) host: check without --snapshot. */
export function checkLive(opts: Omit<LiveSourceOptions, 'version'> & EvaluateOptions & { version?: string }): Promise<PipelineRun> {
  const { now, options, version, ...live } = opts;
  return runCheck(liveSource({ ...live, version: version ?? '0.0.0' }), CATALOGUE, { ...(now ? { now } : {}), ...(options ? { options } : {}) });
}
