import { mdCode, mdFence, mdInline } from './escape.js';
import { byStatus, FAMILY_LABEL, provenanceText, SEVERITY_ORDER, summaryLine } from './labels.js';
import type { ReportModel, ReportResult } from './model.js';

const cell = (t: string) => mdInline(t, { cell: true });
const code = (t: string) => mdCode(t, { cell: true });
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
export const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** Markdown for a ticket or a pull request: GitHub/GitLab/Jira tables, fenced PowerShell commands. */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  out.push(`# ccdoctor report: ${mdInline(m.host.name)}`, '');
  if (m.notices.length) out.push(m.notices.map((n) => `> **${n.startsWith('Incomplete') ? 'Warning' : 'Note'}:** ${mdInline(n)}`).join('\n>\n'), '');
  out.push(table(['', ''], [
    ['Host', cell(m.host.name)],
    m.host.role === 'lync-server' ? ['Role', 'Lync/Skype for Business Server'] : ['CCE version', m.host.cceVersion ? cell(m.host.cceVersion) : 'unknown'],
    ...(m.host.os ? [['Operating system', cell(m.host.os)]] : []),
    ['Collected', m.host.collectedAt ? cell(m.host.collectedAt) : 'unknown'],
    ['Source', `${m.source.kind}: ${code(m.source.ref)}`],
    ['Report', `${cell(m.generatedAt)} by ccdoctor ${cell(m.tool.version)}${m.redacted ? ' (redacted)' : ''}`],
  ]), '');

  out.push('## Summary', '', `**${summaryLine(m)}**`, '');
  out.push(table(['Severity', 'Failed'], SEVERITY_ORDER.map((s) => [s, String(m.summary.failBySeverity[s])])), '');

  const findings = byStatus(m, 'fail');
  out.push('## Findings', '');
  if (findings.length === 0) out.push(m.complete ? 'No problems found.' : 'No problems found among the rules that could be checked.', '');
  // No spread into push: a finding can have any number of evidence lines (the stack would overflow).
  findings.forEach((r, i) => {
    for (const line of finding(r, i + 1)) out.push(line);
  });

  const errors = byStatus(m, 'error');
  if (errors.length) {
    out.push('## Rule errors', '', table(['Rule', 'Error'], errors.map((r) => [code(r.rule), cell(r.message)])), '');
  }
  const unknown = byStatus(m, 'unknown');
  if (unknown.length) {
    out.push('## Could not check', '');
    const rows = unknown.flatMap((r) =>
      r.unavailable.length
        ? r.unavailable.map((u) => [code(r.rule), code(u.fact), u.status, cell(u.message)])
        : [[code(r.rule), '', 'unknown', cell(r.message)]],
    );
    out.push(table(['Rule', 'Fact', 'Status', 'Why'], rows), '');
  }
  const passed = byStatus(m, 'pass');
  if (passed.length) out.push('## Passed', '', table(['Rule', 'Result'], passed.map((r) => [code(r.rule), cell(r.message)])), '');
  const na = byStatus(m, 'not-applicable');
  if (na.length) out.push('## Not applicable', '', table(['Rule', 'Why'], na.map((r) => [code(r.rule), cell(r.message)])), '');

  const gaps = m.facts.filter((f) => f.status !== 'ok');
  if (gaps.length) {
    out.push('## Collection gaps', '', table(['Fact', 'Status', 'Message', 'Source'], gaps.map((f) => [code(f.id), f.status, cell(f.message ?? ''), cell(provenanceText(f.provenance))])), '');
  }
  out.push('## Facts', '');
  out.push(table(['Fact', 'Status', 'Value', 'Source'], m.facts.map((f) => [
    `${code(f.id)}${f.derived ? ' (derived)' : ''}`, f.status, f.value !== undefined ? code(f.value) : cell(f.message ?? ''), cell(provenanceText(f.provenance)),
  ])), '');
  if (m.warnings.length) out.push('## Input notes', '', ...m.warnings.map((w) => `- ${mdInline(w)}`), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function finding(r: ReportResult, n: number): string[] {
  const out = [`### ${n}. ${r.severity.toUpperCase()}: ${code(r.rule)} ${mdInline(r.title)}`, ''];
  out.push(`*${FAMILY_LABEL[r.family] ?? mdInline(r.family)}*. ${mdInline(r.message)}`, '');
  if (r.versionNote) out.push(`> ${mdInline(r.versionNote)}`, '');
  if (r.evidence.length) {
    out.push(table(['Evidence', 'Value', 'Where', 'Source'], r.evidence.map((e) => [
      cell(e.label), code(e.value), e.at ? cell(e.at) : '', `${code(e.fact)} ${cell(provenanceText(e.provenance))}`,
    ])), '');
  }
  if (r.remediation.length) {
    out.push('**Remediation**', '');
    r.remediation.forEach((s, i) => {
      const flags = [`on ${s.runsOn}`, ...(s.versions ? [`CCE ${s.versions}`] : []), ...(s.destructive ? ['**destructive**: needs confirmation'] : [])];
      out.push(`${i + 1}. **${mdInline(s.title)}** (${flags.join(', ')}): ${mdInline(s.text)}`);
      if (s.command) out.push('', indent(mdFence(s.command, 'powershell')), '');
      if (s.unresolved?.length) out.push(`   Fill in: ${s.unresolved.map((u) => code(`<${u}>`)).join(', ')}`, '');
    });
    out.push('');
  }
  return out;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `   ${l}`).join('\n');
}
