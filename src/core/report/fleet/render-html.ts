import { escapeHtml as h } from '../escape.js';
import { SEVERITY_ORDER } from '../labels.js';
import { REPORT_CSS } from '../report-css.js';
import { finding, htmlDocument, noticesHtml, table, unknownRows } from '../render-html.js';
import type { FleetHostReport, FleetReportModel, FleetResult, FleetSiteResult } from './model.js';
import { CELL, countsText, fleetScopeResults, fleetSummaryLine, hostInWhere, marksText, plural, siteOverviews, type SiteOverview } from './overview.js';

const FLEET_CSS = `
table.matrix { width: auto; font-size: .82rem; }
table.matrix th.rule { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; padding: 6px 3px; }
table.matrix td.cell { text-align: center; font-weight: 700; white-space: nowrap; }
.cell-fail { background: #fde8e8; color: var(--critical); } .cell-waived { background: #f3f0ff; color: #5b21b6; }
.cell-error { background: #ffedd5; color: var(--error); } .cell-unknown { background: #fff7e0; color: var(--warning); }
.cell-pass { color: var(--ok); } .cell-not-applicable { color: var(--muted); font-weight: 400; }
.legend { color: var(--muted); font-size: .85rem; } .legend span { margin-right: 12px; }
.mark { margin: 4px 0; padding: 4px 10px; border-left: 4px solid #5b21b6; background: #f3f0ff; }
.mark.expired { border-color: var(--critical); background: #fde8e8; font-weight: 600; }
.hosts-of { color: var(--muted); font-size: .85rem; }
section.host { border-top: 3px solid var(--line); margin-top: 28px; }
details summary { cursor: pointer; color: var(--info); }
`;

/**
 * One self-contained HTML file for many hosts: the site overview first (per site a hosts x rules matrix
 * with counts per host, then the site rules' findings), then each host's findings as the single-host
 * report shows them. No script, no external resource; every text goes through escapeHtml.
 */
export function renderFleetHtml(m: FleetReportModel): string {
  const sites = siteOverviews(m);
  const across = fleetScopeResults(m);
  const toc = [
    ...sites.map((s) => [`site-${s.index}`, `Site ${s.name}`, s.hosts.length] as const),
    ...(across.length ? [['across-sites', 'Across sites', across.length] as const] : []),
    ['hosts', 'Hosts', m.hosts.length] as const,
    ...(m.failed.length ? [['not-read', 'Inputs not read', m.failed.length] as const] : []),
  ];
  const body = [
    `<header><h1>ccdoctor fleet report: ${m.summary.hosts} host${m.summary.hosts === 1 ? '' : 's'}, ${m.summary.sites} site${m.summary.sites === 1 ? '' : 's'}</h1></header>`,
    noticesHtml(m.notices, (n) => /^(Incomplete|Cancelled)|internal error|could not be read/.test(n)),
    summary(m),
    `<nav class="toc" aria-label="Contents"><ul>${toc.map(([id, label, n]) => `<li><a href="#${id}">${h(label)} <span>${n}</span></a></li>`).join('')}</ul></nav>`,
    `<p class="legend">${Object.values(CELL).map((c) => `<span><strong>${h(c.text)}</strong> ${h(c.label)}</span>`).join('')}</p>`,
    ...sites.map(siteSection),
    across.length ? `<section id="across-sites"><h2>Across sites</h2>${siteResults(across)}</section>` : '',
    `<section id="hosts"><h2>Hosts</h2>${m.hosts.length ? '' : '<p>No host could be read.</p>'}</section>`,
    ...m.hosts.map((host, i) => hostSection(host, i + 1)),
    m.failed.length ? `<section id="not-read"><h2>Inputs not read</h2>${table(['Input', 'Why'], m.failed.map((f) => [`<code>${h(f.ref)}</code>`, h(f.message)]))}</section>` : '',
    `<footer>Generated ${h(m.generatedAt)} by ccdoctor ${h(m.tool.version)} · report schema ${h(m.schema)}@${m.version}${m.redacted ? ' · redacted' : ''}</footer>`,
  ];
  return htmlDocument(`ccdoctor fleet report: ${plural(m.summary.hosts, 'host')}`, m.tool.version, `${REPORT_CSS}${FLEET_CSS}`, body);
}

function summary(m: FleetReportModel): string {
  const t = m.summary.hostResults;
  const st = m.summary.siteResults;
  const cards = SEVERITY_ORDER.map((sev) => {
    const n = t.failBySeverity[sev] + st.failBySeverity[sev];
    return `<div class="card sev-${sev}${n ? ' hit' : ''}"><span class="count" data-count="${sev}">${n}</span><span class="label">${sev}</span></div>`;
  });
  const other: [string, number, string][] = [
    ['hosts', m.summary.hosts, 'hosts'], ['with findings', m.summary.hostsWithFindings, 'hosts-with-findings'], ['waived', t.waived + st.waived, 'waived'],
    ['could not check', t.unknown + st.unknown, 'unknown'], ['rule errors', t.error + st.error, 'rule-error'], ['inputs not read', m.summary.failedInputs, 'failed-inputs'],
  ];
  return `<section id="summary" aria-label="Summary"><h2>Summary</h2><p class="line">${h(fleetSummaryLine(m))}</p>
<div class="cards"><div class="group"><span class="group-label">Failed by severity</span>${cards.join('')}</div><div class="group">${other.map(([label, n, key]) => `<div class="card st-${key}"><span class="count" data-count="${key}">${n}</span><span class="label">${label}</span></div>`).join('')}</div></div></section>`;
}

