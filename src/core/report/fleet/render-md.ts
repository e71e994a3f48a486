import { mdCode, mdInline } from '../escape.js';
import { SEVERITY_ORDER } from '../labels.js';
import { finding, table } from '../render-md.js';
import type { FleetHostReport, FleetReportModel, FleetResult, FleetSiteResult } from './model.js';
import { CELL, countsText, fleetScopeResults, fleetSummaryLine, hostInWhere, marksText, siteOverviews, type SiteOverview } from './overview.js';

const cell = (t: string) => mdInline(t, { cell: true });
const code = (t: string) => mdCode(t, { cell: true });

/** Markdown for many hosts, in the HTML report's order: site overview (matrix, site findings), then each host. */
export function renderFleetMarkdown(m: FleetReportModel): string {
  const out: string[] = [];
  const push = (lines: readonly string[]) => {
    for (const l of lines) out.push(l);
  };
  out.push(`# ccdoctor fleet report: ${m.summary.hosts} host${m.summary.hosts === 1 ? '' : 's'}, ${m.summary.sites} site${m.summary.sites === 1 ? '' : 's'}`, '');
  if (m.notices.length) out.push(m.notices.map((n) => `> **${/^(Incomplete|Cancelled)/.test(n) ? 'Warning' : 'Note'}:** ${mdInline(n)}`).join('\n>\n'), '');
  out.push(`Report ${cell(m.generatedAt)} by ccdoctor ${cell(m.tool.version)}${m.redacted ? ' (redacted)' : ''}`, '');
  out.push('## Summary', '', `**${mdInline(fleetSummaryLine(m))}**`, '');
  const t = m.summary.hostResults;
  const st = m.summary.siteResults;
  out.push(table(['Severity', 'Failed on hosts', 'Failed across appliances'], SEVERITY_ORDER.map((s) => [s, String(t.failBySeverity[s]), String(st.failBySeverity[s])])), '');
  out.push(`Matrix cells: ${Object.values(CELL).map((c) => `${code(c.text)} ${c.label}`).join(', ')}.`, '');
  for (const s of siteOverviews(m)) push(siteSection(s));
  const across = fleetScopeResults(m);
  if (across.length) {
    out.push('## Across sites', '');
    push(siteResults(across));
  }
  out.push('## Hosts', '');
  if (m.hosts.length === 0) out.push('No host could be read.', '');
  for (const host of m.hosts) push(hostSection(host));
  if (m.failed.length) out.push('## Inputs not read', '', table(['Input', 'Why'], m.failed.map((f) => [code(f.ref), cell(f.message)])), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function siteSection(s: SiteOverview): string[] {
  const out = [`## Site ${mdInline(s.name)} (${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'})`, ''];
  const rows = s.hosts.map(({ host, cells }) => [cell(host.name), cell(countsText(host.summary)), ...s.columns.map((c) => {
    const o = cells.get(c.id);
    return o ? CELL[o].text : '';
  })]);
  out.push(table(['Host', 'Counts', ...s.columns.map((c) => code(c.id))], rows), '');
  if (s.columns.length === 0) out.push('Every host rule passed or did not apply on every host of this site.', '');
  else if (s.quiet) out.push(`${s.quiet} other host rule${s.quiet === 1 ? '' : 's'} passed or did not apply on every host of this site (not shown as columns).`, '');
  out.push('### Site findings', '');
  for (const l of siteResults(s.results)) out.push(l);
  return out;
}

function siteResults(results: readonly FleetSiteResult[]): string[] {
  if (results.length === 0) return ['No site rule was evaluated.', ''];
  const out: string[] = [];
  const shown = results.filter((r) => r.outcome === 'fail' || r.outcome === 'waived' || r.waiver);
  const rest = results.filter((r) => !shown.includes(r));
  shown.forEach((r, i) => {
    for (const l of withMarks(r, i + 1)) out.push(l);
    out.push(`Appliances compared: ${r.hosts.length ? r.hosts.map((x) => cell(x)).join(', ') : 'none'}`, '');
  });
  if (shown.length === 0) out.push('No finding across the appliances.', '');
  if (rest.length) {
    out.push(table(['Rule', 'Result', 'Why'], rest.map((r) => [code(r.rule), CELL[r.outcome].label, cell(r.outcome === 'unknown' && r.unavailable.length
      ? r.unavailable.map((u) => `${u.host ? `${u.host}: ` : ''}${u.fact} is ${u.status}: ${u.message}`).join('; ')
      : r.message)])), '');
  }
  return out;
}

function hostSection(host: FleetHostReport): string[] {
  const out = [`### Host ${mdInline(host.name)}`, ''];
  const version = host.role === 'lync-server' ? 'Lync/Skype for Business Server' : `CCE ${host.cceVersion ? cell(host.cceVersion) : 'unknown'}`;
  out.push(`Site ${cell(host.site)}${host.siteFrom === 'none' ? ' (not told by the ini nor the tenant)' : ''} · ${version} · collected ${host.collectedAt ? cell(host.collectedAt) : 'unknown'} · ${host.source.kind}: ${code(host.ref)}`, '');
  out.push(`**${mdInline(countsText(host.summary))}**${host.partial ? ' (the run stopped early: not every rule was evaluated)' : ''}`, '');
  const by = (o: FleetResult['outcome']) => host.results.filter((r) => r.outcome === o);
  const findings = by('fail');
  if (findings.length === 0) out.push(host.complete ? 'No problems found.' : 'No problems found among the rules that could be checked.', '');
  findings.forEach((r, i) => {
    for (const l of withMarks(r, i + 1)) out.push(l);
  });
  const waived = by('waived');
  if (waived.length) {
    out.push('#### Waived', '');
    waived.forEach((r, i) => {
      for (const l of withMarks(r, i + 1)) out.push(l);
    });
  }
  const errors = by('error');
  if (errors.length) out.push('#### Rule errors', '', table(['Rule', 'Error'], errors.map((r) => [code(r.rule), cell(r.message)])), '');
  const unknown = by('unknown');
  if (unknown.length) {
    out.push('#### Could not check', '', table(['Rule', 'Fact', 'Status', 'Why'], unknown.flatMap((r) =>
      r.unavailable.length ? r.unavailable.map((u) => [code(r.rule), code(u.fact), u.status, cell(u.message)]) : [[code(r.rule), '', 'unknown', cell(r.message)]],
    )), '');
  }
  const quiet = host.results.filter((r) => r.outcome === 'pass' || r.outcome === 'not-applicable');
  if (quiet.length) out.push(`Passed or not applicable: ${quiet.map((r) => `${code(r.rule)}${r.outcome === 'pass' ? '' : ' (n/a)'}`).join(', ')}`, '');
  if (host.warnings.length) out.push('#### Input notes', '', ...host.warnings.map((w) => `- ${mdInline(w)}`), '');
  return out;
}

/** A finding as the single-host report shows it, headed one level deeper, with its waiver and baseline marks. */
function withMarks(r: FleetResult, n: number): string[] {
  const lines = finding(hostInWhere(r), n);
  const head = `#${lines[0]!}`;
  const marks = marksText(r).map((t) => `> **${mdInline(t)}**`);
  return [head, '', ...(marks.length ? [marks.join('\n>\n'), ''] : []), ...lines.slice(1)];
}
