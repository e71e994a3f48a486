import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeText } from '../../src/core/text/decode.js';
import { ccdoctor } from '../helpers/cli.js';
import { writeFleet } from '../helpers/fleet-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-waivers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown, enc: 'utf-8' | 'utf-16le' = 'utf-8') => {
  const p = join(dir, name);
  writeFileSync(p, encodeText(typeof value === 'string' ? value : JSON.stringify(value, null, 2), enc));
  return p;
};

const DOTNET = 'snapshots/symptom-dotnet-too-old.json'; // CCE-SYD-01, one critical finding
type Result = { rule: string; status: string; waiver?: { reason: string; expires: string; expired: boolean; scope: string }; baseline?: string };

describe('check --waivers (built CLI)', () => {
  it('a waived finding stays visible as waived, does not count for the exit code, in text and JSON', async () => {
    const w = write('waivers.json', [{ rule: 'dotnet-too-old', host: 'CCE-SYD-01', reason: 'upgrade booked for March', expires: '2099-03-31' }]);
    const r = await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', w, '--fail-on', 'info']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toContain('1 problem found.\n1 waived (listed below, not counted)\n');
    expect(out).not.toContain('✖ CRITICAL');
    expect(out).toContain('Waived (shown, not counted for the exit code):\n~ WAIVED CRITICAL  dotnet-too-old  .NET Framework older than 4.6.1 on a CCE 2.1 host\n');
    expect(out).toContain('    waived (host CCE-SYD-01) until 2099-03-31: upgrade booked for March');
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', w, '--format', 'json'])).stdout)) as { results: Result[]; summary: { failing: number; waived: number; fail: number } };
    expect(j.results.find((x) => x.rule === 'dotnet-too-old')).toMatchObject({ status: 'fail', waiver: { reason: 'upgrade booked for March', expires: '2099-03-31', expired: false, scope: 'host CCE-SYD-01' } });
    expect(j.summary).toMatchObject({ fail: 1, failing: 0, waived: 1 });
    // Without --waivers or --baseline the JSON is as it always was.
    const plain = JSON.parse(String((await ccdoctor(['check', '--snapshot', DOTNET, '--format', 'json'])).stdout)) as { results: Result[]; summary: object };
    expect(Object.keys(plain.summary)).not.toContain('waived');
    expect(plain.results.some((x) => 'waiver' in x || 'baseline' in x)).toBe(false);
  });

  it('an expired waiver fails again and says so; a waiver that matches nothing is reported as unused', async () => {
    const w = write('expired.json', [
      { rule: 'dotnet-too-old', site: 'Sydney', reason: 'was booked', expires: '2020-01-31' },
      { rule: 'ini-state-missing', host: 'CCE-SYD-01', reason: 'fixed long ago', expires: '2099-01-01' },
    ], 'utf-16le');
    const r = await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', w]);
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    expect(out).toContain('✖ CRITICAL  dotnet-too-old');
    expect(out).toContain('    waiver expired on 2020-01-31 (site Sydney: was booked): this finding counts again');
    expect(out).toContain(`Input notes:\n  ${w}: waiver 2 (ini-state-missing, host CCE-SYD-01) matches no finding in this run`);
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', w, '--format', 'json'])).stdout)) as { results: Result[]; warnings: string[] };
    expect(j.results.find((x) => x.rule === 'dotnet-too-old')!.waiver).toMatchObject({ expired: true });
    expect(j.warnings).toEqual([expect.stringContaining('waiver 2 (ini-state-missing, host CCE-SYD-01) matches no finding')]);
  });

  it('a bad waiver file is exit 2 naming the file, the entry and the field', async () => {
    const w = write('bad.json', [{ rule: 'dotnet-too-old', host: 'X', reason: 'r', expires: '2099-01-01' }, { rule: 'dotnet-too-old', expires: '2099-01-01' }]);
    const r = await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', w]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe(`--waivers ${w}: entry 2, reason: required`);
    expect(String(r.stdout)).toBe('');
    const missing = await ccdoctor(['check', '--snapshot', DOTNET, '--waivers', 'no-such.json']);
    expect(missing.exitCode).toBe(2);
    expect(String(missing.stderr)).toMatch(/^--waivers no-such\.json: cannot read it \(ENOENT\)/);
  });

  it('works across many hosts and sites: a site waiver covers its hosts and its site findings', async () => {
    const fleet = join(dir, 'fleet');
    writeFleet(fleet, [
      { name: 'CCE-PER-01', site: 'Perth', from: 'symptom-dotnet-too-old.json' },
      { name: 'CCE-PER-02', site: 'Perth', from: 'healthy-2.0.json' },
      { name: 'CCE-SYD-01', site: 'Sydney', from: 'symptom-dotnet-too-old.json' },
    ]);
    const w = write('fleet-waivers.json', [
      { rule: 'dotnet-too-old', site: 'perth', reason: 'Perth upgrade in January', expires: '2099-01-31' },
      { rule: 'site-versions-differ', site: 'Perth', reason: 'update in progress', expires: '2099-01-31' },
    ]);
    const r = await ccdoctor(['check', '--snapshot', fleet, '--waivers', w, '--fail-on', 'warning']);
    expect(r.exitCode).toBe(1); // Sydney's finding is not waived
    const out = String(r.stdout);
    expect(out).toContain('1 problem on 1 of 3 hosts found.\n2 waived (listed below, not counted)');
    expect(out).toMatch(/Site Perth: 2 hosts\n {2}Site rules: 4 passed, 0 failed, 0 could not decide, 0 not applicable, 1 waived\n {4}~ WAIVED WARNING {2}site-versions-differ/);
    expect(out).toMatch(/ {2}~ CCE-PER-01 CCE 2\.1\.0\.372 \(.*\): no failures, 1 waived\n {6}~ WAIVED CRITICAL {2}dotnet-too-old/);
    expect(out).toMatch(/ {2}✖ CCE-SYD-01 .*: 1 failed \(1 critical\)\n {6}✖ CRITICAL {2}dotnet-too-old/);
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', fleet, '--waivers', w, '--format', 'json', '--fail-on', 'warning'])).stdout)) as { siteResults: Result[]; summary: { failing: number } };
    expect(j.siteResults.find((x) => x.rule === 'site-versions-differ')!.waiver).toMatchObject({ scope: 'site Perth', expired: false });
    expect(j.summary.failing).toBe(1);
  });
});

