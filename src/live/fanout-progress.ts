import type { ManifestHost, ManifestStatus } from '../core/fleet/manifest.js';
import { displayLine } from '../core/text/sanitize.js';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Per-host progress of a fan-out on stderr: in a terminal one line rewritten in place (done/total, host,
 * status, seconds), with each host that failed kept on a line of its own; elsewhere one line per host.
 * Host text is sanitised before display.
 */
export function hostProgress(out: NodeJS.WritableStream & { isTTY?: boolean }, total: number): { host(h: ManifestHost): void; end(): void } {
  const tty = out.isTTY === true;
  let done = 0;
  let width = 0;
  const clear = () => {
    if (width > 0) out.write(`\r${' '.repeat(width)}\r`);
    width = 0;
  };
  return {
    host(h) {
      done++;
      const line = displayLine(`[${done}/${total}] ${h.host} ${h.status} ${secs(h.durationMs)}${h.error ? `: ${h.error}` : ''}`, tty ? 100 : 600);
      if (!tty) {
        out.write(`${line}\n`);
        return;
      }
      clear();
      if (h.status !== 'ok') {
        out.write(`${displayLine(`${h.host}: ${h.status}${h.error ? ` (${h.error})` : ''}`, 300)}\n`);
      }
      out.write(line);
      width = line.length;
    },
    end: () => {
      if (tty) clear();
    },
  };
}

/** "Collected 50 of 54 hosts in 31.2 s: 50 ok, 2 unreachable, 1 timeout, 1 failed." and what to do next. */
export function fanOutSummary(hosts: readonly ManifestHost[], durationMs: number, shownOut: string, warnings: readonly string[]): string {
  const order: ManifestStatus[] = ['ok', 'unreachable', 'timeout', 'failed'];
  const count = (s: ManifestStatus) => hosts.filter((h) => h.status === s).length;
  const parts = order.filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const lines = [`Collected ${count('ok')} of ${hosts.length} hosts in ${secs(durationMs)}: ${parts.join(', ')}.`];
  const missed = hosts.filter((h) => h.status !== 'ok');
  if (missed.length > 0) {
    const named = missed.slice(0, 10).map((h) => `${displayLine(h.host, 80)} (${h.status})`).join(', ');
    lines.push(`Not collected: ${named}${missed.length > 10 ? `, and ${missed.length - 10} more` : ''}; why is in ${shownOut}manifest.json.`);
  }
  for (const w of warnings) lines.push(`warning: ${displayLine(w, 300)}`);
  if (count('ok') > 0) lines.push(`Snapshots and manifest.json are in ${shownOut}. Check them: ccdoctor check --snapshot ${shownOut}`);
  return `${lines.join('\n')}\n`;
}
