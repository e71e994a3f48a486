import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../helpers/catalogue.js';
import { checkWellFormed } from '../../helpers/xml-well-formed.js';
import type { FleetRun } from '../../../src/core/fleet/run-fleet.js';
import { buildFleetReport, FLEET_REPORT_FORMATS, FLEET_REPORT_RETAIN, fleetReportModel, renderFleetModel, renderFleetReport, type FleetReportModel } from '../../../src/core/report/fleet/index.js';
import { Redactor } from '../../../src/core/report/redact.js';
import { fleetRun, NOW, withWaiversAndBaseline } from './fixtures.js';

const OPTS = { toolVersion: '9.9.9', now: NOW, catalogue: CATALOGUE };

let run: FleetRun;
let model: FleetReportModel;
beforeAll(async () => {
  run = withWaiversAndBaseline(await fleetRun());
  model = buildFleetReport(run, OPTS);
});

describe('fleet report model (ccdoctor/fleet-report, version 1)', () => {
  it('holds every host, the sites, the site rules and the input that could not be read', () => {
    expect(fleetReportModel.parse(JSON.parse(renderFleetModel(model, 'json')))).toEqual(model);
    expect(model.hosts.map((h) => h.name)).toEqual(['CCE-SYD-01', 'CCE-SYD-02', 'CCE-MEL-01', 'CCE-PER-01', 'LYNC-FE01']);
    expect(model.sites).toEqual([{ name: 'Sydney', hosts: ['CCE-SYD-01', 'CCE-SYD-02', 'CCE-MEL-01', 'CCE-PER-01'] }, { name: '(no site)', hosts: ['LYNC-FE01'] }]);
    expect(model.failed).toEqual([{ ref: 'snapshots/no-such.json', message: expect.stringContaining('no such file') }]);
    expect(model.summary).toMatchObject({ hosts: 5, sites: 2, failedInputs: 1 });
    expect(model.complete).toBe(false);
    const versions = model.siteResults.find((r) => r.rule === 'site-versions-differ' && r.site === 'Sydney')!;
    expect(versions).toMatchObject({ status: 'fail', outcome: 'fail', scope: 'site' });
    expect(versions.evidence.map((e) => e.host)).toContain('CCE-PER-01');
    expect(model.rules.length).toBe(CATALOGUE.rules.length + CATALOGUE.siteRules.length);
    expect(model.rules.find((r) => r.id === 'site-versions-differ')).toMatchObject({ scope: 'site', source: expect.any(String) });
  });

  it('a waived finding is "waived" and not counted as failing; an expired waiver fails again; baselines are kept', () => {
    const mel = model.hosts.find((h) => h.name === 'CCE-MEL-01')!;
    const by = (id: string) => mel.results.find((r) => r.rule === id)!;
    expect(by('monitored-service-down')).toMatchObject({ status: 'fail', outcome: 'waived', waiver: { expired: false, expires: '2027-01-31' }, baseline: 'new' });
    expect(by('appliance-marked-down')).toMatchObject({ status: 'fail', outcome: 'fail', waiver: { expired: true } });
    expect(by('calls-fail-after-host-update')).toMatchObject({ outcome: 'fail', baseline: 'known' });
    expect(mel.summary).toMatchObject({ fail: 2, waived: 1 });
    expect(model.notices.join(' ')).toContain('1 finding is waived');
  });

  it('without the catalogue, the rules come from the results', () => {
    const bare = buildFleetReport(run, { toolVersion: '9.9.9', now: NOW });
    expect(bare.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['vm-not-running', 'site-versions-differ']));
    expect(bare.rules.every((r) => r.symptom === undefined)).toBe(true);
  });
});

