import { isLyncServerHost } from '../run/host-role.js';
import type { Evidence, RuleResult, Severity } from '../rules/types.js';
import type { CheckRun } from '../run/check-run.js';
import { orderResults, summarize } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import { displayLine, stripControl } from '../text/sanitize.js';
import type { Style } from './style.js';
import { known, waived } from '../fleet/marks.js';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'CRITICAL', error: 'ERROR', warning: 'WARNING', info: 'INFO' };

export function describeProvenance(e: Evidence): string {
  const p = e.provenance;
  const origin = p.origin ? `; collected by ${p.origin.source}${p.origin.ref ? ` ${displayLine(p.origin.ref, 60)}` : ''}` : '';
  const when = p.collectedAt ? ` at ${p.collectedAt}` : '';
  return `${p.source}: ${displayLine(p.ref, 80)}${when}${origin}`;
}

/**
 * Plain-text check output: the verdict, findings by severity with evidence and every remediation step
 * (commands whole, never cut), summary, then what could not be checked.
 */
export function checkText(run: CheckRun, style: Style): string {
  const out: string[] = [];
  const h = run.host;
  const what = h.cceVersion ? ` (CCE ${stripControl(h.cceVersion)})` : isLyncServerHost(run.store) ? ' (Lync/Skype for Business Server)' : ' (CCE version unknown)';
  out.push(style.bold(`ccdoctor check: ${stripControl(h.name)}`) + what);
  out.push(style.dim(`source: ${run.source.kind} ${stripControl(run.source.ref)}${h.collectedAt ? `, collected ${h.collectedAt}` : ''}`));
  out.push('');
  const ordered = orderResults(run.results);
  const findings = ordered.filter((r) => r.status === 'fail' && !waived(r) && !known(r));
  const v = verdict(run.results);
  if (v.tone === 'ok') out.push(style.green(v.text));
  else if (v.tone === 'incomplete') out.push(style.yellow(style.bold(`${v.text}${v.headline.includes('could not be checked') ? ' See "Could not check" below.' : ''}`)));
  else out.push(style.bold(v.text));
  const marks = marksLine(ordered);
  if (marks) out.push(marks);
  out.push('');
  // No spread into push: a finding can have any number of evidence lines (the stack would overflow).
  for (const r of findings) {
    for (const line of finding(r, style)) out.push(line);
    out.push('');
  }
  const waivedOnes = ordered.filter(waived);
  if (waivedOnes.length > 0) {
    out.push(style.bold('Waived (shown, not counted for the exit code):'));
    for (const r of waivedOnes) out.push(...waivedLines(r, style));
    out.push('');
  }
  for (const r of ordered.filter((x) => x.status === 'error')) {
    out.push(style.red(`! RULE ERROR  ${r.rule}: ${displayLine(r.message)}`), '');
  }
  const s = summarize(run.results);
  const bySev = (['critical', 'error', 'warning', 'info'] as const).filter((k) => s.failBySeverity[k] > 0).map((k) => `${s.failBySeverity[k]} ${k}`);
  out.push(
    style.bold('Summary: ') +
      `${s.fail} failed${bySev.length ? ` (${bySev.join(', ')})` : ''}, ${s.pass} passed, ${s['not-applicable']} not applicable, ${s.unknown} unknown, ${s.error} rule errors — ${s.total} rules`,
  );
  const unknowns = ordered.filter((r) => r.status === 'unknown');
  if (unknowns.length > 0) {
    out.push('', style.bold('Could not check:'));
    for (const r of unknowns) out.push(`  ${r.rule}: ${displayLine(r.message, 300)}`);
  }
  if (run.warnings.length > 0) {
    out.push('', style.bold('Input notes:'));
    for (const w of run.warnings) out.push(`  ${displayLine(w, 300)}`);
  }
  return out.join('\n') + '\n';
}

/**
 * What waivers and the baseline did to these results, in a line ("2 known findings hidden (already in the
 * baseline); 1 waived"); undefined when neither applied.
 */
export function marksLine(results: readonly RuleResult[]): string | undefined {
  const hidden = results.filter(known).length;
  const w = results.filter(waived).length;
  const parts: string[] = [];
  if (hidden > 0) parts.push(`${hidden} known finding${hidden === 1 ? '' : 's'} hidden (already in the baseline)`);
  if (w > 0) parts.push(`${w} waived (listed below, not counted)`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A waived finding, short: what it is and the waiver that holds it. */
export function waivedLines(r: RuleResult, style: Style): string[] {
  const w = r.waiver!;
  return [
    `${style.dim(`~ WAIVED ${SEVERITY_LABEL[r.severity]}`)}  ${style.bold(r.rule)}  ${r.title}`,
    `    ${displayLine(r.message, 300)}`,
    `    waived (${displayLine(w.scope, 100)}) until ${w.expires}: ${displayLine(w.reason, 300)}`,
  ];
}

/**
 * A finding whole: severity, rule, message, evidence with provenance, every remediation step. `fixNote`
 * stands in for the steps where they were shown already (a many-host run shows each rule's steps once).
 */
export function finding(r: RuleResult, style: Style, fixNote?: string): string[] {
  const colour = r.severity === 'critical' || r.severity === 'error' ? style.red : r.severity === 'warning' ? style.yellow : style.cyan;
  const lines = [`${colour(`✖ ${SEVERITY_LABEL[r.severity]}`)}  ${style.bold(r.rule)}  ${r.title}`, `    ${displayLine(r.message, 300)}`];
  if (r.waiver?.expired) lines.push(style.yellow(`    waiver expired on ${r.waiver.expires} (${displayLine(r.waiver.scope, 100)}: ${displayLine(r.waiver.reason, 200)}): this finding counts again`));
  for (const e of r.evidence) {
    lines.push(`    evidence: ${e.host ? `${displayLine(e.host, 60)}: ` : ''}${e.label} = ${displayLine(e.value, 160)}${e.at ? ` (${displayLine(e.at, 80)})` : ''}`);
    lines.push(style.dim(`              from ${describeProvenance(e)}`));
  }
  if (r.versionNote) lines.push(style.dim(`    note: ${r.versionNote}`));
  if (fixNote !== undefined) {
    lines.push(`    fix: ${fixNote}`);
    return lines;
  }
  if (r.remediation.length > 0) lines.push(`    fix:`);
  r.remediation.forEach((step, i) => {
    lines.push(`      ${i + 1}. ${step.title}${step.destructive ? style.red(' [destructive]') : ''} (on ${step.runsOn})`);
    lines.push(`         ${stripControl(step.text).replace(/\s*\n\s*/g, ' ')}`);
    // Whole, one command line per line, so it can be copied as it is (PowerShell's >> marks a continuation).
    if (step.command) stripControl(step.command).split('\n').forEach((c, j) => lines.push(`         ${style.cyan(`${j === 0 ? 'PS>' : '>>'} ${c}`)}`));
    if (step.unresolved?.length) lines.push(style.dim(`         (fill in: ${step.unresolved.map((u) => `<${u}>`).join(', ')})`));
  });
  return lines;
}
