import { cdata, escapeXml as x } from '../escape.js';
import { failureBody } from '../render-junit.js';
import type { FleetReportModel, FleetResult, FleetSiteResult } from './model.js';
import { hostInWhere, marksText, plural } from './overview.js';

/**
 * JUnit XML for many hosts: one <testsuite> per host (classname ccdoctor.<host>.<family>) and one per site
 * for its site rules (ccdoctor.site.<site>), one <testcase> per rule. fail -> <failure> with the evidence;
 * an error -> <error>; unknown, not-applicable and a finding under a waiver that has not expired ->
 * <skipped> whose message says which ("could not check: …", "not applicable: …", "waived until …: …");
 * a finding whose waiver expired is a <failure> again and says so. An input that could not be read is a
 * suite of its own with one <error>.
 */
export function renderFleetJunit(m: FleetReportModel): string {
  const all = [...m.hosts.flatMap((h) => h.results), ...m.siteResults];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ccdoctor fleet (${plural(m.summary.hosts, 'host')}, ${plural(m.summary.sites, 'site')})" ${attrs(all, m.failed.length)} timestamp="${x(m.generatedAt)}">`,
  ];
  for (const host of m.hosts) {
    const props: [string, string][] = [
      ['host', host.name], ['site', host.site], host.role === 'lync-server' ? ['role', 'Lync/Skype for Business Server'] : ['cceVersion', host.cceVersion ?? 'unknown'],
      ['source', `${host.source.kind}: ${host.ref}`], ['collectedAt', host.collectedAt ?? 'unknown'], ['complete', String(host.complete)], ['redacted', String(m.redacted)],
    ];
    out.push(`  <testsuite name="${x(host.name)}" ${attrs(host.results, 0)} timestamp="${x(m.generatedAt)}" hostname="${x(host.name)}">`);
    out.push('    <properties>', ...props.map(([k, v]) => `      <property name="${x(k)}" value="${x(v)}"/>`), '    </properties>');
    for (const r of host.results) for (const line of testcase(`ccdoctor.${host.name}.${r.family}`, r)) out.push(line);
    out.push('  </testsuite>');
  }
  const sites = [...new Set(m.siteResults.map((r) => r.site))];
  for (const site of sites) {
    const results = m.siteResults.filter((r) => r.site === site);
    out.push(`  <testsuite name="site ${x(site)}" ${attrs(results, 0)} timestamp="${x(m.generatedAt)}">`);
    out.push('    <properties>', `      <property name="site" value="${x(site)}"/>`, `      <property name="redacted" value="${m.redacted}"/>`, '    </properties>');
    for (const r of results) for (const line of testcase(`ccdoctor.site.${site}`, r)) out.push(line);
    out.push('  </testsuite>');
  }
  if (m.failed.length) {
    out.push(`  <testsuite name="inputs not read" tests="${m.failed.length}" failures="0" errors="${m.failed.length}" skipped="0" time="0" timestamp="${x(m.generatedAt)}">`);
    for (const f of m.failed) {
      out.push(`    <testcase classname="ccdoctor.input" name="${x(f.ref)}" time="0">`, `      <error type="input" message="${x(f.message)}"/>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function attrs(rs: readonly FleetResult[], inputErrors: number): string {
  const n = (...o: FleetResult['outcome'][]) => rs.filter((r) => o.includes(r.outcome)).length;
  return `tests="${rs.length + inputErrors}" failures="${n('fail')}" errors="${n('error') + inputErrors}" skipped="${n('unknown', 'not-applicable', 'waived')}" time="0"`;
}

function testcase(classname: string, r: FleetResult | FleetSiteResult): string[] {
  const open = `    <testcase classname="${x(classname)}" name="${x(r.rule)}: ${x(r.title)}" time="0"`;
  const marks = marksText(r);
  const hosts = 'hosts' in r ? [`Appliances compared: ${r.hosts.join(', ') || 'none'}`] : [];
  switch (r.outcome) {
    case 'pass':
      return [`${open}/>`];
    case 'fail':
      return [`${open}>`, `      <failure type="${x(r.severity)}" message="${x(`${r.severity}: ${r.message}`)}">${cdata([...marks, failureBody(hostInWhere(r)), ...hosts].join('\n'))}</failure>`, '    </testcase>'];
    case 'waived':
      return [`${open}>`, `      <skipped message="${x(`waived until ${r.waiver!.expires}: ${r.waiver!.reason}`)}"/>`, '    </testcase>'];
    case 'error':
      return [`${open}>`, `      <error type="rule-error" message="${x(r.message)}"/>`, '    </testcase>'];
    case 'unknown': {
      const why = r.unavailable.length ? r.unavailable.map((u) => `${u.host ? `${u.host}: ` : ''}${u.fact} is ${u.status}: ${u.message}`).join('; ') : r.message;
      return [`${open}>`, `      <skipped message="${x(`could not check: ${why}`)}"/>`, '    </testcase>'];
    }
    case 'not-applicable':
      return [`${open}>`, `      <skipped message="${x(`not applicable: ${r.message}`)}"/>`, '    </testcase>'];
  }
}
