import type { FactStatus, FactValue } from '../core/facts/types.js';
import { displayLine } from '../core/text/sanitize.js';
import type { LiveEvent, LiveResult } from './run-live.js';

/**
 * Plain-text progress of a live run on a stream (stderr): one line rewritten in place on a terminal,
 * nothing on a pipe or file (where only the summary is useful). Host text is sanitised before display.
 */
export function progressPrinter(out: NodeJS.WritableStream & { isTTY?: boolean }): (e: LiveEvent) => void {
  const tty = out.isTTY === true;
  let width = 0;
  const show = (text: string) => {
    if (!tty) return;
    const line = displayLine(text, 100);
    out.write(`\r${line}${' '.repeat(Math.max(0, width - line.length))}`);
    width = line.length;
  };
  return (e) => {
    if (e.type === 'spawned') show(`Starting ${e.powershell} for ${e.total} probes…`);
    else if (e.type === 'started') show(`PowerShell ${e.psVersion ?? ''} started in ${e.startupMs} ms${e.elevated ? '' : ' (not elevated)'}`);
    else if (e.type === 'fact') show(`[${e.done}/${e.total}] ${e.fact.id}: ${e.fact.status}`);
    else if (e.type === 'finished' && tty && width > 0) out.write(`\r${' '.repeat(width)}\r`);
  };
}

/** "Collected 38 facts from CCE-01 in 4.2 s: 30 ok, 5 missing, 2 denied, 1 timeout." plus what went wrong. */
export function liveSummary(result: LiveResult, facts: readonly FactValue[]): string {
  const counts = new Map<FactStatus, number>();
  for (const f of facts) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
  const order: FactStatus[] = ['ok', 'missing', 'denied', 'timeout', 'error'];
  const parts = order.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  const lines = [`Collected ${facts.length} facts with ${result.powershell} in ${(result.durationMs / 1000).toFixed(1)} s: ${parts.join(', ')}.`];
  if (result.elevated === false) lines.push('Not running as Administrator: facts that need it were denied. Run PowerShell as Administrator for a full check.');
  for (const w of result.warnings) lines.push(`warning: ${displayLine(w, 300)}`);
  return `${lines.join('\n')}\n`;
}
