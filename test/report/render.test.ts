import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import fc from 'fast-check';
import { RULES } from '../helpers/catalogue.js';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderReport, reportModel, type ReportModel } from '../../src/core/report/index.js';
import { cdata, escapeHtml, mdCode, mdInline, xmlChars } from '../../src/core/report/escape.js';
import { echoRule, hostileSnapshot, SCRIPT, writeTempSnapshot } from './fixtures.js';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');
const NOW = new Date('2026-11-21T00:00:00Z');
const report = async (name: string) => buildReport(await checkSnapshot(join(SNAPSHOTS, name), { shown: `snapshots/${name}` }), { toolVersion: '9.9.9', now: NOW });

/** Cells per row of every Markdown table: each row must have as many cells as its header. */
function tableShapes(md: string): number[][] {
  const tables: number[][] = [];
  let current: number[] | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;
      (current ??= (tables.push([]), tables[tables.length - 1]!)).push(cells);
    } else current = undefined;
  }
  return tables;
}

describe('a Lync/Skype for Business Server host', () => {
  it('says what the host is instead of "CCE version unknown", in every format', async () => {
    const model = await report('lync-fe-draining.json');
    expect(model.host.role).toBe('lync-server');
    expect(model.host.cceVersion).toBeUndefined();
    const md = renderReport(model, 'md');
    expect(md).toContain('| Role | Lync/Skype for Business Server |');
    expect(md).not.toContain('CCE version');
    const html = renderReport(model, 'html');
    expect(html).toContain('<dt>Role</dt><dd>Lync/Skype for Business Server</dd>');
    expect(html).not.toContain('CCE version');
    const xml = renderReport(model, 'junit');
    expect(xml).not.toContain('cceVersion');
    expect(xml).toContain('Lync/Skype for Business Server');
    expect(reportModel.parse(JSON.parse(renderReport(model, 'json'))).host.role).toBe('lync-server');
  });

  it('a CCE appliance keeps its CCE version line and has no role', async () => {
    const model = await report('demo.json');
    expect(model.host.role).toBeUndefined();
    expect(renderReport(model, 'md')).toContain('| CCE version | 2.1.0.372 |');
  });
});