describe('check --baseline (built CLI)', () => {
  it('one host: findings already in the baseline are hidden and counted, only new ones shown and counted', async () => {
    const prev = write('prev.json', String((await ccdoctor(['check', '--snapshot', DOTNET, '--format', 'json'])).stdout));
    const same = await ccdoctor(['check', '--snapshot', DOTNET, '--baseline', prev]);
    expect(same.exitCode).toBe(0);
    expect(String(same.stdout)).toContain('1 problem found.\n1 known finding hidden (already in the baseline)\n');
    expect(String(same.stdout)).not.toContain('✖ CRITICAL');
    const demo = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json', '--baseline', prev, '--format', 'json']);
    const j = JSON.parse(String(demo.stdout)) as { results: Result[]; summary: { known: number; failing: number } };
    // The demo host is another host (CCE-DEMO-01): its findings are all new.
    expect(j.results.filter((x) => x.status === 'fail').map((x) => x.baseline)).toEqual(['new', 'new', 'new', 'new']);
    expect(demo.exitCode).toBe(1);
  });

  it('many hosts: a baseline from a previous fleet run hides what it had; a new failing host and site finding show', async () => {
    const before = join(dir, 'before');
    writeFleet(before, [
      { name: 'CCE-A-01', site: 'Perth', from: 'symptom-dotnet-too-old.json' },
      { name: 'CCE-A-02', site: 'Perth', from: 'healthy-2.1.json' },
    ]);
    const prev = write('prev-fleet.json', String((await ccdoctor(['check', '--snapshot', before, '--format', 'json'])).stdout));
    const after = join(dir, 'after');
    writeFleet(after, [
      { name: 'CCE-A-01', site: 'Perth', from: 'symptom-dotnet-too-old.json' },
      { name: 'CCE-A-02', site: 'Perth', from: 'healthy-2.0.json' },
      { name: 'CCE-A-03', site: 'Perth', from: 'symptom-ini-state-missing.json' },
    ]);
    const r = await ccdoctor(['check', '--snapshot', after, '--baseline', prev, '--fail-on', 'warning']);
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    expect(out).toContain('1 problem on 1 of 3 hosts and 1 site finding found.\n1 known finding hidden (already in the baseline)');
    expect(out).not.toContain('dotnet-too-old');
    expect(out).toContain('✖ ERROR  ini-state-missing');
    expect(out).toContain('✖ WARNING  site-versions-differ');
    expect(out).toMatch(/✔ 2 hosts with no new problems, every rule decided: CCE-A-01, CCE-A-02/);
    expect(out).toContain('; 1 known findings hidden;');
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', after, '--baseline', prev, '--format', 'json'])).stdout)) as { hosts: { name: string; results: Result[] }[]; siteResults: Result[] };
    expect(j.hosts[0]!.results.find((x) => x.rule === 'dotnet-too-old')!.baseline).toBe('known');
    expect(j.hosts[2]!.results.find((x) => x.rule === 'ini-state-missing')!.baseline).toBe('new');
    expect(j.siteResults.find((x) => x.rule === 'site-versions-differ')!.baseline).toBe('new');
    // Unchanged since the baseline: exit 0.
    expect((await ccdoctor(['check', '--snapshot', before, '--baseline', prev, '--fail-on', 'info'])).exitCode).toBe(0);
  });

  it('a file that is no check JSON is exit 2 naming it', async () => {
    const report = write('report.json', { schema: 'ccdoctor/report@1' });
    const r = await ccdoctor(['check', '--snapshot', DOTNET, '--baseline', report]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe(`--baseline ${report}: schema is "ccdoctor/report@1"; give the output of a previous ccdoctor check --format json (ccdoctor/check@1 or ccdoctor/fleet@1)`);
  });
});

describe('report --waivers and --baseline (built CLI)', () => {
  it('a waived finding is marked waived in the report of one host (md) and suppressed in SARIF of many', async () => {
    const w = write('report-waivers.json', [{ rule: 'dotnet-too-old', host: 'CCE-SYD-01', reason: 'upgrade booked for March', expires: '2099-03-31' }]);
    const md = await ccdoctor(['report', '--snapshot', DOTNET, '--waivers', w, '--format', 'md']);
    expect(md.exitCode).toBe(0);
    expect(String(md.stdout)).toMatch(/waived/i);
    expect(String(md.stdout)).toContain('upgrade booked for March');
    const sarif = JSON.parse(String((await ccdoctor(['report', '--snapshot', DOTNET, '--snapshot', 'snapshots/healthy-2.1.json', '--waivers', w, '--format', 'sarif'])).stdout)) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string }[] }[] }[];
    };
    const r = sarif.runs[0]!.results.find((x) => x.ruleId === 'dotnet-too-old')!;
    expect(r.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: 'upgrade booked for March' })]);
  });

  it('--baseline marks known findings; ps1 refuses the marks', async () => {
    const before = write('report-baseline.json', String((await ccdoctor(['check', '--snapshot', DOTNET, '--format', 'json'])).stdout));
    const sarif = JSON.parse(String((await ccdoctor(['report', '--snapshot', DOTNET, '--baseline', before, '--format', 'sarif'])).stdout)) as {
      runs: { results: { ruleId: string; baselineState?: string }[] }[];
    };
    expect(sarif.runs[0]!.results.find((x) => x.ruleId === 'dotnet-too-old')!.baselineState).toBe('unchanged');
    const ps1 = await ccdoctor(['report', '--snapshot', DOTNET, '--baseline', before, '--format', 'ps1']);
    expect(ps1.exitCode).toBe(2);
    expect(String(ps1.stderr)).toContain('--waivers and --baseline mark which findings count');
  });
});
