/** The HTML report's stylesheet, inlined: screen and print. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d2329; --muted: #5b6570; --line: #d5dae0; --bg-soft: #f4f6f8;
  --critical: #9b1c1c; --error: #c2410c; --warning: #a16207; --info: #1d4ed8; --ok: #15803d; }
* { box-sizing: border-box; }
html { font: 15px/1.5 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
body { margin: 0; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 12px; }
h2 { font-size: 1.25rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 4px; }
h4 { font-size: .95rem; margin: 14px 0 6px; }
code, pre { font-family: Consolas, "Cascadia Mono", "DejaVu Sans Mono", Menlo, monospace; font-size: .86em; }
code { background: var(--bg-soft); padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #1f2933; color: #f5f7fa; padding: 10px 12px; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0; }
pre code { background: none; padding: 0; color: inherit; }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 6px 20px; margin: 0; }
.meta div { border-left: 3px solid var(--line); padding-left: 8px; }
.meta dt { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.notices { margin: 16px 0; }
.notice { margin: 6px 0; padding: 8px 12px; border-left: 4px solid var(--info); background: #eef4ff; }
.notice.warn { border-color: var(--warning); background: #fff7e0; font-weight: 600; }
.line { font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 16px; }
.group { display: flex; flex-wrap: wrap; gap: 8px; align-items: stretch; }
.group-label { writing-mode: horizontal-tb; align-self: center; color: var(--muted); font-size: .8rem; width: 70px; }
.card { min-width: 92px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; text-align: center; background: #fff; }
.card .count { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
.card .label { font-size: .8rem; color: var(--muted); }
.card.hit.sev-critical { border-color: var(--critical); color: var(--critical); }
.card.hit.sev-error { border-color: var(--error); color: var(--error); }
.card.hit.sev-warning { border-color: var(--warning); color: var(--warning); }
.card.hit.sev-info { border-color: var(--info); color: var(--info); }
.toc ul { list-style: none; padding: 0; margin: 20px 0 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
.toc a { color: var(--info); text-decoration: none; }
.toc span { color: var(--muted); }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 4px; padding: 12px 16px; margin: 0 0 16px; break-inside: avoid-page; }
.finding.sev-critical { border-left-color: var(--critical); }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-warning { border-left-color: var(--warning); }
.finding.sev-info { border-left-color: var(--info); }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: #fff; padding: 1px 7px; border-radius: 3px; vertical-align: 2px; background: var(--muted); }
.badge.sev-critical { background: var(--critical); } .badge.sev-error { background: var(--error); }
.badge.sev-warning { background: var(--warning); } .badge.sev-info { background: var(--info); }
.family { margin: 0; color: var(--muted); font-size: .85rem; }
.message { margin: 6px 0; }
.note, .fill { color: var(--muted); font-size: .9rem; }
.tag { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 5px; color: var(--muted); }
.tag.destructive { border-color: var(--critical); color: var(--critical); font-weight: 600; }
.steps { padding-left: 22px; } .steps li p { margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg-soft); font-weight: 600; overflow-wrap: normal; }
table.evidence { table-layout: fixed; }
code.value { white-space: pre-wrap; display: block; padding: 2px 4px; }
.prov, .title { color: var(--muted); font-size: .82rem; }
.st { font-weight: 600; } .st-ok { color: var(--ok); } .st-missing, .st-timeout { color: var(--warning); } .st-error, .st-denied { color: var(--critical); }
.gap { color: var(--warning); }
.ok { color: var(--ok); font-weight: 600; }
footer { margin-top: 36px; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: 8px; }
@page { margin: 14mm 12mm; }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .toc { display: none; }
  h2 { break-after: avoid-page; }
  tr, .card, pre { break-inside: avoid-page; }
  pre { background: #fff; color: #000; border: 1px solid #999; }
  .badge { color: #000; background: none !important; border: 1px solid #000; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
