import type { RuleResult, Severity } from '../rules/types.js';
import { countedFailure, orderResults } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import { displayLine } from '../text/sanitize.js';
import { fleetVerdict } from '../fleet/fleet-verdict.js';
import { known, waived } from '../fleet/marks.js';
import type { FleetHost } from '../fleet/host-facts.js';
import type { FleetRun } from '../fleet/run-fleet.js';
import type { SiteRuleResult } from '../fleet/site-rule.js';
import { ALL_SITES } from '../fleet/evaluate-site.js';
import { finding, marksLine, waivedLines } from './check-text.js';
import type { Style } from './style.js';

/** Names listed on a summary line before "+N more". */
const NAMES_SHOWN = 12;

/**
 * Plain-text output of a many-host check, readable for 2 hosts and for 200: the run's verdict; per site its
 * site findings, then a one-line status per host that has something to say (failures by severity, unknowns,
 * waivers) with its findings in full, and one line for the hosts with nothing to say; then the inputs that
 * could not be read, then a summary. What waivers and the baseline did is said, never silently dropped.
 */
export function fleetText(run: FleetRun, style: Style, warnings: readonly string[] = []): string {
  const out: string[] = [];
  const v = fleetVerdict(run);
  out.push(style.bold(`ccdoctor check: ${count(run.hosts.length, 'host')} in ${count(run.sites.length, 'site')}`));
  out.push('');
  out.push(v.tone === 'ok' ? style.green(v.text) : v.tone === 'incomplete' ? style.yellow(style.bold(v.text)) : style.bold(v.text));
  const marks = marksLine([...run.hosts.flatMap((h) => h.results), ...run.siteResults]);
  if (marks) out.push(marks);
  out.push('');
  // Each rule's steps are shown in full once; later hosts with the same finding point back to them.
  const shownFix = new Map<string, string>();
  const fleetWide = run.siteResults.filter((r) => r.scope === 'fleet');
  if (fleetWide.some(hasSomethingToSay)) {
    out.push(style.bold(`Across ${ALL_SITES}`));
    push(out, siteRuleLines(fleetWide, style));
    out.push('');
  }
  for (const site of run.sites) {
    out.push(style.bold(`Site ${displayLine(site.name, 80)}: ${count(site.hosts.length, 'host')}`));
    push(out, siteRuleLines(run.siteResults.filter((r) => r.scope === 'site' && r.site === site.name), style));
    const quiet: FleetHost[] = [];
    for (const h of site.hosts) {
      if (!hostHasSomethingToSay(h)) quiet.push(h);
      else push(out, hostLines(h, style, shownFix));
    }
    if (quiet.length > 0) {
      const hidden = quiet.reduce((n, h) => n + h.results.filter(known).length, 0);
      const shown = listNames(quiet.map((h) => displayLine(h.name, 60)));
      out.push(`  ${style.green('✔')} ${count(quiet.length, 'host')} with no ${hidden > 0 ? 'new ' : ''}problems, every rule decided: ${shown}`);
    }
    out.push('');
  }
  if (run.failed.length > 0) {
    out.push(style.bold(`Could not read (${run.failed.length}):`));
    for (const f of run.failed) out.push(`  ${style.red('✖')} ${displayLine(f.ref, 120)}: ${displayLine(f.message, 300)}`);
    out.push('');
  }
  out.push(style.bold('Summary: ') + summaryLine(run, v.hostsWithProblems));
  const notes = [...warnings, ...hostNotes(run.hosts)];
  if (notes.length > 0) {
    out.push('', style.bold('Input notes:'));
    for (const w of notes) out.push(`  ${displayLine(w, 300)}`);
  }
  return out.join('\n') + '\n';
}

/** Each host's input notes, the same note once with the hosts it is about (--tenant files note every host). */
function hostNotes(hosts: readonly FleetHost[]): string[] {
  const byNote = new Map<string, string[]>();
  for (const h of hosts) {
    for (const w of h.warnings) {
      const names = byNote.get(w) ?? [];
      if (names.length === 0) byNote.set(w, names);
      names.push(h.name);
    }
  }
  return [...byNote].map(([note, names]) => `${names.length === hosts.length && hosts.length > 1 ? 'every host' : listNames(names.map((n) => displayLine(n, 60)))}: ${note}`);
}

