import { execa } from 'execa';
import { InputError } from '../core/errors.js';
import { FactStore } from '../core/facts/store.js';
import type { FactSpec, FactValue } from '../core/facts/types.js';
import { findPowerShell, NO_POWERSHELL_MESSAGE } from './find-powershell.js';
import { killOnExit, killTree } from './kill-tree.js';
import { externalFacts, plannedProbes, TENANT_SKIPPED_MESSAGE, type PlannedProbe } from './probes.js';
import { liveScript, POWERSHELL_ARGS, stdinBootstrap, VM_PASSWORD_ENV, type VmCredential } from './ps-script.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capRaw, factFromEntry, parseFrame, type StartInfo } from './record.js';

export interface LiveOptions {
  /** The fact registry (default: every fact ccdoctor knows). */
  specs?: ReadonlyMap<string, FactSpec<any>>;
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

/**
 * PowerShell enforces each probe's limit itself and reports a timeout; ccdoctor only watches for a
 * PowerShell that fell silent: no line for the longest pending limit plus this grace.
 */
const BACKSTOP_GRACE_MS = 2500;
/** How long PowerShell gets to exit after its last result before it is killed. */
const EXIT_GRACE_MS = 1500;
/** On Windows, how long the last results may be followed by the script's own clean-up before the tree is killed. */
const END_FRAME_GRACE_MS = 6000;
/**
 * How long PowerShell's output may stay open after it exited and its process group was killed: only a
 * process that left the group (setsid) can still hold it, and ccdoctor stops reading then.
 */
const STREAM_GRACE_MS = 1000;
/**
 * pwsh on Linux and macOS writes terminal modes (ESC[?1h ESC[?1l, keypad mode from terminfo) to stdout as
 * its console starts and ends, even into a pipe and with no TERM: they are no part of a line.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_MODES = /^(?:\x1b\[\?[\d;]*[hl]|\x1b[=>])+/;
const NOISE_LIMIT = 50;

/**
 * Collects a host's facts with one PowerShell process, as a stream of events ending with 'finished'.
 * No PowerShell → InputError (exit 2) offering a snapshot or the checklist.
 */
export async function* collectLive(opts: LiveOptions = {}): AsyncGenerator<LiveEvent, void, undefined> {
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
export async function runLive(opts: LiveOptions & { onProgress?: (e: LiveEvent) => void } = {}): Promise<LiveResult> {
  let result: LiveResult | undefined;
  for await (const e of collectLive(opts)) {
    opts.onProgress?.(e);
    if (e.type === 'finished') result = e.result;
  }
  if (!result) throw new Error('the live run ended without a result');
  return result;
}

async function runProcess(opts: LiveOptions, emit: (e: LiveEvent) => void, abandoned: AbortSignal): Promise<void> {
  const specs = opts.specs ?? (await import('../facts/index.js')).FACTS;
  opts.signal?.throwIfAborted();
  const env = opts.env ?? process.env;
  const planned = plannedProbes(specs, opts.ids, opts.defaultTimeoutMs);
  // Facts no probe reads (the tenant's): recorded as missing, saying how to give them.
  const external = opts.ids ? [] : externalFacts(specs);
  const toRun = planned;
  const powershell = opts.powershell ?? (await findPowerShell(env));
  if (!powershell) throw new InputError(`ccdoctor: ${NO_POWERSHELL_MESSAGE}`);
  const deadlineMs = opts.deadlineMs ?? 300_000;
  const startupTimeoutMs = Math.min(opts.startupTimeoutMs ?? 60_000, deadlineMs);
  const t0 = performance.now();
  const now = () => new Date().toISOString();
  const results = new Map<string, FactValue>();
  const warnings: string[] = [];
  const noise: string[] = [];
  let stderrTail = '';
  let start: StartInfo | undefined;
  let startupMs: number | undefined;
  const total = planned.length + external.length;

  const record = (fact: FactValue) => {
    if (results.has(fact.id)) return;
    results.set(fact.id, fact);
    emit({ type: 'fact', fact, done: results.size, total });
  };
  const failRemaining = (status: 'error' | 'timeout', message: string, raw?: string) => {
    for (const p of toRun) {
      if (!results.has(p.id)) {
        record({ id: p.id, status, message, ...(raw ? { raw: capRaw(raw) } : {}), provenance: { source: 'command', ref: `probe ${p.id}`, collectedAt: now() } });
      }
    }
  };

  const announce = (pid?: number) => {
    emit({ type: 'spawned', powershell, total, ...(pid !== undefined ? { pid } : {}) });
    for (const s of external) record({ id: s.id, status: 'missing', message: TENANT_SKIPPED_MESSAGE, provenance: { source: 'command', ref: `no probe (a ${s.external} fact)` } });
  };
  if (toRun.length === 0) announce();

  if (toRun.length > 0) {
    const kill = new AbortController();
    const posix = process.platform !== 'win32';
    // Windows: taskkill /T finds what the probes started only from a living root, so PowerShell waits to be
    // ended once its results are out (see the finally below) instead of exiting by itself.
    const script = liveScript(toRun, { deadlineMs: Math.max(1000, deadlineMs - 1000), ...(opts.vmCredential ? { vmUser: opts.vmCredential.user } : {}), ...(posix ? {} : { awaitKill: true }) });
    // Importing a module makes PowerShell rewrite its module analysis cache, one of the facts ccdoctor reads
    // (and the file a remediation deletes): this PowerShell keeps its cache in a folder of its own.
    const cacheDir = mkdtempSync(join(tmpdir(), 'ccdoctor-ps-'));
    const childEnv: NodeJS.ProcessEnv = { ...env, PSModuleAnalysisCachePath: join(cacheDir, 'ModuleAnalysisCache') };
    if (opts.vmCredential) childEnv[VM_PASSWORD_ENV] = opts.vmCredential.password;
    const child = execa(powershell, [...POWERSHELL_ARGS], {
      input: stdinBootstrap(script),
      buffer: false,
      reject: false,
      env: childEnv,
      extendEnv: false,
      cancelSignal: kill.signal,
      forceKillAfterDelay: 2000,
      cleanup: true,
      // Its own process group, so the whole tree can be killed (execa's cleanup does not cover that).
      detached: posix,
      windowsHide: true,
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const pid = child.pid;
    announce(pid);
    let killed = false;
    const killAll = () => {
      if (killed) return;
      killed = true;
      if (pid !== undefined) killTree(pid);
      kill.abort();
    };
    const untrack = pid !== undefined ? killOnExit(pid) : () => false;

    const timers = new Set<NodeJS.Timeout>();
    const after = (ms: number, fn: () => void) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return t;
    };
    let endSeen!: () => void;
    const ended = new Promise<void>((resolve) => (endSeen = resolve));
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const allIn = () => toRun.every((p) => results.has(p.id));
    const maybeDone = () => {
      if (allIn()) finish();
    };
    /** PowerShell stopped answering: once the results are settled it is killed without waiting. */
    let hung = false;
    let watchdog: NodeJS.Timeout | undefined;
    const rearmWatchdog = () => {
      clearTimeout(watchdog);
      const pending = toRun.filter((p) => !results.has(p.id));
      if (!start || pending.length === 0) return;
      const limit = Math.max(...pending.map((p) => p.timeoutMs));
      watchdog = after(limit + BACKSTOP_GRACE_MS, () => {
        hung = true;
        for (const p of toRun.filter((q) => !results.has(q.id))) {
          record({ id: p.id, status: 'timeout', message: `no answer within ${seconds(p.timeoutMs)}; ccdoctor stopped waiting for it`, provenance: { source: 'command', ref: `probe ${p.id}`, collectedAt: now() } });
        }
        finish();
      });
    };

    const onLine = (text: string) => {
      const line = text.replace(TERMINAL_MODES, '');
      if (line === '') return;
      rearmWatchdog();
      const frame = parseFrame(line);
      if (frame.kind === 'noise') {
        if (noise.length < NOISE_LIMIT) noise.push(capRaw(line));
        emit({ type: 'output', line });
        return;
      }
      if (frame.kind === 'refused') {
        hung = true;
        const why = refusedMessage(frame.info);
        warnings.push(why);
        failRemaining('error', why);
        finish();
        return;
      }
      if (frame.kind === 'start') {
        if (start) return;
        if (frame.info.is64BitProcess === false) warnings.push('PowerShell ran as a 32-bit process: run ccdoctor from a 64-bit Node.js, or point CCDOCTOR_POWERSHELL at the 64-bit powershell.exe');
        start = frame.info;
        startupMs = Math.round(performance.now() - t0);
        clearTimeout(startupTimer);
        emit({ type: 'started', elevated: frame.info.admin, ...(frame.info.psVersion ? { psVersion: frame.info.psVersion } : {}), ...(frame.info.credential ? { credential: frame.info.credential } : {}), startupMs });
        rearmWatchdog();
        return;
      }
      if (frame.kind === 'end') {
        endSeen();
        maybeDone();
        return;
      }
      const p = toRun.find((q) => q.id === frame.id);
      if (!p) {
        if (noise.length < NOISE_LIMIT) noise.push(capRaw(line));
        emit({ type: 'output', line });
        return;
      }
      record(factFromEntry(p.spec, frame, now()));
      maybeDone();
    };

    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      pending += chunk;
      // A file's content is one long line: only look for its end in what just arrived.
      if (!chunk.includes('\n')) return;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-8000);
    });

    const startupTimer = after(startupTimeoutMs, () => {
      if (start) return;
      hung = true;
      warnings.push(`PowerShell did not start within ${seconds(startupTimeoutMs)}`);
      failRemaining('timeout', `PowerShell did not start within ${seconds(startupTimeoutMs)}`, stderrTail || undefined);
      finish();
    });
    after(deadlineMs, () => {
      hung = true;
      warnings.push(`the live run reached its time limit of ${seconds(deadlineMs)}`);
      failRemaining('timeout', `the whole run reached its time limit of ${seconds(deadlineMs)}`);
      finish();
    });
    const onAbort = () => finish();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    abandoned.addEventListener('abort', onAbort, { once: true });

    let exited = false;
    const exit = child.then((r) => {
      exited = true;
      if (pending !== '') {
        onLine(pending.replace(/\r$/, ''));
        pending = '';
      }
      return r;
    });
    /**
     * PowerShell itself has ended (on its own, crashed, or killed); its output may still be draining. On
     * POSIX its process group is killed at once: whatever a probe started there and left running dies, and
     * with it any hold on the output pipe (a Start-Process child inherits it), which would otherwise keep
     * the run waiting. A process that left the group with setsid escapes; if it holds the pipe, ccdoctor
     * stops reading after STREAM_GRACE_MS.
     */
    let psEnded = false;
    const psExit = new Promise<void>((resolve) => {
      const ended = () => {
        if (psEnded) return;
        psEnded = true;
        if (posix && pid !== undefined) killTree(pid, process.platform, { rootGone: true });
        const drain = setTimeout(() => {
          if (exited) return;
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, STREAM_GRACE_MS);
        void exit.finally(() => clearTimeout(drain));
        resolve();
      };
      child.once('exit', ended);
      void exit.then(ended);
    });
    void exit.then((r) => {
      if (opts.signal?.aborted || abandoned.aborted || allIn()) return finish();
      if (r.code === 'ENOENT' || r.code === 'EACCES') {
        failRemaining('error', `cannot run ${powershell}: ${r.code === 'ENOENT' ? 'no such file' : 'permission denied'}`);
        warnings.push(`cannot run ${powershell}`);
        return finish();
      }
      const how = r.signal ? `was killed (${r.signal})` : `exited with code ${r.exitCode ?? '?'}`;
      const why = stderrTail.trim() ? `: ${stderrTail.trim().split(/\r?\n/).slice(-3).join(' ')}` : '';
      warnings.push(`PowerShell ${how} before reporting every fact${why}`);
      failRemaining('error', `PowerShell ${how} before reporting this fact${why}`, [stderrTail, ...noise].filter(Boolean).join('\n') || undefined);
      finish();
    });

    try {
      await done;
    } finally {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
      abandoned.removeEventListener('abort', onAbort);
      if (!psEnded) {
        // On Windows the tree is killed while PowerShell still lives (it waits for that: awaitKill), as
        // taskkill /T cannot find what the probes started once their parent is gone.
        if (opts.signal?.aborted || abandoned.aborted || hung) killAll();
        else if (!posix) {
          // The end frame comes after the script closed its WinRM sessions to the VMs: wait for it (briefly),
          // so the VMs are not left holding shells until their idle timeout.
          let grace: NodeJS.Timeout | undefined;
          await Promise.race([ended, psExit, new Promise<void>((r) => (grace = setTimeout(r, END_FRAME_GRACE_MS)))]);
          clearTimeout(grace);
          killAll();
        } else {
          // Results are all in: let PowerShell exit on its own, briefly.
          let grace: NodeJS.Timeout | undefined;
          await Promise.race([psExit, new Promise<void>((r) => (grace = setTimeout(r, EXIT_GRACE_MS)))]);
          clearTimeout(grace);
          if (!psEnded) killAll();
        }
      }
      await exit;
      // After every run, however it ended: once more, for anything started while the group was being killed.
      if (posix && pid !== undefined) killTree(pid, process.platform, { rootGone: true });
      untrack();
      rmSync(cacheDir, { recursive: true, force: true });
    }
    opts.signal?.throwIfAborted();
    if (abandoned.aborted) return;
  }

  if (noise.length > 0) warnings.push(`PowerShell printed ${noise.length === NOISE_LIMIT ? 'at least ' : ''}${noise.length} line(s) that are not results (first: ${JSON.stringify(noise[0])})`);
  const store = new FactStore(specs);
  for (const id of specs.keys()) {
    const fact = results.get(id);
    if (fact) store.set(fact);
  }
  emit({
    type: 'finished',
    result: {
      store,
      powershell,
      elevated: start?.admin,
      ...(start?.psVersion ? { psVersion: start.psVersion } : {}),
      ...(startupMs !== undefined ? { startupMs } : {}),
      durationMs: Math.round(performance.now() - t0),
      warnings,
    },
  });
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

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export type { PlannedProbe, VmCredential };