describe('HTML', () => {
  let html: string;
  beforeAll(() => {
    html = renderFleetModel(model, 'html');
  });

  it('starts with the site overview (hosts x rules matrix with counts), then each host', () => {
    const site = html.indexOf('id="site-1"');
    expect(site).toBeGreaterThan(0);
    expect(site).toBeLessThan(html.indexOf('id="host-1"'));
    const sydney = html.slice(site, html.indexOf('id="site-2"'));
    expect(sydney).toContain('<h2>Site Sydney');
    expect(sydney).toContain('<table class="matrix">');
    const mel = /<tr><th scope="row"><a href="#host-3">CCE-MEL-01<\/a><\/th><td>([^<]*)<\/td>(.*?)<\/tr>/.exec(sydney)!;
    expect(mel[1]).toMatch(/^2 failed, 1 waived, \d+ passed, \d+ not applicable$/);
    expect(mel[2]).toContain('title="CCE-MEL-01: appliance-marked-down failed (a finding)">FAIL</td>');
    expect(mel[2]).toContain('title="CCE-MEL-01: monitored-service-down failed, under a waiver that has not expired">waived</td>');
    expect(sydney).toContain('<code>site-versions-differ</code>');
    expect(sydney).toMatch(/other host rules? passed or did not apply on every host of this site/);
  });

  it('shows each host\'s findings as the single-host report does, waived ones apart and marked', () => {
    const mel = html.slice(html.indexOf('id="host-3"'), html.indexOf('id="host-4"'));
    expect(mel).toContain('<article class="finding sev-');
    expect(mel).toContain('id="rule-appliance-marked-down"');
    expect(mel).toContain('Waiver expired 2026-11-01 (site Sydney): fails again. Reason given: was planned maintenance');
    expect(mel).toContain('<h3>Waived</h3><p class="mark">Waived until 2027-01-31 (host CCE-MEL-01): RTCMEDSRV restarts nightly by design (CHG-1234)</p>');
    expect(mel).toContain('Known: already in the baseline.');
  });

  it('is self-contained: no script, no external resource', () => {
    expect(html).not.toMatch(/<script|<link|src=|href="(?!#)/i);
    expect(html).toContain("default-src 'none'");
  });
});

describe('Markdown', () => {
  it('has the same structure: summary, a matrix per site, site findings, then the hosts', () => {
    const md = renderFleetModel(model, 'md');
    const order = ['## Summary', '## Site Sydney (4 hosts)', '### Site findings', '## Site (no site) (1 host)', '## Hosts', '### Host CCE-SYD-01', '### Host CCE-MEL-01', '## Inputs not read'].map((s) => md.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toMatch(/\| CCE-MEL-01 \| 2 failed, 1 waived, [^|]*\|.* FAIL .*\| waived \|/);
    expect(md).toContain('> **Waived until 2027-01-31 (host CCE-MEL-01): RTCMEDSRV restarts nightly by design (CHG-1234)**');
    expect(md).toContain('#### Waived');
  });
});

describe('JUnit XML', () => {
  it('is well-formed: a suite per host, one per site for the site rules, one for the unreadable input', () => {
    const xml = renderFleetModel(model, 'junit');
    const names = checkWellFormed(xml);
    expect(names[0]).toBe('testsuites');
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites).toEqual(['CCE-SYD-01', 'CCE-SYD-02', 'CCE-MEL-01', 'CCE-PER-01', 'LYNC-FE01', 'site Sydney', 'site (no site)', 'site all sites', 'inputs not read']);
    expect(names.filter((n) => n === 'testcase').length).toBe(model.hosts.length * CATALOGUE.rules.length + model.siteResults.length + 1);
  });

  it('maps outcomes honestly: waived and not-applicable and unknown skipped with the reason, an expired waiver a failure', () => {
    const xml = renderFleetModel(model, 'junit');
    const mel = xml.slice(xml.indexOf('<testsuite name="CCE-MEL-01"'), xml.indexOf('<testsuite name="CCE-PER-01"'));
    expect(mel).toMatch(/<testsuite name="CCE-MEL-01" tests="\d+" failures="2" errors="0" skipped="\d+"/);
    expect(mel).toContain('<skipped message="waived until 2027-01-31: RTCMEDSRV restarts nightly by design (CHG-1234)"/>');
    expect(mel).toMatch(/name="appliance-marked-down: [^"]*" time="0">\n\s*<failure type="\w+" message="[^"]*"><!\[CDATA\[Waiver expired 2026-11-01/);
    expect(xml).toContain('classname="ccdoctor.CCE-MEL-01.monitoring"');
    expect(xml).toMatch(/<testcase classname="ccdoctor.input" name="snapshots\/no-such.json" time="0">\n\s*<error type="input"/);
  });
});

describe('redaction (--redact) across hosts', () => {
  it('no host, site or folder name survives in any format, and a name has one token everywhere', () => {
    const redactor = new Redactor();
    const red = buildFleetReport(run, { ...OPTS, redactor });
    for (const format of ['html', 'md', 'json', 'junit', 'sarif'] as const) {
      const text = renderFleetModel(red, format);
      for (const name of ['CCE-SYD-01', 'CCE-MEL-01', 'CCE-PER-01', 'Sydney', 'snapshots/ha-site', 'snapshots/symptom', 'snapshots/no-such']) expect(text, `${format} shows ${name}`).not.toContain(name);
    }
    const token = redactor.entries().find((e) => e.original === 'CCE-MEL-01')!.token;
    expect(red.hosts.map((h) => h.name)).toContain(token);
    expect(red.sites[0]!.hosts).toContain(token);
    expect(red.hosts.find((h) => h.name === token)!.ref).toBe('symptom-marked-down-after-update.json');
    expect(red.redacted).toBe(true);
  });
});

describe('renderFleetReport', () => {
  it('renders straight from a FleetRun', () => {
    expect(renderFleetReport(run, 'md', OPTS)).toBe(renderFleetModel(model, 'md'));
  });
});

describe('hostile host text', () => {
  it('is escaped in every format, control characters stripped, secrets masked', async () => {
    const { hostileSnapshot, writeTempSnapshot, echoRule, SECRETS } = await import('../fixtures.js');
    const { snapshotSource } = await import('../../../src/core/run/run-check.js');
    const { runFleet } = await import('../../../src/core/fleet/run-fleet.js');
    const path = writeTempSnapshot(hostileSnapshot());
    const catalogue = { ...CATALOGUE, rules: [...CATALOGUE.rules, echoRule] };
    const hostile = await runFleet([snapshotSource(path, 'evil/host.json')], catalogue, { now: NOW });
    const m = buildFleetReport(hostile, { toolVersion: '9.9.9', now: NOW });
    for (const format of ['html', 'md', 'json', 'junit', 'sarif'] as const) {
      const text = renderFleetModel(m, format);
      for (const secret of Object.values(SECRETS)) expect(text, `${format} shows a secret`).not.toContain(secret);
      // eslint-disable-next-line no-control-regex
      expect(text, `${format} holds a control character`).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      if (format === 'junit') checkWellFormed(text);
      if (format === 'json' || format === 'sarif') JSON.parse(text);
    }
    const html = renderFleetModel(m, 'html');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain('id="rule-test-echo-log"');
    const md = renderFleetModel(m, 'md');
    expect(md).toContain('`test-echo-log` Echoes host text &lt;script&gt;');
    // Outside code spans (shown as text there), markup is escaped.
    expect(md.replace(/(`+)[\s\S]*?\1/g, '')).not.toContain('<script>');
  });
});

describe('what each format needs of a host (FLEET_REPORT_RETAIN)', () => {
  it.each(FLEET_REPORT_FORMATS)('%s: a run that kept what the format needs renders exactly as one that kept everything', async (format) => {
    const kept = withWaiversAndBaseline(await fleetRun(undefined, undefined, FLEET_REPORT_RETAIN[format]));
    expect(renderFleetReport(kept, format, OPTS)).toBe(renderFleetReport(run, format, OPTS));
  });

  it("the JSON keeps a pass's evidence, so it needs everything", async () => {
    const kept = withWaiversAndBaseline(await fleetRun(undefined, undefined, 'findings'));
    expect(renderFleetReport(kept, 'json', OPTS)).not.toBe(renderFleetReport(run, 'json', OPTS));
    expect(FLEET_REPORT_RETAIN.json).toBe('full');
  });
});