function listNames(names: readonly string[]): string {
  return names.length > NAMES_SHOWN ? `${names.slice(0, NAMES_SHOWN).join(', ')} (+${names.length - NAMES_SHOWN} more)` : names.join(', ');
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** No spread into push: a host can have any number of lines (the stack would overflow). */
function push(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

const hasSomethingToSay = (r: RuleResult) => (r.status === 'fail' && !known(r)) || r.status === 'unknown' || r.status === 'error';

function hostHasSomethingToSay(h: FleetHost): boolean {
  return h.partial || h.results.some(hasSomethingToSay);
}

const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

function bySeverity(results: readonly RuleResult[]): string {
  return SEVERITIES.map((s) => [s, results.filter((r) => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/** "2 failed (1 critical, 1 error), 3 unknown, 1 waived" */
function statusLine(results: readonly RuleResult[]): string {
  const failing = results.filter(countedFailure);
  const parts = [failing.length > 0 ? `${failing.length} failed (${bySeverity(failing)})` : 'no failures'];
  const unknown = results.filter((r) => r.status === 'unknown').length;
  const errors = results.filter((r) => r.status === 'error').length;
  const w = results.filter(waived).length;
  const k = results.filter(known).length;
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (errors > 0) parts.push(`${errors} rule errors`);
  if (w > 0) parts.push(`${w} waived`);
  if (k > 0) parts.push(`${k} known hidden`);
  return parts.join(', ');
}

function indent(lines: readonly string[], by: string): string[] {
  return lines.map((l) => (l === '' ? l : `${by}${l}`));
}

/** A host: its one-line status, then its findings in full, waived ones short, what it could not check by name. */
function hostLines(h: FleetHost, style: Style, shownFix: Map<string, string>): string[] {
  const ordered = orderResults(h.results);
  const failing = ordered.filter(countedFailure);
  const unsure = ordered.filter((r) => r.status === 'unknown' || r.status === 'error').map((r) => r.rule);
  const mark = failing.length > 0 ? style.red('✖') : unsure.length > 0 || h.partial ? style.yellow('?') : style.dim('~');
  const version = h.host.cceVersion ? ` CCE ${displayLine(h.host.cceVersion, 30)}` : '';
  const lines = [`  ${mark} ${style.bold(displayLine(h.name, 60))}${version} (${displayLine(h.ref, 100)}): ${statusLine(h.results)}${h.partial ? '; stopped early' : ''}`];
  for (const r of failing) {
    const first = shownFix.get(r.rule);
    if (first === undefined && r.remediation.length > 0) shownFix.set(r.rule, h.name);
    const note = first === undefined ? undefined : `the steps shown for ${displayLine(first, 60)} above; with this host's values filled in: ccdoctor check --snapshot ${displayLine(h.ref, 100)}`;
    push(lines, indent(finding(r, style, note), '      '));
  }
  for (const r of ordered.filter(waived)) push(lines, indent(waivedLines(r, style), '      '));
  if (unsure.length > 0) {
    lines.push(style.dim(`      could not check: ${listNames(unsure)} (ccdoctor check --snapshot ${displayLine(h.ref, 100)} says why)`));
  }
  if (failing.length > 0 || unsure.length > 0) lines.push('');
  return lines;
}

/** A site's (or every site's) site rules: a count line, the findings in full, what could not be decided and why. */
function siteRuleLines(results: readonly SiteRuleResult[], style: Style): string[] {
  if (results.length === 0) return [];
  const n = (status: RuleResult['status']) => results.filter((r) => r.status === status).length;
  const failing = results.filter(countedFailure);
  const parts = [`${n('pass')} passed`, `${failing.length} failed${failing.length > 0 ? ` (${bySeverity(failing)})` : ''}`, `${n('unknown') + n('error')} could not decide`, `${n('not-applicable')} not applicable`];
  const w = results.filter(waived).length;
  if (w > 0) parts.push(`${w} waived`);
  const k = results.filter(known).length;
  if (k > 0) parts.push(`${k} known hidden`);
  const lines = [`  Site rules: ${parts.join(', ')}`];
  const ordered = orderResults(results);
  for (const r of ordered.filter(countedFailure)) push(lines, indent(finding(r, style), '    '));
  for (const r of ordered.filter(waived)) push(lines, indent(waivedLines(r, style), '    '));
  for (const r of ordered.filter((x) => x.status === 'unknown' || x.status === 'error')) {
    lines.push(`    ${style.yellow('?')} ${r.rule}: ${displayLine(r.message, 300)}`);
  }
  return lines;
}

function summaryLine(run: FleetRun, hostsWithProblems: number): string {
  const all = run.hosts.flatMap((h) => h.results);
  const failing = all.filter(countedFailure);
  const incomplete = run.hosts.filter((h) => h.partial || !verdict(h.results).complete).length;
  const siteFailing = run.siteResults.filter(countedFailure).length;
  const parts = [
    `${count(run.hosts.length, 'host')} in ${count(run.sites.length, 'site')}`,
    `${hostsWithProblems} with failures (${count(failing.length, 'finding')}${failing.length > 0 ? `: ${bySeverity(failing)}` : ''})`,
    `${run.hosts.length - hostsWithProblems} without`,
    `${incomplete} not fully checked`,
    `site rules: ${siteFailing} failed, ${run.siteResults.filter((r) => r.status === 'unknown' || r.status === 'error').length} could not decide`,
  ];
  const w = [...all, ...run.siteResults].filter(waived).length;
  const k = [...all, ...run.siteResults].filter(known).length;
  if (w > 0) parts.push(`${w} waived`);
  if (k > 0) parts.push(`${k} known findings hidden`);
  parts.push(`${run.failed.length} input${run.failed.length === 1 ? '' : 's'} could not be read`);
  return parts.join('; ');
}
