import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderPs1 } from '../../src/core/report/index.js';
import { cap } from '../../src/core/report/build.js';
import { cmd, healthy21, withFacts } from '../fixtures/hosts.js';
import { writeTempSnapshot } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'ccdoctor-ps1-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('remediation .ps1 (issue 14 item 3)', () => {
  it('holds every failing step with this host\'s values; destructive commands only as comments, marked', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'symptom-credential-store-unreadable.json'));
    const text = renderPs1(buildReport(run, { toolVersion: 'test' }));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    const finding = run.results.find((r) => r.rule === 'credential-store-unreadable')!;
    for (const s of finding.remediation.filter((x) => x.command)) {
      const first = s.command!.split('\n')[0]!;
      if (s.destructive || s.runsOn !== 'host' || s.unresolved?.length) {
        expect(lines, s.id).not.toContain(first);
        expect(lines, s.id).toContain(`# ${first}`);
      } else expect(lines, s.id).toContain(first);
    }
    expect(text).toMatch(/# Step 1\.1 \[DESTRUCTIVE\]: Restart the host server/);
    expect(text).toContain('# >>> DESTRUCTIVE: not run from this file.');
    // The credential file path is this host's, quoted by psQuote.
    expect(text).toMatch(/# Remove-Item -LiteralPath 'C:\\/);
  });

  it('a command cut short in the report (a value too long to show) is commented out, not run', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'));
    const model = buildReport(run, { toolVersion: 'test' });
    const runs = (st: { command?: string; destructive?: boolean; runsOn: string; unresolved?: string[] }) => st.command && !st.destructive && st.runsOn === 'host' && !st.unresolved?.length;
    const r = model.results.find((x) => x.status === 'fail' && x.remediation.some(runs))!;
    const step = r.remediation.find(runs)!;
    const whole = `Write-Output '${'x'.repeat(70 * 1024)}'`;
    const cut = cap(whole);
    expect(cut).not.toBe(whole);
    step.command = cut;
    const text = renderPs1(model, { rule: r.rule });
    const lines = text.slice(1).split('\r\n');
    expect(lines).not.toContain(cut);
    expect(lines).toContain(`# ${cut}`);
    expect(text).toContain('# >>> It is cut short in this report (a value in it is too long to show): not run from this file.');
    step.command = 'Write-Output ok';
    expect(renderPs1(model, { rule: r.rule }).slice(1).split('\r\n')).toContain('Write-Output ok');
  });

  it('one finding only, or says there is nothing to do', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'));
    const model = buildReport(run, { toolVersion: 'test' });
    const one = renderPs1(model, { rule: 'dotnet-too-old' });
    expect(one).toContain('finding dotnet-too-old on CCE-DEMO-01');
    expect(one).not.toContain('ini-state-missing');
    expect(renderPs1(model, { rule: 'no-such-rule' })).toContain('is not a finding of this run: nothing to do.');
  });

  it('report --format ps1 and --out x.ps1 write it; a .ps1 name with another --format is refused', async () => {
    const r = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--out', join(tmp, 'fix.ps1')]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('(ps1)');
    expect(readFileSync(join(tmp, 'fix.ps1'), 'utf8')).toContain("$ErrorActionPreference = 'Stop'");
    const out = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'ps1']);
    expect(String(out.stdout)).toContain('# Finding 1 of 4: dotnet-too-old');
    const bad = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'md', '--out', join(tmp, 'x.ps1')]);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr)).toContain('.md');
  });
});

