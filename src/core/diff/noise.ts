/**
 * What `ccdoctor diff` leaves out unless --all: differences that two healthy hosts, or one host collected
 * twice, always show and that say nothing about the host's configuration. When a time does matter (a
 * certificate that expires, a cache older than the module), a rule says so, and rule outcomes are listed
 * first. Certificate validity dates (notBefore, notAfter) and update dates are not noise.
 */

/** Whole facts that are a moment's state: the last boot, the PowerShell processes running at collection. */
export const NOISE_FACTS: ReadonlySet<string> = new Set(['host.lastBoot', 'ps.processes']);

/** Fields (the last segment of a path, any case) that are times, durations or counters of the moment. */
export const NOISE_KEYS: ReadonlySet<string> = new Set([
  'collectedat', 'durationms', 'lastwritetime', 'creationtime', 'lastaccesstime', 'starttime', 'lastboot', 'lastbootuptime',
  'uptime', 'timecreated', 'timestamp', 'timegenerated', 'pid', 'processid', 'startbyte', 'startline',
]);

/** Log facts: their size and excerpt change with every line written; rules read what matters from them. */
const LOG_FACT = /(^|\.)(\w*log|logs)(\.|$)|log$/i;
const LOG_NOISE_KEYS = new Set(['size', 'excerpt', 'content', 'text', 'lines', 'linecount']);

export function isNoise(factId: string, path: readonly string[]): boolean {
  if (NOISE_FACTS.has(factId)) return true;
  const segments = path.map((p) => p.replace(/\[.*$/, '').toLowerCase()).filter(Boolean);
  if (segments.some((s) => NOISE_KEYS.has(s))) return true;
  return LOG_FACT.test(factId) && segments.some((s) => LOG_NOISE_KEYS.has(s));
}
