import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { FROZEN_IDS } from '../helpers/frozen-ids.js';

/** partial-2.1.json: 19 of the frozen rules cannot decide; a rule added since counts as it comes out. */
async function partialCounts() {
  const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', 'snapshots/partial-2.1.json', '--format', 'json'])).stdout)) as { results: { rule: string; status: string }[] };
  const added = j.results.filter((r) => !FROZEN_IDS.includes(r.rule));
  const unknown = 19 + added.filter((r) => r.status === 'unknown').length;
  return { total: FROZEN_IDS.length + added.length, unknown };
}

const ESC = '\u001b[';

describe('ccdoctor check (built CLI)', () => {
  it('prints the demo findings by severity with evidence, first step, summary; exit 1', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json']);
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    expect(out).toMatch(/^ccdoctor check: CCE-DEMO-01 \(CCE 2\.1\.0\.372\)/);
    const order = ['✖ CRITICAL  dotnet-too-old', '✖ ERROR  ini-state-missing', '✖ ERROR  module-analysis-cache-stale', '✖ WARNING  running-version-mismatch'];
    const positions = order.map((s) => out.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('evidence: Installed .NET Framework = .NET Framework 4.5.2 (Release 379893)');
    expect(out).toContain('from snapshot: snapshots/demo.json facts["dotnet.release"]');
    expect(out).toContain("PS> $saved = $env:PSModuleAnalysisCachePath; ");
    expect(out).toContain("-Command { Remove-Item -LiteralPath 'C:\\Users\\cceadmin\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache' -Force }");
    expect(out).toMatch(/Summary: 4 failed \(1 critical, 2 error, 1 warning\), \d+ passed/);
    expect(out).not.toContain(ESC); // not a TTY: no colour
  });

  it('honours --fail-on', async () => {
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json'])).exitCode).toBe(0);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--fail-on', 'info'])).exitCode).toBe(0);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/symptom-running-version-mismatch.json'])).exitCode).toBe(0); // warning < error
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/symptom-running-version-mismatch.json', '--fail-on', 'warning'])).exitCode).toBe(1);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/symptom-dotnet-too-old.json', '--fail-on', 'critical'])).exitCode).toBe(1);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/symptom-ini-state-missing.json', '--fail-on', 'critical'])).exitCode).toBe(0);
  });

  it('leads with an honest verdict: an incomplete run is never "No problems found."', async () => {
    const healthy = String((await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json'])).stdout);
    expect(healthy.split('\n')[3]).toBe('No problems found.');
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/partial-2.1.json']);
    expect(r.exitCode).toBe(0); // default --fail-on error: nothing failed
    const out = String(r.stdout);
    expect(out).not.toContain('No problems found');
    const { total, unknown } = await partialCounts();
    expect(out.split('\n')[3]).toMatch(new RegExp(`^Incomplete: ${unknown} of ${total} rules could not be checked\\. The ${total - unknown} rules that ran found no problems\\.`));
    expect(String((await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'])).stdout).split('\n')[3]).toBe('4 problems found.');
  });

  it('--fail-on unknown fails an incomplete run (and any failure); the JSON says complete', async () => {
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/partial-2.1.json', '--fail-on', 'unknown'])).exitCode).toBe(1);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--fail-on', 'unknown'])).exitCode).toBe(0);
    expect((await ccdoctor(['check', '--snapshot', 'snapshots/symptom-running-version-mismatch.json', '--fail-on', 'unknown'])).exitCode).toBe(1); // a warning
    const partial = JSON.parse(String((await ccdoctor(['check', '--snapshot', 'snapshots/partial-2.1.json', '--format', 'json', '--fail-on', 'unknown'])).stdout));
    const { total, unknown } = await partialCounts();
    expect(partial).toMatchObject({ complete: false, verdict: expect.stringMatching(new RegExp(`^Incomplete: ${unknown} of ${total} rules could not be checked`)) });
    expect(partial.summary).toMatchObject({ threshold: 'unknown', failing: unknown, unknown });
    const healthy = JSON.parse(String((await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--format', 'json'])).stdout));
    expect(healthy).toMatchObject({ complete: true, verdict: 'No problems found.' });
    expect(String((await ccdoctor(['check', '--help'])).stdout)).toMatch(/--fail-on LEVEL[^\n]*\n[^\n]*unknown: also exit 1 when any rule could not be checked/);
  });

  it('shows every remediation step with its whole command, values from the facts filled in', async () => {
    const out = String((await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'])).stdout);
    expect(out).not.toContain('more steps');
    expect(out).toContain("PS> npx ccdoctor fix ini-state-missing --ini 'C:\\Users\\cceadmin\\CloudConnector\\ApplianceRoot\\CloudConnector.ini'");
    expect(out).not.toContain('--ini PATH');
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', 'snapshots/demo.json', '--format', 'json'])).stdout));
    for (const r of j.results.filter((x: { status: string }) => x.status === 'fail')) {
      for (const [i, step] of (r.remediation as { title: string; command?: string }[]).entries()) {
        expect(out, `${r.rule} step ${i + 1}`).toContain(`${i + 1}. ${step.title}`);
        if (step.command) expect(out).toContain(`PS> ${step.command}\n`);
      }
    }
  });

  it('--cert-expiry-days sets the certificate-expiry threshold; a bad value is a usage error', async () => {
    const certRule = async (extra: string[]) => {
      const r = await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--format', 'json', ...extra]);
      return JSON.parse(String(r.stdout)).results.find((x: { rule: string }) => x.rule === 'certificate-expiry');
    };
    expect((await certRule([])).message).toBe('no CCE certificate expires within 60 days');
    expect((await certRule(['--cert-expiry-days', '90'])).message).toBe('no CCE certificate expires within 90 days');
    for (const bad of ['-1', 'soon', '4000', '1.5']) {
      const r = await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', `--cert-expiry-days=${bad}`]);
      expect(r.exitCode, bad).toBe(2);
      expect(String(r.stderr)).toContain('--cert-expiry-days must be a whole number of days from 0 to 3650');
    }
  });

  it('lists what could not be checked, and why', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/partial-2.1.json']);
    const out = String(r.stdout);
    expect(out).toContain('Could not check:');
    expect(out).toMatch(/cloudconnector-module-not-found: cannot check: ps\.cloudConnectorModule is denied \(Access is denied: run as Administrator\); ps\.modulePath is timeout/);
  });

  it('writes stable JSON (ccdoctor/check@1)', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json', '--format', 'json', '--fail-on', 'warning']);
    expect(r.exitCode).toBe(1);
    const j = JSON.parse(String(r.stdout));
    expect(j.schema).toBe('ccdoctor/check@1');
    expect(j.host).toMatchObject({ name: 'CCE-DEMO-01', cceVersion: '2.1.0.372' });
    expect(j.source).toEqual({ kind: 'snapshot', ref: 'snapshots/demo.json' });
    const dotnet = j.results.find((x: { rule: string }) => x.rule === 'dotnet-too-old');
    expect(dotnet).toMatchObject({ status: 'fail', severity: 'critical', title: expect.any(String) });
    expect(dotnet.evidence[0]).toMatchObject({ fact: 'dotnet.release', value: '.NET Framework 4.5.2 (Release 379893)', provenance: { source: 'snapshot' } });
    expect(dotnet.remediation[0]).toMatchObject({ id: 'install-dotnet', runsOn: 'host', destructive: false });
    expect(j.summary).toMatchObject({ fail: 4, threshold: 'warning', failing: 4, failBySeverity: { critical: 1, error: 2, warning: 1, info: 0 } });
    expect(j.results[0].status).toBe('fail');
  });

  it('input errors: one clear message naming the file and problem, exit 2, no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    const bad = join(dir, 'host.json');
    const snap = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'healthy-2.1.json'), 'utf8'));
    snap.facts['dotnet.release'].value = 'latest';
    writeFileSync(bad, JSON.stringify(snap));
    const cases: [string[], RegExp][] = [
      [['check', '--snapshot', 'nope.json'], /^cannot read snapshot nope\.json: no such file \(path relative to .*\); try snapshots\/demo\.json$/],
      [['check', '--snapshot', bad], /host\.json: facts\["dotnet\.release"\]\.value: /],
      [['check', '--snapshot', 'snapshots/demo.json', '--format', 'xml'], /--format must be one of text, json \(got "xml"\)/],
      [['check', '--snapshot', 'snapshots/demo.json', '--fail-on', 'fatal'], /--fail-on must be one of critical, error, warning, info/],
      [['check', '--bogus'], /ccdoctor check: Unknown option '--bogus'.*See: ccdoctor check --help/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, expected] of cases) {
      const r = await ccdoctor(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(String(r.stderr)).toMatch(expected);
      expect(String(r.stderr)).not.toMatch(/\n\s+at /);
      expect(String(r.stdout)).toBe('');
    }
  });

  it('colour only on request, and never with NO_COLOR', async () => {
    const coloured = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'], { env: { FORCE_COLOR: '1' } });
    expect(String(coloured.stdout)).toContain(ESC);
    const none = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(String(none.stdout)).not.toContain(ESC);
  });

  it('reads a UTF-16LE snapshot as PowerShell 5.1 writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    const f = join(dir, 'utf16.json');
    const text = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await ccdoctor(['check', '--snapshot', f, '--format', 'json']);
    expect(JSON.parse(String(r.stdout)).summary.fail).toBe(4);
  });
});

