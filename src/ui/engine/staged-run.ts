import type { Catalogue } from '../../core/rules/catalogue.js';
import type { FactStore } from '../../core/facts/store.js';
import type { Rule } from '../../core/rules/types.js';
import { runCheck, snapshotSource, storeSource, type FactSource, type PipelineRun, type RunStep } from '../../core/run/run-check.js';

export type { RunStep, StepStatus } from '../../core/run/run-check.js';

/** A finished or cancelled run: a CheckRun, plus whether it stopped early. */
export type WizardRun = PipelineRun;

/** What the wizard can check: a snapshot file, this host, the checklist answers. */
export type RunSource =
  /** `remember: false`: not added to the recent list (a host drilled into from the site view). */
  | { kind: 'snapshot'; path: string; shown: string; remember?: boolean }
  | { kind: 'live'; powershell: string; env: NodeJS.ProcessEnv; version: string }
  | { kind: 'checklist'; store: FactStore; host: string; rules: readonly Rule<any, any>[] };

export interface RunHooks {
  signal: AbortSignal;
  onStep(step: RunStep): void;
  now?: () => number;
}

/** The wizard's run: the one check pipeline (src/core/run/run-check.ts) on the chosen source. */
export async function executeRun(source: RunSource, catalogue: Catalogue, hooks: RunHooks): Promise<WizardRun> {
  return runCheck(await factSource(source), catalogue, {
    signal: hooks.signal,
    onStep: (s) => hooks.onStep(s),
    ...(hooks.now ? { clock: hooks.now } : {}),
    ...(source.kind === 'checklist' ? { rules: source.rules } : {}),
  });
}

async function factSource(source: RunSource): Promise<FactSource> {
  if (source.kind === 'snapshot') return snapshotSource(source.path, source.shown);
  if (source.kind === 'checklist') return storeSource(source.store, { name: source.host });
  // Loaded on use: the live source brings PowerShell's runner, which the wizard's first frame does not need.
  const { liveSource } = await import('../../live/live-source.js');
  return liveSource({ powershell: source.powershell, env: source.env, version: source.version });
}
