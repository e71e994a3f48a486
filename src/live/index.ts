/**
 * Live checks of this host: one PowerShell process runs every probe (see run-live.ts).
 *
 *   if (await findPowerShell()) for await (const e of collectLive({ signal })) { ...e.type: spawned,
 *   started, fact (done/total), output, finished (e.result.store) }
 *
 * or runLive({ onProgress, signal }) for one promise; liveSource(...) is this host as a source of
 * src/core/run/run-check.ts's pipeline. Aborting the signal kills PowerShell
 * and what it started; the iteration then throws the signal's reason.
 */
export { collectLive, runLive, type LiveEvent, type LiveOptions, type LiveResult } from './run-live.js';
export { liveSource, NOT_ELEVATED_WARNING, type LiveSourceOptions } from './live-source.js';
export { findPowerShell, noPowerShellMessage, noPowerShellReason } from './find-powershell.js';
export { liveHost } from './live-host.js';
export { collectorScript, liveScript, stdinBootstrap, type VmCredential } from './ps-script.js';
export { collectorProbes, plannedProbes, type PlannedProbe } from './probes.js';