describe('ccdoctor with no command, rules, help, version', () => {
  it('without a TTY checks the bundled demo and exits 0 (a demo, not a failure)', async () => {
    const r = await ccdoctor([], { env: { CI: 'true' } });
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('No CCE host here: checking the bundled demo snapshot');
    expect(String(r.stdout)).toContain('dotnet-too-old');
  });

  it('never loads ink or react on the plain path', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ccdoctor-imports-')), 'imports.log');
    writeFileSync(log, '');
    for (const args of [[], ['check', '--snapshot', 'snapshots/demo.json'], ['rules', '--format', 'json']]) {
      const r = await ccdoctor(args, { env: { CI: 'true', CCDOCTOR_IMPORT_LOG: log, NODE_OPTIONS: `--import ${join(ROOT, 'test', 'helpers', 'record-imports.mjs')}` } });
      expect(r.exitCode, String(r.stderr)).toBeLessThan(2);
    }
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.length).toBeGreaterThan(0); // the hook saw the bare imports (zod, ini, node: builtins)
    expect(loaded.filter((s) => /^(ink|react|ink-select-input|react-reconciler|yoga-layout)(\/|$)/.test(s))).toEqual([]);
  });

  it('rules lists every rule in text and JSON', async () => {
    const text = await ccdoctor(['rules']);
    expect(text.exitCode).toBe(0);
    const out = String(text.stdout);
    expect(out).toMatch(/ini-state-missing\s+error\s+.*\n\s+applies to CCE 2\.1; needs cce\.ini/);
    // The facts the help promises, and what a Lync rule looks at (not "CCE all").
    expect(out).toMatch(/drain-autostart-after-restart\s+warning\s+.*\n\s+applies to Lync\/Skype for Business Server; needs no fact; reads lync\.services when present/);
    expect(out).not.toMatch(/CCE all\b/);
    const j = JSON.parse(String((await ccdoctor(['rules', '--format', 'json'])).stdout));
    expect(j.schema).toBe('ccdoctor/rules@1');
    expect(j.rules.map((r: { id: string }) => r.id)).toContain('dotnet-too-old');
    expect(j.rules.find((r: { id: string }) => r.id === 'ini-state-missing').signatures[0]).toContain('Cannot set "State"');
  });

  it('--help, help COMMAND and --version are true', async () => {
    const help = String((await ccdoctor(['--help'])).stdout);
    for (const cmd of ['check', 'rules']) expect(help).toContain(`  ${cmd} `);
    expect(String((await ccdoctor(['help', 'check'])).stdout)).toMatch(/^Usage: ccdoctor check --snapshot FILE/);
    expect(String((await ccdoctor(['check', '--help'])).stdout)).toContain('--fail-on LEVEL');
    // The usage line names every option, --cert-expiry-days too.
    expect(String((await ccdoctor(['check', '--help'])).stdout).split('\n')[0]).toContain('[--cert-expiry-days N]');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(String((await ccdoctor(['--version'])).stdout).trim()).toBe(pkg.version);
  });
});

describe('a Lync Server host', () => {
  it('is named as such in the header, never "CCE version unknown"', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/lync-fe-drain-ready.json']);
    expect(String(r.stdout).split('\n')[0]).toMatch(/^ccdoctor check: LYNC-FE02 \(Lync\/Skype for Business Server\)$/);
    expect(r.stdout).not.toMatch(/CCE version unknown/);
  });
});
