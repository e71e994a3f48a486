import type { Evidence, RuleResult, Severity } from '../rules/types.js';
import type { CheckRun } from '../run/check-run.js';
import { orderResults, summarize } from '../run/check-run.js';
import { displayLine, stripControl } from '../text/sanitize.js';
import type { Style } from './style.js';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'CRITICAL', error: 'ERROR', warning: 'WARNING', info: 'INFO' };

export function describeProvenance(e: Evidence): string {
  const p = e.provenance;
  const origin = p.origin ? `; collected by ${p.origin.source}${p.origin.ref ? ` ${displayLine(p.origin.ref, 60)}` : ''}` : '';
  const when = p.collectedAt ? ` at ${p.collectedAt}` : '';
  return `${p.source}: ${displayLine(p.ref, 80)}${when}${origin}`;
}

/** Plain-text check output: findings by severity with evidence and first step, summary, then what could not be checked. */
export function checkText(run: CheckRun, style: Style): string {
  const out: string[] = [];
  const h = run.host;
  out.push(style.bold(`ccdoctor check: ${stripControl(h.name)}`) + `${h.cceVersion ? ` (CCE ${stripControl(h.cceVersion)})` : ' (CCE version unknown)'}`);
  out.push(style.dim(`source: ${run.source.kind} ${stripControl(run.source.ref)}${h.collectedAt ? `, collected ${h.collectedAt}` : ''}`));
  out.push('');
  const ordered = orderResults(run.results);
  const findings = ordered.filter((r) => r.status === 'fail');
  if (findings.length === 0) out.push(style.green('No problems found.'), '');
  for (const r of findings) out.push(...finding(r, style), '');
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

function finding(r: RuleResult, style: Style): string[] {
  const colour = r.severity === 'critical' || r.severity === 'error' ? style.red : r.severity === 'warning' ? style.yellow : style.cyan;
  const lines = [`${colour(`✖ ${SEVERITY_LABEL[r.severity]}`)}  ${style.bold(r.rule)}  ${r.title}`, `    ${displayLine(r.message, 300)}`];
  for (const e of r.evidence) {
    lines.push(`    evidence: ${e.label} = ${displayLine(e.value, 160)}${e.at ? ` (${displayLine(e.at, 80)})` : ''}`);
    lines.push(style.dim(`              from ${describeProvenance(e)}`));
  }
  if (r.versionNote) lines.push(style.dim(`    note: ${r.versionNote}`));
  const step = r.remediation[0];
  if (step) {
    lines.push(`    fix: ${step.title}${step.destructive ? style.red(' [destructive]') : ''} (on ${step.runsOn})`);
    lines.push(`         ${displayLine(step.text, 300)}`);
    if (step.command) lines.push(`         ${style.cyan(`PS> ${stripControl(step.command)}`)}`);
    if (r.remediation.length > 1) lines.push(style.dim(`         (+${r.remediation.length - 1} more steps: ccdoctor check --format json, or the wizard)`));
  }
  return lines;
}
