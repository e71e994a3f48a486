import { cdata, escapeXml as x } from './escape.js';
import { FAMILY_ORDER, provenanceText } from './labels.js';
import type { ReportModel, ReportResult } from './model.js';

/**
 * JUnit XML for CI dashboards: one testsuite per rule family, one testcase per rule (classname
 * ccdoctor.<family>). fail → <failure> with the evidence; unknown and not-applicable → <skipped> with
 * the reason; a rule that broke → <error>.
 */
export function renderJunit(m: ReportModel): string {
  const families = [...FAMILY_ORDER, ...new Set(m.results.map((r) => r.family).filter((f) => !FAMILY_ORDER.includes(f)))];
  const suites = families
    .map((family) => ({ family, results: m.results.filter((r) => r.family === family) }))
    .filter((s) => s.results.length > 0);
  const count = (rs: readonly ReportResult[], ...st: ReportResult['status'][]) => rs.filter((r) => st.includes(r.status)).length;
  const attrs = (rs: readonly ReportResult[]) =>
    `tests="${rs.length}" failures="${count(rs, 'fail')}" errors="${count(rs, 'error')}" skipped="${count(rs, 'unknown', 'not-applicable')}" time="0"`;
  const props = [
    ['host', m.host.name], m.host.role === 'lync-server' ? ['role', 'Lync/Skype for Business Server'] : ['cceVersion', m.host.cceVersion ?? 'unknown'], ['source', `${m.source.kind}: ${m.source.ref}`],
    ['collectedAt', m.host.collectedAt ?? 'unknown'], ['complete', String(m.complete)], ['redacted', String(m.redacted)],
    ...m.notices.map((n, i) => [`notice${i + 1}`, n]),
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ccdoctor ${x(m.host.name)}" ${attrs(m.results)} timestamp="${x(m.generatedAt)}">`,
  ];
  for (const s of suites) {
    out.push(`  <testsuite name="ccdoctor.${x(s.family)}" ${attrs(s.results)} timestamp="${x(m.generatedAt)}" hostname="${x(m.host.name)}">`);
    out.push('    <properties>', ...props.map(([k, v]) => `      <property name="${x(k!)}" value="${x(v!)}"/>`), '    </properties>');
    for (const r of s.results) for (const line of testcase(r)) out.push(line);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testcase(r: ReportResult): string[] {
  const open = `    <testcase classname="ccdoctor.${x(r.family)}" name="${x(r.rule)}: ${x(r.title)}" time="0"`;
  switch (r.status) {
    case 'pass':
      return [`${open}/>`];
    case 'fail':
      return [`${open}>`, `      <failure type="${x(r.severity)}" message="${x(`${r.severity}: ${r.message}`)}">${cdata(failureBody(r))}</failure>`, '    </testcase>'];
    case 'error':
      return [`${open}>`, `      <error type="rule-error" message="${x(r.message)}"/>`, '    </testcase>'];
    case 'unknown': {
      const why = r.unavailable.length ? r.unavailable.map((u) => `${u.fact} is ${u.status}: ${u.message}`).join('; ') : r.message;
      return [`${open}>`, `      <skipped message="${x(`could not check: ${why}`)}"/>`, '    </testcase>'];
    }
    case 'not-applicable':
      return [`${open}>`, `      <skipped message="${x(`not applicable: ${r.message}`)}"/>`, '    </testcase>'];
  }
}

export function failureBody(r: ReportResult): string {
  const lines = [r.message, ''];
  if (r.versionNote) lines.push(`Note: ${r.versionNote}`, '');
  for (const e of r.evidence) {
    lines.push(`Evidence: ${e.label} = ${e.value}${e.at ? ` (${e.at})` : ''}`, `  fact ${e.fact}, from ${provenanceText(e.provenance)}`);
  }
  if (r.remediation.length) lines.push('', 'Remediation:');
  r.remediation.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title} (on ${s.runsOn}${s.destructive ? ', destructive' : ''}): ${s.text}`);
    if (s.command) lines.push(`   PS> ${s.command}`);
  });
  return lines.join('\n');
}
