import { escapeHtml as h } from './escape.js';
import { byStatus, FAMILY_LABEL, provenanceText, SEVERITY_ORDER, STATUS_LABEL, summaryLine } from './labels.js';
import type { ReportFact, ReportModel, ReportResult } from './model.js';
import { REPORT_CSS } from './report-css.js';

/**
 * One self-contained HTML file: inline CSS, no script, no external resource (the CSP forbids any),
 * readable on screen and on paper. Every piece of text goes through escapeHtml.
 */
export function renderHtml(m: ReportModel): string {
  const findings = byStatus(m, 'fail');
  const errors = byStatus(m, 'error');
  const unknown = byStatus(m, 'unknown');
  const passed = byStatus(m, 'pass');
  const na = byStatus(m, 'not-applicable');
  const gaps = m.facts.filter((f) => f.status !== 'ok');
  const sections: [string, string, number][] = [
    ['findings', 'Findings', findings.length],
    ...(errors.length ? [['errors', 'Rule errors', errors.length] as [string, string, number]] : []),
    ...(unknown.length ? [['unknown', 'Could not check', unknown.length] as [string, string, number]] : []),
    ['passed', 'Passed', passed.length],
    ['not-applicable', 'Not applicable', na.length],
    ...(gaps.length ? [['gaps', 'Collection gaps', gaps.length] as [string, string, number]] : []),
    ['facts', 'Facts', m.facts.length],
    ...(m.warnings.length ? [['notes', 'Input notes', m.warnings.length] as [string, string, number]] : []),
  ];
  const body = [
    header(m),
    noticesHtml(m.notices, (n) => n.startsWith('Incomplete') || /internal error/.test(n)),
    summary(m),
    `<nav class="toc" aria-label="Contents"><ul>${sections.map(([id, label, n]) => `<li><a href="#${id}">${h(label)} <span>${n}</span></a></li>`).join('')}</ul></nav>`,
    `<section id="findings"><h2>Findings</h2>${findings.length ? findings.map(finding).join('\n') : `<p class="ok">${m.complete ? 'No problems found.' : 'No problems found among the rules that could be checked.'}</p>`}</section>`,
    errors.length ? `<section id="errors"><h2>Rule errors</h2><p>These rules broke while checking; their result is unknown. Please report them as ccdoctor bugs.</p>${table(['Rule', 'Error'], errors.map((r) => [code(r.rule), h(r.message)]))}</section>` : '',
    unknown.length ? `<section id="unknown"><h2>Could not check</h2>${table(['Rule', 'Fact', 'Status', 'Why'], unknown.flatMap(unknownRows))}</section>` : '',
    `<section id="passed"><h2>Passed</h2>${passed.length ? table(['Rule', 'Title', 'Result'], passed.map((r) => [code(r.rule), h(r.title), h(r.message)])) : '<p>None.</p>'}</section>`,
    `<section id="not-applicable"><h2>Not applicable</h2>${na.length ? table(['Rule', 'Title', 'Why'], na.map((r) => [code(r.rule), h(r.title), h(r.message)])) : '<p>None.</p>'}</section>`,
    gaps.length ? `<section id="gaps"><h2>Collection gaps</h2>${table(['Fact', 'Status', 'Message', 'Source'], gaps.map((f) => [code(f.id), `<span class="st st-${h(f.status)}">${h(f.status)}</span>`, h(f.message ?? ''), h(provenanceText(f.provenance))]))}</section>` : '',
    `<section id="facts"><h2>Facts</h2>${table(['Fact', 'Status', 'Value', 'Source'], m.facts.map(factRow))}</section>`,
    m.warnings.length ? `<section id="notes"><h2>Input notes</h2><ul>${m.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></section>` : '',
    `<footer>Generated ${h(m.generatedAt)} by ccdoctor ${h(m.tool.version)} · report schema ${h(m.schema)}@${m.version}${m.redacted ? ' · redacted' : ''}</footer>`,
  ];
  return htmlDocument(`ccdoctor report: ${m.host.name}`, m.tool.version, REPORT_CSS, body);
}

