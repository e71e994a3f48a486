import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) of the children reaped so far, in clock ticks, from /proc (Linux); undefined
 * elsewhere. On a loaded machine wall time mostly measures the queue for a core; CPU time does not. A
 * child counts once it has exited and been reaped: a timing waits for that.
 */
export function childTicks() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    return Number(fields[13]) + Number(fields[14]); // cutime, cstime
  } catch {
    return undefined;
  }
}
