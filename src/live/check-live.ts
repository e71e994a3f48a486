import type { EvaluateOptions } from '../core/engine/evaluate.js';
import type { Rule } from '../core/rules/types.js';
import { runRules, type CheckRun } from '../core/run/check-run.js';
import { liveHost } from './live-host.js';
import { runLive, type LiveEvent, type LiveOptions, type LiveResult } from './run-live.js';

export interface CheckLiveOptions extends LiveOptions, EvaluateOptions {
  rules?: readonly Rule<any, any>[];
  onProgress?: (e: LiveEvent) => void;
  version?: string;
  /** Adds facts from other sources (tenant cmdlet JSON files) before the rules run; returns notes for the warnings. */
  prepare?: (store: import('../core/facts/store.js').FactStore) => Promise<string[]>;
}

/** Collects this host's facts live and evaluates every rule on them. */
export async function checkLive(opts: CheckLiveOptions = {}): Promise<CheckRun & { live: LiveResult }> {
  const live = await runLive(opts);
  const host = liveHost(live.store, { version: opts.version ?? '0.0.0' });
  const notes = opts.prepare ? await opts.prepare(live.store) : [];
  const run = runRules(
    live.store,
    { kind: 'live', ref: `${host.name} (${live.powershell})` },
    { name: host.name, ...(host.os ? { os: host.os } : {}), collectedAt: host.collectedAt },
    opts,
    [...live.warnings, ...notes, ...(live.elevated === false ? ['PowerShell was not running as Administrator: facts that need it are denied (run as Administrator for a full check)'] : [])],
  );
  return { ...run, live };
}
