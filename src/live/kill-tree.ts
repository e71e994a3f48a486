import { spawnSync } from 'node:child_process';

/**
 * Ends a process and everything it started. On Windows taskkill /T walks the tree (a probe may have
 * started dism.exe or the like); elsewhere the child leads its own process group, which is killed whole.
 * Synchronous, so it also works from an 'exit' handler.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
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
