import type { FactChange, HostDiff } from './diff-hosts.js';

/**
 * The diff for a terminal or a ticket: rule outcomes that changed first, then the facts that differ by
 * area, one line per value ("cce.topology: ips.Mediation 10.0.0.5 -> 10.0.0.6"). The text is already
 * clean (cleanDiff); this only lays it out.
 */
export function diffText(d: HostDiff): string {
  const out: string[] = [];
  const name = (s: HostDiff['a']) => `${s.host} (${s.ref}${s.cceVersion ? `, CCE ${s.cceVersion}` : ''}${s.collectedAt ? `, collected ${s.collectedAt}` : ''})`;
  out.push(`A: ${name(d.a)}`, `B: ${name(d.b)}${d.redacted ? '\n(redacted: names and addresses are tokens)' : ''}`, '');
  if (d.same) {
    out.push(d.noiseLeftOut ? `No difference that matters (${d.noiseLeftOut} noise difference${d.noiseLeftOut === 1 ? '' : 's'} left out: times, counters; --all shows them).` : 'No difference.');
    return `${out.join('\n')}\n`;
  }
  out.push(`Rule outcomes that changed (${d.rules.length}):`);
  if (d.rules.length === 0) out.push('  none');
  const width = Math.max(0, ...d.rules.map((r) => r.rule.length));
  for (const r of d.rules) {
    out.push(`  ${r.rule.padEnd(width)}  ${r.a.status} -> ${r.b.status}  [${r.severity}] ${r.title}`);
    for (const [label, side] of [['A', r.a], ['B', r.b]] as const) if (side.status === 'fail' || side.status === 'unknown' || side.status === 'error') out.push(`    ${label}: ${oneLine(side.message)}`);
  }
  const facts = d.areas.reduce((n, g) => n + g.facts.length, 0);
  out.push('', `Facts that differ (${facts} in ${d.areas.length} area${d.areas.length === 1 ? '' : 's'})${d.noiseLeftOut ? `; ${d.noiseLeftOut} noise difference${d.noiseLeftOut === 1 ? '' : 's'} left out (times, counters; --all shows them)` : ''}:`);
  if (facts === 0) out.push('  none');
  for (const g of d.areas) {
    out.push(`  ${g.area}`);
    for (const f of g.facts) {
      if (f.status) out.push(`    ${f.fact}: ${f.status.a} -> ${f.status.b}${f.status.message ? ` (${oneLine(f.status.message)})` : ''}`);
      for (const c of f.changes) out.push(`    ${f.fact}: ${changeText(c)}${c.noise ? '  (noise)' : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function changeText(c: FactChange): string {
  const where = c.path ? `${c.path} ` : '';
  if (c.added || c.removed) {
    const parts = [...(c.added ?? []).map((x) => `+${x}`), ...(c.removed ?? []).map((x) => `-${x}`)];
    return `${where}${parts.join(' ') || '(order differs)'}`;
  }
  if (c.a !== undefined && c.a === c.b) return `${where}content differs (${oneLine(c.a)})`;
  if (c.b === undefined) return `${where}only on A: ${oneLine(c.a ?? '')}`;
  if (c.a === undefined) return `${where}only on B: ${oneLine(c.b)}`;
  return `${where}${oneLine(c.a)} -> ${oneLine(c.b)}`;
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}
