/**
 * Runs ccdoctor's live path against a simulated host (test code): a snapshot becomes a host model and a
 * sandbox, and the "powershell" ccdoctor starts is pwsh-sim.mjs (real pwsh, prepared as that host).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { layOut, sandboxPath, simHostFromSnapshot, SIM_DIR, type ModelOptions, type SimHost } from './model.js';
import type { SnapshotFile } from './snapshot-file.js';

export const LAUNCHER = join(SIM_DIR, 'pwsh-sim.mjs');
chmodSync(LAUNCHER, 0o755);

export interface SimulatedHost {
  root: string;
  host: SimHost;
  /** Environment for ccdoctor's PowerShell (pass as LiveOptions.env, with powershell: LAUNCHER). */
  env: NodeJS.ProcessEnv;
  launcher: string;
  dispose(): void;
}

/** A snapshot file as a whole (a patch resolved against its bases by the loader's resolver). */
export function readSnapshot(path: string): SnapshotFile {
  return readSnapshotJson(path) as unknown as SnapshotFile;
}

export function simulate(snapshot: SnapshotFile, pwsh: string, opts: ModelOptions = {}): SimulatedHost {
  const root = mkdtempSync(join(tmpdir(), 'ccd-sim-'));
  const host = simHostFromSnapshot(snapshot, opts);
  const simEnv = layOut(host, root, pwsh);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    ...simEnv,
    CCD_SIM_LOG: join(root, 'sim.log'),
  };
  writeFileSync(env.CCD_SIM_LOG!, '');
  const cache = snapshot.facts['ps.moduleAnalysisCache'];
  if (cache?.status === 'ok' && cache.value?.exists) env.CCD_SIM_DEFAULT_ANALYSIS_CACHE = sandboxPath(root, String(cache.value.path));
  return { root, host, env, launcher: LAUNCHER, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** What the simulator logged (New-PSSession, Invoke-Command …), one entry per line. */
export function simLog(sim: SimulatedHost): string[] {
  return readFileSync(sim.env.CCD_SIM_LOG!, 'utf8').split('\n').filter((l) => l !== '');
}