describe('report model', () => {
  it('is valid against its schema and round-trips through JSON', async () => {
    const model = await report('demo.json');
    expect(reportModel.parse(JSON.parse(renderReport(model, 'json')))).toEqual(model);
    expect(model.schema).toBe('ccdoctor/report');
    expect(model.version).toBe(1);
    expect(model.tool.version).toBe('9.9.9');
    expect(model.summary.fail).toBe(model.results.filter((r) => r.status === 'fail').length);
    expect(model.results[0]!.status).toBe('fail');
    expect(model.complete).toBe(model.summary.unknown === 0 && model.summary.error === 0);
  });

  it('says at the top when rules could not be checked, and lists the collection gaps', async () => {
    const model = await report('partial-2.1.json');
    expect(model.complete).toBe(false);
    expect(model.notices[0]).toMatch(/^Incomplete: \d+ of \d+ rules could not be checked/);
    const gaps = model.facts.filter((f) => f.status !== 'ok').map((f) => [f.id, f.status]);
    expect(gaps).toEqual(expect.arrayContaining([['ps.modulePath', 'timeout'], ['ps.cloudConnectorModule', 'denied'], ['file.cloudConnectorIni', 'timeout']]));
    const md = renderReport(model, 'md');
    const firstSection = md.indexOf('## ');
    expect(md.indexOf('Incomplete')).toBeGreaterThan(0);
    expect(md.indexOf('Incomplete')).toBeLessThan(firstSection);
    expect(md).toMatch(/## Could not check[\s\S]*`ps\.modulePath` \| timeout \| probe did not finish within 30 s/);
    expect(md).toMatch(/## Collection gaps[\s\S]*`ps\.cloudConnectorModule` \| denied \| Access is denied: run as Administrator/);
    const html = renderReport(model, 'html');
    expect(html.indexOf('Incomplete')).toBeLessThan(html.indexOf('id="summary"'));
    const junit = renderReport(model, 'junit');
    expect(junit).toMatch(/<skipped message="could not check: [^"]*ps\.modulePath is timeout: probe did not finish/);
  });

  it('shows file facts as path, size and time only', async () => {
    const model = await report('healthy-2.1.json');
    const ini = model.facts.find((f) => f.id === 'file.cloudConnectorIni')!;
    expect(ini.value).toMatch(/CloudConnector\.ini \([\d,]+ bytes, modified 2026-10-02T23:41:10\.000Z\)$/);
    expect(JSON.stringify(model)).not.toContain('SIPDomains');
  });
});

describe('renderers', () => {
  it('Markdown: a section per status, findings with evidence tables and fenced commands', async () => {
    const model = await report('demo.json');
    const md = renderReport(model, 'md');
    expect(md).toMatch(/^# ccdoctor report: CCE-DEMO-01\n/);
    expect(md).toContain('| Host | CCE-DEMO-01 |');
    expect(md).toContain('| CCE version | 2.1.0.372 |');
    for (const r of model.results.filter((x) => x.status === 'fail')) expect(md).toContain(`\`${r.rule}\` `);
    expect(md).toMatch(/## Findings\n\n### 1\. CRITICAL: `dotnet-too-old`/);
    expect(md).toMatch(/```powershell\n {3}\$saved = \$env:PSModuleAnalysisCachePath; .*-Command \{ Remove-Item -LiteralPath 'C:\\Users\\cceadmin\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache' -Force \}; \$env:PSModuleAnalysisCachePath = \$saved\n {3}```/);
    expect(md).toContain(`| critical | ${model.summary.failBySeverity.critical} |`);
    for (const t of tableShapes(md)) expect(new Set(t).size, `table rows ${t.join(',')}`).toBe(1);
  });

  it('JUnit: one testcase per rule, classname by family, failure/skipped/error', async () => {
    const model = await report('partial-2.1.json');
    const xml = renderReport(model, 'junit');
    expect(xml.match(/<testcase /g)!.length).toBe(model.results.length);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ccdoctor CCE-SYD-01" tests="\d+" failures="\d+" errors="0" skipped="\d+"/);
    for (const r of model.results) expect(xml).toContain(`classname="ccdoctor.${r.family}" name="${r.rule}: `);
    const demo = renderReport(await report('demo.json'), 'junit');
    expect(demo).toMatch(/<failure type="critical" message="critical: CCE 2\.1 needs \.NET Framework 4\.6\.1[^"]*"><!\[CDATA\[[^]*Evidence: Installed \.NET Framework = \.NET Framework 4\.5\.2 \(Release 379893\)/);
  });

  it('JUnit: a rule that breaks is an <error>', async () => {
    const run = await checkSnapshot(join(SNAPSHOTS, 'healthy-2.1.json'), { rules: [{ ...echoRule, check: () => { throw new Error('boom <&>'); } }] });
    const xml = renderReport(buildReport(run, { now: NOW }), 'junit');
    expect(xml).toContain('<error type="rule-error" message="the rule failed: boom &lt;&amp;&gt;"/>');
    expect(buildReport(run).notices.join(' ')).toMatch(/internal error/);
  });
});

describe('hostile host text', async () => {
  const snap = hostileSnapshot();
  snap.host.name = `EVIL"01' <script>x</script>|\n]]>\u0001\u001b[31m`;
  const run = await checkSnapshot(writeTempSnapshot(snap), { rules: [...RULES, echoRule] });
  const model: ReportModel = buildReport(run, { now: NOW });

  it('HTML: markup from the host is text, attributes stay closed', () => {
    const html = renderReport(model, 'html');
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>ccdoctor report: EVIL&quot;01&#39; &lt;script&gt;x&lt;/script&gt;|');
    expect(html).not.toMatch(/\u001b|\u0001/);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
  });

  it('Markdown: pipes and newlines do not break the tables; HTML is not rendered', () => {
    const md = renderReport(model, 'md');
    for (const t of tableShapes(md)) expect(new Set(t).size, `table rows ${t.join(',')}`).toBe(1);
    expect(md).not.toContain('<script>x');
    expect(md).not.toMatch(/\u001b|\u0001/);
    // The host name's line break is shown as ⏎ (the name is one line wherever it is shown), not a <br>.
    expect(md).toContain('| Host | EVIL"01\' &lt;script&gt;x&lt;/script&gt;\\| ⏎ \\]\\]&gt;');
  });

  it('JUnit XML: no invalid characters, CDATA cannot be closed early', () => {
    const xml = renderReport(model, 'junit');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const cdataBodies = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!);
    expect(cdataBodies.length).toBeGreaterThan(0);
    expect(xml).toContain(']]]]><![CDATA[>');
    expect(xml).not.toMatch(/<failure[^>]*>[^<]*<\/failure>[^\n]*<\/failure>/);
    expect(xml).toContain('name="ccdoctor EVIL&quot;01&apos; &lt;script&gt;x&lt;/script&gt;|');
  });
});

describe('escaping (properties)', () => {
  it('escapeHtml leaves no markup character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });
  it('cdata holds any text and gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = cdata(s);
        expect(out.startsWith('<![CDATA[') && out.endsWith(']]>')).toBe(true);
        expect(out.slice(9, -3).split(']]><![CDATA[').join('')).toBe(xmlChars(s));
      }),
    );
  });
  it('a Markdown cell is one line without an unescaped pipe', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const cell of [mdInline(s, { cell: true }), mdCode(s, { cell: true })]) {
          expect(cell).not.toMatch(/\n/);
          expect(cell.replace(/\\\\/g, '')).not.toMatch(/(?<!\\)\|/);
        }
      }),
    );
  });
});
