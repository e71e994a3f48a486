import type { Result } from 'execa';
import { InputError } from '../core/errors.js';
import type { FactStore } from '../core/facts/store.js';
import type { FactSpec, FactValue } from '../core/facts/types.js';
import { findPowerShell, noPowerShellMessage } from './find-powershell.js';
import { LineFramer } from './line-framer.js';
import { ProbeResults, stamp } from './probe-results.js';
import { externalFacts, plannedProbes, TENANT_SKIPPED_MESSAGE, type PlannedProbe } from './probes.js';
import { startPowerShell } from './ps-process.js';
import { liveScript, type VmCredential } from './ps-script.js';
import { capRaw, factFromEntry, parseFrame, type StartInfo } from './record.js';
import { seconds, Timers } from './timers.js';
import { Watchdog } from './watchdog.js';

export interface LiveOptions {
  /** The fact registry: the catalogue's facts (what the probes read and the store holds). */
  specs: ReadonlyMap<string, FactSpec<any>>;
  /** Collect only these facts (default: every collected fact with a probe). */
  ids?: readonly string[];
  /** PowerShell executable (default: findPowerShell()). */
  powershell?: string;
  /** Aborting kills PowerShell and everything it started; the run then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Limit for the whole run, start-up included (default 5 minutes). */
  deadlineMs?: number;
  /** Limit for PowerShell to start and report in (default 60 s). */
  startupTimeoutMs?: number;
  /** Per-probe limit for probes that name none (default 30 s). */
  defaultTimeoutMs?: number;
  /** The VM administrator credential for probes inside the VMs (default: the stored VmAdmin one). */
  vmCredential?: VmCredential;
  /** Environment for PowerShell and for finding it (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export type LiveEvent =
  /** `pid`: the process ccdoctor started (absent when no probe runs, or it could not be started). */
  | { type: 'spawned'; powershell: string; total: number; pid?: number }
  | { type: 'started'; elevated: boolean; psVersion?: string; credential?: StartInfo['credential']; startupMs: number }
  | { type: 'fact'; fact: FactValue; done: number; total: number }
  /** A line PowerShell printed that is not a result (a warning, a probe's Write-Host): host text, sanitise before display. */
  | { type: 'output'; line: string }
  | { type: 'finished'; result: LiveResult };

export interface LiveResult {
  store: FactStore;
  powershell: string;
  /** Whether PowerShell ran elevated; undefined when it never reported in. */
  elevated: boolean | undefined;
  psVersion?: string;
  startupMs?: number;
  durationMs: number;
  /** Problems with the run itself (PowerShell crashed, stray output), for the report's warnings. */
  warnings: string[];
}

/** Lines that are not results kept for the warning (and a failed probe's raw output). */
const NOISE_LIMIT = 50;

/**
 * Collects a host's facts with one PowerShell process, as a stream of events ending with 'finished'.
 * No PowerShell → InputError (exit 2) offering a snapshot or the checklist.
 */
export async function* collectLive(opts: LiveOptions): AsyncGenerator<LiveEvent, void, undefined> {
  const queue: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  let failure: { error: unknown } | undefined;
  const stop = new AbortController();
  const push = (e: LiveEvent) => {
    queue.push(e);
    wake?.();
  };
  const running = runProcess(opts, push, stop.signal).then(
    () => {
      settled = true;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      settled = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (settled) {
        if (failure) throw failure.error;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    // The consumer stopped early (break, or an error in its loop): end PowerShell too.
    if (!settled) stop.abort(new Error('the live run was abandoned'));
    await running;
  }
}

/** collectLive as one promise, with progress through a callback. */
export async function runLive(opts: LiveOptions & { onProgress?: (e: LiveEvent) => void }): Promise<LiveResult> {
  let result: LiveResult | undefined;
  for await (const e of collectLive(opts)) {
    opts.onProgress?.(e);
    if (e.type === 'finished') result = e.result;
  }
  if (!result) throw new Error('the live run ended without a result');
  return result;
}

/** Plans the probes, runs them in one PowerShell session (probeWithPowerShell), and reports the result. */
async function runProcess(opts: LiveOptions, emit: (e: LiveEvent) => void, abandoned: AbortSignal): Promise<void> {
  const { specs } = opts;
  opts.signal?.throwIfAborted();
  const env = opts.env ?? process.env;
  const toRun = plannedProbes(specs, opts.ids, opts.defaultTimeoutMs);
  // Facts no probe reads (the tenant's): recorded as missing, saying how to give them.
  const external = opts.ids ? [] : externalFacts(specs);
  const powershell = opts.powershell ?? (await findPowerShell(env));
  if (!powershell) throw new InputError(`ccdoctor: ${noPowerShellMessage(env)}`);
  const t0 = performance.now();
  const total = toRun.length + external.length;
  const results = new ProbeResults(toRun, total, emit);
  const warnings: string[] = [];
  const announce = (pid?: number) => {
    emit({ type: 'spawned', powershell, total, ...(pid !== undefined ? { pid } : {}) });
    for (const s of external) results.record({ id: s.id, status: 'missing', message: TENANT_SKIPPED_MESSAGE, provenance: { source: 'command', ref: `no probe (a ${s.external} fact)` } });
  };
  let session: SessionState = { noise: [], stderrTail: '', hung: false };
  if (toRun.length === 0) announce();
  else {
    session = await probeWithPowerShell({ opts, powershell, env, toRun, results, warnings, emit, abandoned, announce, t0 });
    opts.signal?.throwIfAborted();
    if (abandoned.aborted) return;
  }
  const { noise, start, startupMs } = session;
  if (noise.length > 0) warnings.push(`PowerShell printed ${noise.length === NOISE_LIMIT ? 'at least ' : ''}${noise.length} line(s) that are not results (first: ${JSON.stringify(noise[0])})`);
  emit({
    type: 'finished',
    result: {
      store: results.store(specs),
      powershell,
      elevated: start?.admin,
      ...(start?.psVersion ? { psVersion: start.psVersion } : {}),
      ...(startupMs !== undefined ? { startupMs } : {}),
      durationMs: Math.round(performance.now() - t0),
      warnings,
    },
  });
}

/** What one PowerShell session of a live run learnt besides the facts. */
interface SessionState {
  /** PowerShell's start frame (elevation, version), once it reported in. */
  start?: StartInfo;
  startupMs?: number;
  /** Lines that are not results (kept for the warning and a failed probe's raw output). */
  noise: string[];
  stderrTail: string;
  /** It stopped answering, refused or overran: kill it without waiting once the results are settled. */
  hung: boolean;
}

interface SessionRun {
  opts: LiveOptions;
  powershell: string;
  env: NodeJS.ProcessEnv;
  toRun: readonly PlannedProbe[];
  results: ProbeResults;
  warnings: string[];
  emit: (e: LiveEvent) => void;
  abandoned: AbortSignal;
  announce: (pid?: number) => void;
  t0: number;
}

/**
 * Runs the probes in one PowerShell process until every result is in, the run is cancelled, PowerShell
 * ends, or a limit passes (start-up, whole run, a silent PowerShell); then lets PowerShell go.
 */
async function probeWithPowerShell(run: SessionRun): Promise<SessionState> {
  const { opts, powershell, results, warnings } = run;
  const posix = process.platform !== 'win32';
  const deadlineMs = opts.deadlineMs ?? 300_000;
  const startupTimeoutMs = Math.min(opts.startupTimeoutMs ?? 60_000, deadlineMs);
  const state: SessionState = { noise: [], stderrTail: '', hung: false };
  const timers = new Timers();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let endSeen!: () => void;
  const endFrame = new Promise<void>((resolve) => (endSeen = resolve));
  const giveUp = () => {
    state.hung = true;
    finish();
  };
  const watchdog = new Watchdog(timers, results, giveUp);
  const startupTimer = timers.after(startupTimeoutMs, () => {
    if (state.start) return;
    warnings.push(`PowerShell did not start within ${seconds(startupTimeoutMs)}`);
    results.failRemaining('timeout', `PowerShell did not start within ${seconds(startupTimeoutMs)}`, state.stderrTail || undefined);
    giveUp();
  });
  timers.after(deadlineMs, () => {
    warnings.push(`the live run reached its time limit of ${seconds(deadlineMs)}`);
    results.failRemaining('timeout', `the whole run reached its time limit of ${seconds(deadlineMs)}`);
    giveUp();
  });
  const hooks: FrameHooks = {
    finish,
    giveUp,
    endSeen,
    rearm: () => watchdog.rearm(state.start !== undefined),
    started: () => clearTimeout(startupTimer),
  };
  const framer = new LineFramer((line) => readLine(line, state, run, hooks));
  // Windows: taskkill /T finds what the probes started only from a living root, so PowerShell waits to be
  // ended once its results are out (see stop below) instead of exiting by itself.
  const script = liveScript(run.toRun, { deadlineMs: Math.max(1000, deadlineMs - 1000), ...(opts.vmCredential ? { vmUser: opts.vmCredential.user } : {}), ...(posix ? {} : { awaitKill: true }) });
  const ps = startPowerShell(powershell, {
    script,
    env: run.env,
    ...(opts.vmCredential ? { vmCredential: opts.vmCredential } : {}),
    onStdout: (chunk) => framer.push(chunk),
    onStderr: (chunk) => {
      state.stderrTail = (state.stderrTail + chunk).slice(-8000);
    },
    onOutputEnd: () => framer.flush(),
  });
  run.announce(ps.pid);
  const cancelled = () => opts.signal?.aborted === true || run.abandoned.aborted;
  const onAbort = () => finish();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  run.abandoned.addEventListener('abort', onAbort, { once: true });
  void ps.exit.then((r) => {
    if (cancelled() || results.allIn()) return finish();
    const failure = exitFailure(r, powershell, state);
    warnings.push(failure.warning);
    results.failRemaining('error', failure.message, failure.raw);
    finish();
  });
  try {
    await done;
  } finally {
    timers.clearAll();
    opts.signal?.removeEventListener('abort', onAbort);
    run.abandoned.removeEventListener('abort', onAbort);
    await ps.stop(cancelled() || state.hung ? 'kill' : posix ? 'let-exit' : 'await-end-frame', endFrame);
  }
  return state;
}

interface FrameHooks {
  /** Every result is in, or the run is over. */
  finish(): void;
  /** The run is over and PowerShell is not to be waited for. */
  giveUp(): void;
  /** The end frame came (the script finished its clean-up). */
  endSeen(): void;
  /** A line came: the watchdog waits again. */
  rearm(): void;
  /** PowerShell reported in: the start-up limit no longer applies. */
  started(): void;
}

/** One line of PowerShell's stdout: a result, its start or end frame, a refusal, or noise. */
function readLine(line: string, state: SessionState, run: SessionRun, hooks: FrameHooks): void {
  const { results, warnings, emit } = run;
  hooks.rearm();
  const frame = parseFrame(line);
  const noise = () => {
    if (state.noise.length < NOISE_LIMIT) state.noise.push(capRaw(line));
    emit({ type: 'output', line });
  };
  if (frame.kind === 'noise') return noise();
  if (frame.kind === 'refused') {
    const why = refusedMessage(frame.info);
    warnings.push(why);
    results.failRemaining('error', why);
    return hooks.giveUp();
  }
  if (frame.kind === 'start') {
    if (state.start) return;
    if (frame.info.is64BitProcess === false) warnings.push('PowerShell ran as a 32-bit process: run ccdoctor from a 64-bit Node.js, or point CCDOCTOR_POWERSHELL at the 64-bit powershell.exe');
    state.start = frame.info;
    state.startupMs = Math.round(performance.now() - run.t0);
    hooks.started();
    emit({ type: 'started', elevated: frame.info.admin, ...(frame.info.psVersion ? { psVersion: frame.info.psVersion } : {}), ...(frame.info.credential ? { credential: frame.info.credential } : {}), startupMs: state.startupMs });
    return hooks.rearm();
  }
  if (frame.kind === 'end') {
    hooks.endSeen();
    if (results.allIn()) hooks.finish();
    return;
  }
  const p = results.probe(frame.id);
  if (!p) return noise();
  results.record(factFromEntry(p.spec, frame, stamp()));
  if (results.allIn()) hooks.finish();
}

/** PowerShell ended before every result was in: why, for the warnings and for each missing fact. */
function exitFailure(r: Result, powershell: string, state: SessionState): { warning: string; message: string; raw?: string } {
  if (r.code === 'ENOENT' || r.code === 'EACCES') {
    return { warning: `cannot run ${powershell}`, message: `cannot run ${powershell}: ${r.code === 'ENOENT' ? 'no such file' : 'permission denied'}` };
  }
  const how = r.signal ? `was killed (${r.signal})` : `exited with code ${r.exitCode ?? '?'}`;
  const why = state.stderrTail.trim() ? `: ${state.stderrTail.trim().split(/\r?\n/).slice(-3).join(' ')}` : '';
  const raw = [state.stderrTail, ...state.noise].filter(Boolean).join('\n');
  return { warning: `PowerShell ${how} before reporting every fact${why}`, message: `PowerShell ${how} before reporting this fact${why}`, ...(raw ? { raw } : {}) };
}

/** Why PowerShell refused to run the script (its bootstrap line checks before anything else). */
export function refusedMessage(info: { reason?: string; languageMode?: string; psVersion?: string }): string {
  if (info.reason === 'language-mode') {
    return `PowerShell runs in ${info.languageMode ?? 'a restricted language mode'} (an AppLocker or Device Guard policy), where ccdoctor's read-only probes cannot run: answer the offline checklist instead (ccdoctor, then "Offline checklist")`;
  }
  if (info.reason === 'version') {
    return `this is Windows PowerShell ${info.psVersion ?? '(before 5.1)'}: ccdoctor needs 5.1 (install Windows Management Framework 5.1 on the host), or answer the offline checklist instead`;
  }
  return 'PowerShell refused to run ccdoctor\'s script';
}

export type { PlannedProbe, VmCredential };
