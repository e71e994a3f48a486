import { execa, type Result } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killOnExit, killTree } from './kill-tree.js';
import { POWERSHELL_ARGS, stdinBootstrap, VM_PASSWORD_ENV, type VmCredential } from './ps-script.js';

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
 * How a run lets PowerShell go once its results are settled: kill the tree at once (cancelled, or it
 * stopped answering); on Windows wait briefly for the end frame, then kill (taskkill /T finds what the
 * probes started only from a living root); elsewhere let it exit on its own, briefly.
 */
export type Shutdown = 'kill' | 'await-end-frame' | 'let-exit';

export interface PowerShellProcess {
  /** The process ccdoctor started (undefined when it could not be started). */
  pid: number | undefined;
  /** execa's result, once PowerShell's output is read to the end (or given up on). */
  exit: Promise<Result>;
  /** Ends PowerShell as `how` says, then cleans up after it (process group, analysis cache folder). */
  stop(how: Shutdown, endFrame: Promise<void>): Promise<void>;
}

export interface StartOptions {
  script: string;
  env: NodeJS.ProcessEnv;
  vmCredential?: VmCredential;
  /** Passwords for the script to take from its environment (and clear there): never in its text. */
  secretEnv?: Readonly<Record<string, string>>;
  /** Each piece of stdout, as text. */
  onStdout(chunk: string): void;
  /** Each piece of stderr, as text. */
  onStderr(chunk: string): void;
  /** The output is read to the end: before `exit` resolves. */
  onOutputEnd(): void;
}

/**
 * Starts one PowerShell process for a live run, in a process group of its own (POSIX) so that the whole
 * tree can be killed, with its module analysis cache in a private folder.
 */
export function startPowerShell(powershell: string, opts: StartOptions): PowerShellProcess {
  const posix = process.platform !== 'win32';
  const kill = new AbortController();
  // Importing a module makes PowerShell rewrite its module analysis cache, one of the facts ccdoctor reads
  // (and the file a remediation deletes): this PowerShell keeps its cache in a folder of its own.
  const cacheDir = mkdtempSync(join(tmpdir(), 'ccdoctor-ps-'));
  const childEnv: NodeJS.ProcessEnv = { ...opts.env, PSModuleAnalysisCachePath: join(cacheDir, 'ModuleAnalysisCache') };
  if (opts.vmCredential) childEnv[VM_PASSWORD_ENV] = opts.vmCredential.password;
  Object.assign(childEnv, opts.secretEnv);
  const child = execa(powershell, [...POWERSHELL_ARGS], {
    input: stdinBootstrap(opts.script),
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
  let killed = false;
  const killAll = () => {
    if (killed) return;
    killed = true;
    if (pid !== undefined) killTree(pid);
    kill.abort();
  };
  const untrack = pid !== undefined ? killOnExit(pid) : () => false;

  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', opts.onStdout);
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', opts.onStderr);

  let exited = false;
  const exit = child.then((r) => {
    exited = true;
    opts.onOutputEnd();
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

  /** Waits for `p` or `ms`, whichever is first. */
  const within = async (ms: number, ...p: Promise<void>[]) => {
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([...p, new Promise<void>((r) => (grace = setTimeout(r, ms)))]);
    clearTimeout(grace);
  };

  return {
    pid,
    exit,
    async stop(how, endFrame) {
      if (!psEnded) {
        if (how === 'kill') killAll();
        else if (how === 'await-end-frame') {
          // The end frame comes after the script closed its WinRM sessions to the VMs: wait for it (briefly),
          // so the VMs are not left holding shells until their idle timeout.
          await within(END_FRAME_GRACE_MS, endFrame, psExit);
          killAll();
        } else {
          // Results are all in: let PowerShell exit on its own, briefly.
          await within(EXIT_GRACE_MS, psExit);
          if (!psEnded) killAll();
        }
      }
      await exit;
      // After every run, however it ended: once more, for anything started while the group was being killed.
      if (posix && pid !== undefined) killTree(pid, process.platform, { rootGone: true });
      untrack();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
