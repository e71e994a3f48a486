import { unfilledCommand, unfilledPlaceholder } from '../powershell/template.js';
import type { RemediationStep, Rule } from '../rules/types.js';
import type { HitPlace, ScanSummary } from '../logs/scan.js';
import { displayLine, stripControl } from '../text/sanitize.js';
import type { Style } from '../output/style.js';
import type { ExplainMatch } from './match.js';
import type { NearSymptom } from './near.js';
import { outputText } from '../output/mask.js';

/** One rule that explains the input, as reported (text or JSON). */
export interface ExplainEntry extends Pick<ExplainMatch, 'rule' | 'title' | 'severity' | 'signature' | 'matched' | 'score'> {
  /** Streams: the first hit's line and timestamp, how many hits, the first few. */
  line?: number;
  timestamp?: string;
  count?: number;
  hits?: HitPlace[];
  remediation: RemediationStep[];
}

export interface ExplainInput {
  source: 'text' | 'stdin' | 'file';
  name?: string;
  bytes?: number;
  lines?: number;
  encoding?: string;
  binary?: boolean;
}

export function entriesFromMatches(matches: readonly ExplainMatch[], rules: readonly Rule<any, any>[]): ExplainEntry[] {
  return matches.map((m) => ({
    rule: m.rule, title: m.title, severity: m.severity, signature: m.signature, matched: outputText(m.matched), score: m.score,
    remediation: [...(rules.find((r) => r.id === m.rule)?.remediation ?? [])],
  }));
}

/** Stream hits, one entry per rule (its most frequent signature), most hits first. */
export function entriesFromScan(summary: ScanSummary): ExplainEntry[] {
  const byRule = new Map<string, ExplainEntry>();
  for (const h of summary.hits) {
    const rule = h.signature.rule;
    const had = byRule.get(rule.id);
    if (had) {
      had.count! += h.count;
      continue;
    }
    byRule.set(rule.id, {
      rule: rule.id, title: rule.title, severity: rule.severity, signature: h.signature.text, matched: outputText(h.matched), score: 1,
      line: h.first.line, ...(h.first.timestamp ? { timestamp: outputText(h.first.timestamp) } : {}), count: h.count,
      hits: h.samples.map((p) => (p.timestamp ? { ...p, timestamp: outputText(p.timestamp) } : p)),
      remediation: [...rule.remediation],
    });
  }
  return [...byRule.values()].sort((a, b) => b.count! - a.count! || a.line! - b.line!);
}

/** Stream entries first; then whole-text matches of rules the stream did not find. */
export function mergeEntries(stream: ExplainEntry[], text: ExplainEntry[]): ExplainEntry[] {
  const seen = new Set(stream.map((e) => e.rule));
  return [...stream, ...text.filter((e) => !seen.has(e.rule))];
}

export function explainJson(entries: readonly ExplainEntry[], input: ExplainInput, closest: readonly NearSymptom[] = []) {
  return {
    schema: 'ccdoctor/explain@1',
    input,
    // Only when nothing matched: documented symptoms that share words with the input, NOT matches.
    ...(entries.length === 0 && closest.length > 0
      ? { closest: closest.map((c) => ({ rule: c.rule, title: c.title, severity: c.severity, documented: c.documented, overlap: c.overlap, match: false })) }
      : {}),
    matches: entries.map((e) => ({
      rule: e.rule, title: e.title, severity: e.severity, signature: e.signature, matched: stripControl(e.matched), score: e.score,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.timestamp !== undefined ? { timestamp: stripControl(e.timestamp) } : {}),
      ...(e.count !== undefined ? { count: e.count } : {}),
      ...(e.hits ? { hits: e.hits } : {}),
      remediation: e.remediation.map((s) => ({
        id: s.id, title: s.title, text: s.text, ...(s.command ? { command: unfilledCommand(s.command) } : {}), ...(s.params ? { params: s.params } : {}),
        runsOn: s.runsOn, destructive: s.destructive, ...(s.versions ? { versions: s.versions } : {}),
      })),
    })),
  };
}

/** The heading of the closest documented symptoms: never to be read as a match. */
export const NOT_A_MATCH = 'NOT a match. Closest documented symptoms, sharing some words with the text';

const place = (p: HitPlace) => `line ${p.line}${p.timestamp ? ` (${displayLine(p.timestamp, 40)})` : ''}`;

export function explainTextReport(entries: readonly ExplainEntry[], input: ExplainInput, style: Style, closest: readonly NearSymptom[] = []): string {
  const out: string[] = [];
  if (entries.length === 0) {
    const where = input.source === 'file' ? `${displayLine(input.name ?? 'the file', 120)} (${input.lines ?? 0} lines)` : 'this text';
    out.push(`No documented symptom matches ${where}.`);
    out.push('ccdoctor only names a rule when a documented error text is there; it does not guess.');
    if (closest.length > 0) {
      out.push('');
      out.push(style.yellow(`${NOT_A_MATCH}:`));
      closest.forEach((c, i) => {
        out.push(`  ${i + 1}. ${c.rule}  ${c.title}  (${Math.round(c.overlap * 100)}% of its words)`);
        out.push(style.dim(`     documented: ${displayLine(c.documented, 300)}`));
      });
      out.push('  None of these is said to explain the text: compare the documented text with yours.');
      out.push('');
    }
    out.push('To look for problems on the host itself: ccdoctor check --snapshot host.json   (all signatures: ccdoctor rules --format json)');
    return `${out.join('\n')}\n`;
  }
  out.push(style.bold(entries.length === 1 ? 'Explained by 1 rule:' : `Explained by ${entries.length} rules (best match first):`));
  entries.forEach((e, i) => {
    out.push('');
    out.push(`${i + 1}. ${style.bold(e.rule)}  [${e.severity}]  ${e.title}`);
    out.push(`   Documented: ${displayLine(e.signature, 400)}`);
    out.push(`   Matched:    ${displayLine(e.matched, 400)}`);
    if (e.score < 1) out.push(style.yellow(`   Partial match (score ${e.score}): the input ends inside this message; check the full text.`));
    if (e.count !== undefined && e.line !== undefined) {
      const shown = (e.hits ?? []).slice(0, 5).map(place).join(', ');
      out.push(`   Seen ${e.count} time${e.count === 1 ? '' : 's'}: ${shown}${e.count > 5 ? ', …' : ''}`);
    }
    out.push('   What to do:');
    e.remediation.forEach((s, k) => {
      out.push(`   ${k + 1}) ${s.title}${s.destructive ? style.red(' (destructive)') : ''}  [on ${s.runsOn}${s.versions ? `, CCE ${s.versions}` : ''}]`);
      out.push(`      ${s.text}`);
      if (s.command) {
        out.push(`      ${style.cyan(`PS> ${unfilledCommand(s.command)}`)}`);
        for (const [name, what] of Object.entries(s.params ?? {})) out.push(style.dim(`      ${unfilledPlaceholder(name)}: ${what}`));
      }
    });
  });
  return `${out.join('\n')}\n`;
}
