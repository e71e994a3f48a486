import type { CliIO } from './command.js';
import { EXIT } from './command.js';
import { liveOptionsFrom, withInterrupt } from './live-options.js';
import { VERSION } from '../core/paths.js';
import { InputError } from '../core/errors.js';
import type { Catalogue } from '../core/rules/catalogue.js';
import { runCheck, type PipelineRun } from '../core/run/run-check.js';
import { putTenantFacts, readTenantFiles, type TenantFile } from '../core/tenant/apply.js';
import { findPowerShell, noPowerShellMessage } from '../live/find-powershell.js';
import { liveSource } from '../live/live-source.js';
import { liveSummary, progressPrinter } from '../live/progress.js';
import type { LiveResult } from '../live/run-live.js';

/**
 * `ccdoctor check` without --snapshot: a live check of this host, or an InputError (exit 2) offering a
 * snapshot or the checklist when there is no PowerShell. Tenant facts come from `tenantFiles` (read
 * before PowerShell starts, so a bad file fails at once). Returns the exit code when interrupted.
 */
export async function checkThisHost(
  io: CliIO,
  catalogue: Catalogue,
  values: { 'vm-user'?: string; timeout?: string },
  options: Record<string, unknown> = {},
  tenantFiles: readonly TenantFile[] = [],
): Promise<PipelineRun | number> {
  const liveOpts = liveOptionsFrom('check', values, io);
  const tenant = await readTenantFiles(tenantFiles);
  const powershell = await findPowerShell(io.env);
  if (!powershell) throw new InputError(`ccdoctor check: no --snapshot given, and ${noPowerShellMessage(io.env)}`);
  let run: PipelineRun | undefined;
  const code = await withInterrupt(io, async (signal) => {
    const progress = progressPrinter(io.stderr);
    let live: LiveResult | undefined;
    const source = liveSource({
      ...liveOpts, powershell, env: io.env, version: VERSION,
      onEvent: (e) => {
        progress(e);
        if (e.type === 'finished') live = e.result;
      },
      ...(tenant.length > 0 ? { prepare: async (store) => putTenantFacts(store, tenant) } : {}),
    });
    run = await runCheck(source, catalogue, { signal, options });
    // Interrupted: the pipeline kept what it had, but the CLI prints nothing of a cut-short run.
    if (signal.aborted || !live) throw signal.reason ?? new Error('interrupted');
    io.stderr.write(liveSummary(live, live.store.collected()));
    return EXIT.ok;
  });
  return run && code === EXIT.ok ? run : code;
}