describe('remediation .ps1: a command holding a token or a masked secret is never run', () => {
  const lines = (ps1: string) => ps1.replace(/^\uFEFF/, '').split(/\r?\n/);
  const REDACTED = '# >>> A value in it was redacted: fill in the real one first: not run from this file.';
  const MASKED = '# >>> A secret in it is masked: fill in the real one first: not run from this file.';
  /** The proxy step's command line and the line before it. */
  const proxyStep = (ps1: string) => {
    const all = lines(ps1);
    const at = all.findIndex((l) => l.includes('netsh winhttp set proxy'));
    expect(at).toBeGreaterThan(0);
    const reasons: string[] = [];
    for (let i = at - 1; all[i]?.startsWith('# >>> '); i--) reasons.unshift(all[i]!);
    return { command: all[at]!, before: all[at - 1]!, reasons };
  };
  const proxySnapshot = (proxyServer: string) => writeTempSnapshot(withFacts(healthy21(), 'a WinHTTP proxy', {
    'host.winhttpProxy': cmd({ proxyServer, bypassList: ['<local>', '*.contoso.com', '192.168.10.*'] }, 'host.winhttpProxy', 8),
  }));

  it('--redact: the step filled with a redacted value is commented out with the reason; unredacted it runs', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'symptom-winhttp-proxy-bypass.json'));
    const plain = proxyStep(renderPs1(buildReport(run, { toolVersion: 'test' })));
    expect(plain.command).toMatch(/^netsh winhttp set proxy \('proxy-server=' \+ 'proxy\.contoso\.com:8080'\)/);
    const model = buildReport(run, { toolVersion: 'test', redact: true });
    expect(model.results.find((r) => r.rule === 'host-vm-connectivity')!.remediation.find((s) => s.command?.includes('netsh'))).toMatchObject({ redacted: true });
    const redacted = proxyStep(renderPs1(model));
    expect(redacted.command).toMatch(/^# netsh winhttp set proxy \('proxy-server=' \+ 'proxy\.domain-\d+\.example:8080'\)/);
    expect(redacted.before).toBe(REDACTED);
    // The same through the CLI, as the review ran it.
    const cli = await ccdoctor(['report', '--snapshot', 'snapshots/symptom-winhttp-proxy-bypass.json', '--format', 'ps1', '--redact']);
    expect(proxyStep(String(cli.stdout)).before).toBe(REDACTED);
    expect(String(cli.stdout)).toContain('(one left blank, redacted or a masked secret) are commented out too.');
  });

  it('--redact: steps whose values redaction left alone still run (a constant command, a filled one)', async () => {
    const demo = lines(renderPs1(buildReport(await checkSnapshot(join(ROOT, 'snapshots', 'demo.json')), { toolVersion: 'test', redact: true })));
    expect(demo).toContain("(Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release");
    const draining = lines(renderPs1(buildReport(await checkSnapshot(join(ROOT, 'snapshots', 'lync-fe-draining.json')), { toolVersion: 'test', redact: true })));
    expect(draining).toContain("foreach ($s in ('RTCSRV,RTCRGS' -split ',')) { Set-Service -Name $s -StartupType Manual }");
    expect(draining).not.toContain(REDACTED);
  });

  it('a masked secret (proxy URL credentials): commented out with the reason, redacted or not; the secret is not in the file', async () => {
    const run = await checkSnapshot(proxySnapshot('http://admin:S3cr3tP4ss@proxy.corp:8080'));
    const ps1 = renderPs1(buildReport(run, { toolVersion: 'test' }));
    expect(ps1).not.toContain('S3cr3tP4ss');
    const plain = proxyStep(ps1);
    expect(plain.command).toBe("# netsh winhttp set proxy ('proxy-server=' + 'http://admin:[secret removed]@proxy.corp:8080') ('bypass-list=' + '<local>;*.contoso.com;192.168.10.*;192.168.213.*')");
    expect(plain.before).toBe(MASKED);
    const both = proxyStep(renderPs1(buildReport(run, { toolVersion: 'test', redact: true })));
    expect(both.command.startsWith('# netsh')).toBe(true);
    expect(both.reasons.sort()).toEqual([MASKED, REDACTED].sort());
    // The same proxy without credentials: the step runs.
    const clean = proxyStep(renderPs1(buildReport(await checkSnapshot(proxySnapshot('http://proxy.corp:8080')), { toolVersion: 'test' })));
    expect(clean.command).toMatch(/^netsh winhttp set proxy \('proxy-server=' \+ 'http:\/\/proxy\.corp:8080'\)/);
  });

  it('another reason leads; the value notes follow it (a destructive step with a redacted path)', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'symptom-credential-store-unreadable.json'));
    const all = lines(renderPs1(buildReport(run, { toolVersion: 'test', redact: true })));
    const at = all.findIndex((l) => l.startsWith('# Remove-Item -LiteralPath'));
    expect(all.slice(at - 2, at)).toEqual(['# >>> DESTRUCTIVE: not run from this file. Run it by hand only after reading this step.', REDACTED]);
  });
});