function siteSection(s: SiteOverview): string {
  const head = `<tr><th scope="col">Host</th><th scope="col">Counts</th>${s.columns.map((c) => `<th scope="col" class="rule" title="${h(`${c.id}: ${c.title}`)}">${h(c.id)}</th>`).join('')}</tr>`;
  const rows = s.hosts.map(({ host, index, cells }) => {
    const cols = s.columns.map((c) => {
      const o = cells.get(c.id);
      return o ? `<td class="cell cell-${o}" title="${h(`${host.name}: ${c.id} ${CELL[o].label}`)}">${h(CELL[o].text)}</td>` : '<td class="cell" title="not evaluated">·</td>';
    });
    return `<tr><th scope="row"><a href="#host-${index}">${h(host.name)}</a></th><td>${h(countsText(host.summary))}</td>${cols.join('')}</tr>`;
  });
  const quiet = s.quiet ? `<p class="note">${s.quiet} other host rule${s.quiet === 1 ? '' : 's'} passed or did not apply on every host of this site (not shown as columns).</p>` : '';
  const matrix = s.columns.length
    ? `<table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
    : `${table(['Host', 'Counts'], s.hosts.map(({ host, index }) => [`<a href="#host-${index}">${h(host.name)}</a>`, h(countsText(host.summary))]))}<p class="ok">Every host rule passed or did not apply on every host of this site.</p>`;
  return `<section id="site-${s.index}" class="site"><h2>Site ${h(s.name)} <span class="hosts-of">${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'}</span></h2>
${matrix}${s.columns.length ? quiet : ''}
<h3>Site findings</h3>${siteResults(s.results)}</section>`;
}

function siteResults(results: readonly FleetSiteResult[]): string {
  if (results.length === 0) return '<p>No site rule was evaluated.</p>';
  const shown = results.filter((r) => r.outcome === 'fail' || r.outcome === 'waived' || r.waiver);
  const rest = results.filter((r) => !shown.includes(r));
  const hostsLine = (r: FleetSiteResult) => `<p class="hosts-of">Appliances compared: ${r.hosts.length ? r.hosts.map(h).join(', ') : 'none'}</p>`;
  return [
    shown.map((r) => `${marks(r)}${finding(hostInWhere(r))}${hostsLine(r)}`).join('\n'),
    shown.length === 0 ? '<p class="ok">No finding across the appliances.</p>' : '',
    rest.length ? table(['Rule', 'Result', 'Why'], rest.map((r) => [`<code>${h(r.rule)}</code>`, `<span class="cell-${r.outcome}">${h(CELL[r.outcome].label)}</span>`, h(unknownText(r))])) : '',
  ].join('');
}

function hostSection(host: FleetHostReport, index: number): string {
  const by = (o: FleetResult['outcome']) => host.results.filter((r) => r.outcome === o);
  const findings = by('fail');
  const waived = by('waived');
  const errors = by('error');
  const unknown = by('unknown');
  const passed = by('pass');
  const na = by('not-applicable');
  const meta: [string, string][] = [
    ['Site', `${h(host.site)}${host.siteFrom === 'none' ? ' <em>(not told by the ini nor the tenant)</em>' : ` <span class="prov">(from the ${host.siteFrom === 'ini' ? 'ini SiteName' : 'tenant registration'})</span>`}`],
    host.role === 'lync-server' ? ['Role', 'Lync/Skype for Business Server'] : ['CCE version', host.cceVersion ? h(host.cceVersion) : '<em>unknown</em>'],
    ...(host.os ? [['Operating system', h(host.os)] as [string, string]] : []),
    ['Collected', host.collectedAt ? h(host.collectedAt) : '<em>unknown</em>'],
    ['Source', `${h(host.source.kind)}: <code>${h(host.ref)}</code>`],
  ];
  return `<section id="host-${index}" class="host"><h2>Host <span class="host">${h(host.name)}</span></h2>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
<p class="line">${h(countsText(host.summary))}${host.partial ? ' (the run stopped early: not every rule was evaluated)' : ''}</p>
<h3>Findings</h3>${findings.length ? findings.map((r) => `${marks(r)}${finding(r)}`).join('\n') : `<p class="ok">${host.complete ? 'No problems found.' : 'No problems found among the rules that could be checked.'}</p>`}
${waived.length ? `<h3>Waived</h3>${waived.map((r) => `${marks(r)}${finding(r)}`).join('\n')}` : ''}
${errors.length ? `<h3>Rule errors</h3>${table(['Rule', 'Error'], errors.map((r) => [`<code>${h(r.rule)}</code>`, h(r.message)]))}` : ''}
${unknown.length ? `<h3>Could not check</h3>${table(['Rule', 'Fact', 'Status', 'Why'], unknown.flatMap(unknownRows))}` : ''}
<details><summary>Passed (${passed.length}) and not applicable (${na.length})</summary>${table(['Rule', 'Result', 'Message'], [...passed, ...na].map((r) => [`<code>${h(r.rule)}</code>`, h(CELL[r.outcome].label), h(r.message)]))}</details>
${host.warnings.length ? `<h3>Input notes</h3><ul>${host.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function marks(r: FleetResult): string {
  return marksText(r).map((t) => `<p class="mark${r.waiver?.expired ? ' expired' : ''}">${h(t)}</p>`).join('');
}

function unknownText(r: FleetResult): string {
  if (r.outcome !== 'unknown' || r.unavailable.length === 0) return r.message;
  return r.unavailable.map((u) => `${u.host ? `${u.host}: ` : ''}${u.fact} is ${u.status}: ${u.message}`).join('; ');
}
