import { InputError } from '../core/errors.js';
import type { FactSpec } from '../core/facts/types.js';
import { displayLine } from '../core/text/sanitize.js';
import { fanOutScript, REMOTE_PASSWORD_ENV } from './fanout-script.js';
import { hostOutcome, parseFanOutLine, type HostOutcome } from './fanout-result.js';
import { findPowerShell, noPowerShellMessage } from './find-powershell.js';
import { LineFramer } from './line-framer.js';
import { collectorProbes } from './probes.js';
import { startPowerShell } from './ps-process.js';
import { collectorScript, type VmCredential } from './ps-script.js';
import { seconds } from './timers.js';

export interface FanOutRunOptions {
  computers: readonly string[];
  /** The fact registry: the collector runs every collected, non-sensitive fact's probe (or only `ids`). */
  specs: ReadonlyMap<string, FactSpec<any>>;
  ids?: readonly string[];
  /** Hosts connecting or collecting at once (Invoke-Command -ThrottleLimit). */
  throttle: number;
  /** Per host, connection included. */
  hostTimeoutMs: number;
  collectorVersion: string;
  /** The account for the remoting connection (default: the operator's own logon). */
  remoteCredential?: VmCredential;
  /** The VM administrator account for the probes inside the VMs (default: each host's stored one). */
  vmCredential?: VmCredential;
  /** PowerShell on the operator's machine (default: findPowerShell()). */
  powershell?: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting kills PowerShell (and the remoting jobs with it); the run then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Each host as it ends, in that order; the run waits for what it returns. */
  onHost?: (outcome: HostOutcome) => void | Promise<void>;
}

export interface FanOutRun {
  powershell: string;
  psVersion?: string;
  durationMs: number;
  /** One per computer, in the order they ended. */
  outcomes: HostOutcome[];
  /** Problems with the run itself (PowerShell failed, stray output). */
  warnings: string[];
}

/** What the collector inside a host may take, leaving room for connecting and sending the snapshot back. */
export function collectorDeadlineMs(hostTimeoutMs: number): number {
  return Math.max(1000, hostTimeoutMs - Math.min(30_000, Math.floor(hostTimeoutMs / 4)));
}

/**
 * Collects many hosts with one PowerShell process on this machine through PowerShell remoting
 * (fanout-script.ts). Every computer gets exactly one outcome: an unreachable, failing or hanging host
 * never stops the others, and a PowerShell that dies or overruns the whole run's limit fails only the
 * hosts not reported yet.
 */
export async function runFanOut(opts: FanOutRunOptions): Promise<FanOutRun> {
  opts.signal?.throwIfAborted();
  const env = opts.env ?? process.env;
  const powershell = opts.powershell ?? (await findPowerShell(env));
  if (!powershell) throw new InputError(`ccdoctor: ${noPowerShellMessage(env)}`);
  const probes = collectorProbes(opts.specs).filter((p) => !opts.ids || opts.ids.includes(p.id));
  const collector = collectorScript(probes, { collectorVersion: opts.collectorVersion, deadlineMs: collectorDeadlineMs(opts.hostTimeoutMs) });
  const script = fanOutScript({
    computers: opts.computers,
    collector,
    throttle: opts.throttle,
    hostTimeoutMs: opts.hostTimeoutMs,
    ...(opts.remoteCredential ? { remoteUser: opts.remoteCredential.user } : {}),
    ...(opts.vmCredential ? { vmUser: opts.vmCredential.user } : {}),
  });
  const t0 = performance.now();
  const outcomes: HostOutcome[] = [];
  const reported = new Set<string>();
  const warnings: string[] = [];
  let psVersion: string | undefined;
  let fatal: string | undefined;
  let stderrTail = '';
  let noise = 0;
  // Hosts are handed on one at a time, in order (the caller writes files and the manifest from them).
  let handing: Promise<void> = Promise.resolve();
  const given = new Map(opts.computers.map((c) => [c.toLowerCase(), c]));
  const settle = (o: HostOutcome) => {
    const key = o.host.toLowerCase();
    const host = given.get(key);
    if (host === undefined) {
      warnings.push(`PowerShell reported a host that was not asked for: ${displayLine(o.host, 80)}`);
      return;
    }
    o = { ...o, host };
    if (reported.has(key)) return;
    reported.add(key);
    outcomes.push(o);
    handing = handing.then(() => opts.onHost?.(o));
  };
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const allIn = () => reported.size >= opts.computers.length;
  const framer = new LineFramer((line) => {
    const f = parseFanOutLine(line);
    if (f.kind === 'host') settle(hostOutcome(f.frame, opts.hostTimeoutMs));
    else if (f.kind === 'fanout') psVersion = f.psVersion;
    else if (f.kind === 'fatal') {
      fatal = displayLine(f.error.message, 600);
      finish();
    } else if (f.kind === 'end') finish();
    else if (f.line.trim() !== '') noise++;
    if (allIn()) finish();
  });
  const ps = startPowerShell(powershell, {
    script,
    env,
    ...(opts.vmCredential ? { vmCredential: opts.vmCredential } : {}),
    ...(opts.remoteCredential ? { secretEnv: { [REMOTE_PASSWORD_ENV]: opts.remoteCredential.password } } : {}),
    onStdout: (chunk) => framer.push(chunk),
    onStderr: (chunk) => {
      stderrTail = (stderrTail + chunk).slice(-8000);
    },
    onOutputEnd: () => framer.flush(),
  });
  // PowerShell bounds each host; this bounds PowerShell: every throttle window at most, and a minute more.
  const rounds = Math.ceil(opts.computers.length / Math.max(1, opts.throttle)) + 1;
  const runLimitMs = rounds * opts.hostTimeoutMs + 60_000;
  let overran = false;
  const limit = setTimeout(() => {
    overran = true;
    finish();
  }, runLimitMs);
  const onAbort = () => finish();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let exitedEarly = false;
  void ps.exit.then(() => {
    exitedEarly = !allIn();
    finish();
  });
  try {
    await done;
  } finally {
    clearTimeout(limit);
    opts.signal?.removeEventListener('abort', onAbort);
    await ps.stop(opts.signal?.aborted || overran ? 'kill' : 'let-exit', Promise.resolve());
  }
  opts.signal?.throwIfAborted();
  const durationMs = Math.round(performance.now() - t0);
  const stderr = stderrTail.trim() ? `: ${displayLine(stderrTail.trim().split(/\r?\n/).slice(-3).join(' '), 600)}` : '';
  const why = fatal
    ? `Invoke-Command failed: ${fatal}`
    : overran
      ? `the whole collection reached its time limit of ${seconds(runLimitMs)}`
      : exitedEarly
        ? `PowerShell ended before reporting this host${stderr}`
        : undefined;
  if (why) warnings.push(why);
  if (noise > 0) warnings.push(`PowerShell printed ${noise} line(s) that are not results`);
  for (const host of opts.computers) {
    if (!reported.has(host.toLowerCase())) settle({ host, status: overran ? 'timeout' : 'failed', durationMs, error: why ?? 'no result came for this host' });
  }
  await handing;
  return { powershell, ...(psVersion ? { psVersion } : {}), durationMs, outcomes, warnings };
}
