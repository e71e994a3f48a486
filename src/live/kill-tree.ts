import { spawnSync } from 'node:child_process';
import { win32 } from 'node:path';

/**
 * taskkill ending a process and its descendants, by its full path: a bare `taskkill` would be looked for in
 * the current folder before PATH (CreateProcess search order), so a taskkill.exe planted there would run.
 */
export function taskkillCommand(pid: number, env: NodeJS.ProcessEnv = process.env): { file: string; args: string[] } {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? 'C:\\Windows';
  return { file: win32.join(root, 'System32', 'taskkill.exe'), args: ['/PID', String(pid), '/T', '/F'] };
}

export interface KillTreeOptions {
  /**
   * The process itself has ended and been reaped: only what it left behind is killed. On POSIX that is its
   * process group (which keeps the id for as long as a member lives, so it cannot be someone else's); the
   * bare pid is never signalled, as it may already belong to another process. On Windows nothing can be
   * done: taskkill /T walks the tree from a living root only.
   */
  rootGone?: boolean;
}

/**
 * Ends a process and everything it started. On Windows taskkill /T walks the tree (a probe may have
 * started dism.exe or the like) while the root still lives; elsewhere the child leads its own process group,
 * which is killed whole, also after the leader has exited (a process that calls setsid itself escapes it).
 * Synchronous, so it also works from an 'exit' handler.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform, opts: KillTreeOptions = {}): void {
  if (platform === 'win32') {
    if (opts.rootGone) return;
    const { file, args } = taskkillCommand(pid);
    spawnSync(file, args, { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    if (opts.rootGone) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const live = new Set<number>();
let hooked = false;

/** Kills the tree of `pid` if this process exits first; one 'exit' listener however many runs. */
export function killOnExit(pid: number): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const p of live) killTree(p);
    });
  }
  live.add(pid);
  return () => live.delete(pid);
}