/** The page around a report's sections: inline CSS, a CSP that forbids scripts and external resources. */
export function htmlDocument(title: string, toolVersion: string, css: string, body: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ccdoctor ${h(toolVersion)}">
<title>${h(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
${body.filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}

/** The sentences a reader must see first; those that warn are marked. */
export function noticesHtml(notices: readonly string[], warns: (n: string) => boolean): string {
  return notices.length ? `<div class="notices">${notices.map((n) => `<p class="notice${warns(n) ? ' warn' : ''}" role="note">${h(n)}</p>`).join('')}</div>` : '';
}

function header(m: ReportModel): string {
  const rows: [string, string][] = [
    ['Host', h(m.host.name)],
    m.host.role === 'lync-server' ? ['Role', 'Lync/Skype for Business Server'] : ['CCE version', m.host.cceVersion ? h(m.host.cceVersion) : '<em>unknown</em>'],
    ...(m.host.os ? [['Operating system', h(m.host.os)] as [string, string]] : []),
    ['Collected', m.host.collectedAt ? h(m.host.collectedAt) : '<em>unknown</em>'],
    ['Source', `${h(m.source.kind)}: <code>${h(m.source.ref)}</code>`],
  ];
  return `<header><h1>ccdoctor report: <span class="host">${h(m.host.name)}</span></h1><dl class="meta">${rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl></header>`;
}

function summary(m: ReportModel): string {
  const s = m.summary;
  const cards = SEVERITY_ORDER.map((sev) => `<div class="card sev-${sev}${s.failBySeverity[sev] ? ' hit' : ''}"><span class="count" data-count="${sev}">${s.failBySeverity[sev]}</span><span class="label">${sev}</span></div>`);
  const statuses: [string, number, string][] = [
    ['passed', s.pass, 'pass'], ['not applicable', s.notApplicable, 'not-applicable'], ['could not check', s.unknown, 'unknown'], ['rule errors', s.error, 'rule-error'],
    ['facts not collected', s.factGaps, 'fact-gaps'],
  ];
  return `<section id="summary" aria-label="Summary"><h2>Summary</h2><p class="line">${h(summaryLine(m))}</p>
<div class="cards"><div class="group"><span class="group-label">Failed by severity</span>${cards.join('')}</div><div class="group">${statuses.map(([label, n, key]) => `<div class="card st-${key}"><span class="count" data-count="${key}">${n}</span><span class="label">${label}</span></div>`).join('')}</div></div></section>`;
}

export function finding(r: ReportResult): string {
  const where = r.evidence.some((e) => e.at);
  const evidence = r.evidence.length
    ? `<h4>Evidence</h4>${table(
        where ? ['What', 'Value', 'Where', 'Source'] : ['What', 'Value', 'Source'],
        r.evidence.map((e) => [
          h(e.label), `<code class="value">${h(e.value)}</code>`, ...(where ? [h(e.at ?? '')] : []),
          `<code>${h(e.fact)}</code><br><span class="prov">${h(provenanceText(e.provenance))}</span>`,
        ]),
        { className: 'evidence', widths: where ? [20, 32, 16, 32] : [22, 38, 40] },
      )}`
    : '';
  const steps = r.remediation.length
    ? `<h4>Remediation</h4><ol class="steps">${r.remediation.map((s) => `<li><p><strong>${h(s.title)}</strong> <span class="tag">on ${h(s.runsOn)}</span>${s.versions ? ` <span class="tag">CCE ${h(s.versions)}</span>` : ''}${s.destructive ? ' <span class="tag destructive">destructive: needs confirmation</span>' : ''}</p><p>${h(s.text)}</p>${s.command ? `<pre class="command"><code>${h(s.command)}</code></pre>` : ''}${s.unresolved?.length ? `<p class="fill">Fill in: ${s.unresolved.map((u) => `<code>&lt;${h(u)}&gt;</code>`).join(', ')}</p>` : ''}</li>`).join('')}</ol>`
    : '';
  return `<article class="finding sev-${h(r.severity)}" id="rule-${h(r.rule)}">
<h3><span class="badge sev-${h(r.severity)}">${h(r.severity)}</span> <code>${h(r.rule)}</code> ${h(r.title)}</h3>
<p class="family">${h(FAMILY_LABEL[r.family] ?? r.family)}</p>
<p class="message">${h(r.message)}</p>${r.versionNote ? `<p class="note">${h(r.versionNote)}</p>` : ''}
${evidence}${steps}</article>`;
}

export function unknownRows(r: ReportResult): string[][] {
  if (r.unavailable.length === 0) return [[code(r.rule), '', h(STATUS_LABEL.unknown), h(r.message)]];
  return r.unavailable.map((u) => [code(r.rule), code(u.fact), `<span class="st st-${h(u.status)}">${h(u.status)}</span>`, h(u.message)]);
}

function factRow(f: ReportFact): string[] {
  const value = f.status === 'ok' ? `<code class="value">${h(f.value ?? '')}</code>` : `<span class="gap">${h(f.message ?? '')}</span>`;
  return [`${code(f.id)}${f.derived ? ' <span class="tag">derived</span>' : ''}<br><span class="title">${h(f.title)}</span>`, `<span class="st st-${h(f.status)}">${h(f.status)}</span>`, value, `<span class="prov">${h(provenanceText(f.provenance))}</span>`];
}

const code = (t: string) => `<code>${h(t)}</code>`;

/** Cells are already escaped HTML. */
export function table(head: string[], rows: string[][], opts: { className?: string; widths?: number[] } = {}): string {
  const cols = opts.widths ? `<colgroup>${opts.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  return `<table${opts.className ? ` class="${opts.className}"` : ''}>${cols}<thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
