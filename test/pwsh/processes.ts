import { readFileSync } from 'node:fs';

/** Whether the process still runs: ESRCH means gone, and so does a zombie (its exit status not yet collected). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // not Linux (no /proc): kill(pid, 0) succeeded
  }
}
