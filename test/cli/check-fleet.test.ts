import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { twoHundred, writeFleet } from '../helpers/fleet-dir.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { runSnapshots, snapshotSources } from '../../src/cli/snapshot-runs.js';

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-fleet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Fleet = {
  schema: string; complete: boolean; verdict: string;
  hosts: { name: string; ref: string; site: { name: string; from: string }; results: { rule: string; status: string }[]; summary: { fail: number } }[];
  sites: { name: string; hosts: string[] }[];
  siteResults: { rule: string; status: string; site: string; scope: string; hosts: string[] }[];
  failed: { ref: string; message: string }[];
  summary: { hosts: number; failing: number; hostsWithProblems: number; unreadable: number };
};

describe('ccdoctor check with several snapshots (built CLI)', () => {
  it('a repeated --snapshot checks every file, no longer only the last', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/symptom-dotnet-too-old.json', '--snapshot', 'snapshots/ha-site-appliance-2.json']);
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    // These two bundled snapshots are no consistent site: the standalone CCE-SYD-01 keeps its local site
    // directory, the HA appliance CCE-SYD-02 names the share \\CCE-SYD-01\CCESite: a real site finding.
    expect(out).toMatch(/^ccdoctor check: 2 hosts in 1 site\n\n1 problem on 1 of 2 hosts and 1 site finding found\.\n/);
    expect(out).toContain('✖ ERROR  site-directory-differs');
    expect(out).toContain('✖ CCE-SYD-01 CCE 2.1.0.372 (snapshots/symptom-dotnet-too-old.json): 1 failed (1 critical)');
    expect(out).toContain('✖ CRITICAL  dotnet-too-old');
    expect(out).toContain('evidence: Installed .NET Framework = .NET Framework 4.5.2 (Release 379893)');
    expect(out).toContain("PS> (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release");
    expect(out).toContain('✔ 1 host with no problems, every rule decided: CCE-SYD-02');
    expect(out).toMatch(/\nSummary: 2 hosts in 1 site; 1 with failures \(1 finding: 1 critical\); 1 without; 0 not fully checked; site rules: 1 failed, 0 could not decide; 0 inputs could not be read$/); // execa strips the final newline
    expect(String(r.stderr)).toBe(''); // not a terminal: no progress line
  });

  it('one snapshot file keeps the one-host output; a folder or a glob with one snapshot is a many-host run', async () => {
    const one = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json']);
    expect(String(one.stdout)).toMatch(/^ccdoctor check: CCE-DEMO-01 \(CCE 2\.1\.0\.372\)\nsource: snapshot snapshots\/demo\.json/);
    const only = join(dir, 'only');
    writeFleet(only, [{ name: 'CCE-ONE-01', site: 'Hobart', from: 'healthy-2.1.json' }]);
    const folder = await ccdoctor(['check', '--snapshot', only]);
    expect(folder.exitCode).toBe(0);
    expect(String(folder.stdout)).toMatch(/^ccdoctor check: 1 host in 1 site\n\nNo problems found on 1 host in 1 site\.\n\nSite Hobart: 1 host\n/);
    const glob = await ccdoctor(['check', '--snapshot', 'snapshots/demo.j*n', '--format', 'json']);
    expect(JSON.parse(String(glob.stdout)).schema).toBe('ccdoctor/fleet@1');
  });

  it('200 hosts stay readable: failing hosts listed with their findings, healthy ones one line per site; JSON has them all', async () => {
    const fleet = join(dir, 'fleet200');
    writeFleet(fleet, twoHundred());
    const r = await ccdoctor(['check', '--snapshot', fleet]);
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    const lines = out.split('\n');
    expect(lines.length).toBeLessThan(400);
    expect(lines[0]).toBe('ccdoctor check: 200 hosts in 5 sites');
    // The partial snapshots lack facts the site rules need: those rules could not decide for their site and the fleet.
    expect(lines[2]).toBe('Incomplete: 5 of 200 hosts could not be fully checked; some site rules could not decide. The checks that ran found 20 problems on 20 of 200 hosts and 1 site finding.');
    // Every failing host has its status line and its finding; each rule's steps are shown in full once.
    const failing = lines.filter((l) => /^ {2}✖ CCE-\w+-\d+ CCE 2\.1\.0\.372 \(.*\): 1 failed \(1 critical\)$/.test(l));
    expect(failing).toHaveLength(20);
    expect(out.split('✖ CRITICAL  dotnet-too-old').length - 1).toBe(20);
    expect(out.split("PS> (Get-ItemProperty -LiteralPath 'HKLM:").length - 1).toBe(1);
    expect(out.split('fix: the steps shown for CCE-BRI-01 above').length - 1).toBe(19);
    // The partial snapshots: one line each, naming what could not be checked.
    expect(lines.filter((l) => /^ {2}\? CCE-MEL-\d+ .*: no failures, 19 unknown$/.test(l))).toHaveLength(5);
    // The healthy hosts: one line per site.
    const healthy = lines.filter((l) => l.startsWith('  ✔ '));
    expect(healthy.map((l) => /^ {2}✔ (\d+) hosts/.exec(l)![1])).toEqual(['40', '20', '35', '40', '40']);
    expect(out).toMatch(/Site Perth: 40 hosts\n {2}Site rules: 4 passed, 1 failed \(1 warning\), 0 could not decide, 0 not applicable\n {4}✖ WARNING {2}site-versions-differ/);
    expect(lines.at(-1)).toBe('Summary: 200 hosts in 5 sites; 20 with failures (20 findings: 20 critical); 180 without; 5 not fully checked; site rules: 1 failed, 5 could not decide; 0 inputs could not be read');

    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', fleet, '--format', 'json'])).stdout)) as Fleet;
    expect(j.schema).toBe('ccdoctor/fleet@1');
    expect(j.hosts).toHaveLength(200);
    expect(j.sites.map((s) => [s.name, s.hosts.length])).toEqual([['Adelaide', 40], ['Brisbane', 40], ['Melbourne', 40], ['Perth', 40], ['Sydney', 40]]);
    expect(j.hosts[0]!.site).toEqual({ name: 'Adelaide', from: 'ini' });
    expect(j.siteResults.find((s) => s.site === 'Perth' && s.status === 'fail')).toMatchObject({ rule: 'site-versions-differ', status: 'fail', scope: 'site' });
    expect(j.summary).toMatchObject({ hosts: 200, hostsWithProblems: 20, failing: 20, unreadable: 0 });
    expect(j.complete).toBe(false);
  }, 60_000);

  it('an unreadable input among many is named and makes the exit code 1; none readable is an input error', async () => {
    const bad = join(dir, 'bad');
    writeFleet(bad, [{ name: 'CCE-OK-01', site: 'Sydney', from: 'healthy-2.1.json' }]);
    writeFileSync(join(bad, 'Sydney', 'broken.json'), '{"schema": "ccdoctor/snapshot",');
    const r = await ccdoctor(['check', '--snapshot', 'bad'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const out = String(r.stdout);
    expect(out).toContain('Incomplete: 1 input could not be read. The checks that ran found no problems on 1 host in 1 site.');
    expect(out).toMatch(/\nCould not read \(1\):\n {2}✖ bad\/Sydney\/broken\.json: .*bad\/Sydney\/broken\.json/);
    const j = JSON.parse(String((await ccdoctor(['check', '--snapshot', 'bad', '--format', 'json'], { cwd: dir })).stdout)) as Fleet;
    expect(j.failed).toEqual([{ ref: 'bad/Sydney/broken.json', message: expect.stringContaining('bad/Sydney/broken.json') }]);
    expect(j.summary).toMatchObject({ unreadable: 1, failing: 1 });
    const none = await ccdoctor(['check', '--snapshot', 'snapshots/nope-1.json', '--snapshot', 'snapshots/nope-2.json']);
    expect(none.exitCode).toBe(2);
    expect(String(none.stderr)).toMatch(/^ccdoctor check: none of the 2 snapshots could be read:\n {2}snapshots\/nope-1\.json: cannot read snapshot .*\n {2}snapshots\/nope-2\.json: cannot read snapshot /);
    const empty = await ccdoctor(['check', '--snapshot', 'snapshots/*.nothing']);
    expect(empty.exitCode).toBe(2);
    expect(String(empty.stderr)).toContain('--snapshot snapshots/*.nothing: no file matches this pattern');
  });

  it('--fail-on applies to site findings; a healthy site exits 0', async () => {
    const mixed = join(dir, 'mixed');
    writeFleet(mixed, [{ name: 'CCE-A-01', site: 'Perth', from: 'healthy-2.1.json' }, { name: 'CCE-A-02', site: 'Perth', from: 'healthy-2.0.json' }]);
    const r = await ccdoctor(['check', '--snapshot', mixed]);
    expect(String(r.stdout)).toContain('1 site finding found.');
    expect(r.exitCode).toBe(0); // a warning, below the default --fail-on error
    expect((await ccdoctor(['check', '--snapshot', mixed, '--fail-on', 'warning'])).exitCode).toBe(1);
    const same = join(dir, 'same');
    writeFleet(same, [{ name: 'CCE-B-01', site: 'Perth', from: 'healthy-2.1.json' }, { name: 'CCE-B-02', site: 'Perth', from: 'healthy-2.1.json' }]);
    expect((await ccdoctor(['check', '--snapshot', same, '--fail-on', 'info'])).exitCode).toBe(0);
    // A planted site fault: one appliance kept the default local site directory.
    const split = join(dir, 'split');
    writeFleet(split, [{ name: 'CCE-C-01', site: 'Perth', from: 'healthy-2.1.json' }, { name: 'CCE-C-02', site: 'Perth', from: 'healthy-2.1.json', siteRoot: 'C:\\Users\\cceadmin\\CloudConnector\\SiteRoot' }]);
    const s = await ccdoctor(['check', '--snapshot', split]);
    expect(s.exitCode).toBe(1);
    expect(String(s.stdout)).toContain('1 site finding found.');
    expect(String(s.stdout)).toContain('✖ ERROR  site-directory-differs');
    expect(String(s.stdout)).toContain('\\\\CCE-C-01\\CCESite on CCE-C-01');
  });

  it('--tenant applies to every host of the run', async () => {
    const tenant = join(dir, 'site.json');
    writeFileSync(tenant, '{"Identity": "Sydney", "Name": "Sydney", "EnableAutoUpdate": false}');
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/ha-site-appliance-1.json', '--snapshot', 'snapshots/ha-site-appliance-2.json', '--tenant', tenant, '--format', 'json', '--fail-on', 'warning']);
    expect(r.exitCode).toBe(1);
    const j = JSON.parse(String(r.stdout)) as Fleet;
    for (const h of j.hosts) expect(h.results.find((x) => x.rule === 'site-autoupdate-disabled')?.status, h.ref).toBe('fail');
    // The note every host has is said once.
    const text = String((await ccdoctor(['check', '--snapshot', 'snapshots/ha-site-appliance-1.json', '--snapshot', 'snapshots/ha-site-appliance-2.json', '--tenant', tenant])).stdout);
    expect(text).toMatch(new RegExp(`\nInput notes:\n {2}every host: tenant\.sites: the snapshot's value was replaced by ${tenant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('--help says what many hosts do, the exit codes and the tenant', async () => {
    const help = String((await ccdoctor(['check', '--help'])).stdout);
    expect(help).toContain('Usage: ccdoctor check --snapshot FILE|FOLDER|PATTERN...');
    expect(help).toContain('With many hosts the tenant files apply to\nevery host of the run');
    expect(help).toMatch(/or when any input could not be read/);
    expect(help).toContain('--waivers FILE');
    expect(help).toContain('--baseline FILE');
  });
});

describe('progress of a many-host run', () => {
  const io = (tty: boolean) => {
    let err = '';
    return {
      io: { stdout: process.stdout, stdin: process.stdin, env: {}, cwd: ROOT, stderr: Object.assign({ write: (s: string) => ((err += s), true) }, tty ? { isTTY: true } : {}) as never },
      err: () => err,
    };
  };
  it('in a terminal: "N of M hosts" on stderr, rewritten in place and cleared; in a pipe: nothing', async () => {
    for (const tty of [true, false]) {
      const t = io(tty);
      const { sources } = await snapshotSources('check', ['snapshots/ha-site-*.json'], t.io, [], undefined);
      const run = await runSnapshots('check', sources, CATALOGUE, t.io, {});
      expect(run.hosts).toHaveLength(3);
      if (tty) {
        expect(t.err()).toContain('\r\u001b[2KChecking snapshots: 1 of 3 hosts');
        expect(t.err()).toContain('Checking snapshots: 3 of 3 hosts');
        expect(t.err().endsWith('\r\u001b[2K')).toBe(true);
      } else expect(t.err()).toBe('');
    }
  });
});

describe('ccdoctor report with several snapshots (built CLI)', () => {
  it('writes the fleet report of every host (atomically to --out) in every format; ps1 is for one host, exit 2', async () => {
    const fleet = join(dir, 'report-fleet');
    const [bad, good] = writeFleet(fleet, [
      { name: 'CCE-R-01', site: 'Perth', from: 'symptom-dotnet-too-old.json' },
      { name: 'CCE-R-02', site: 'Perth', from: 'healthy-2.1.json' },
    ]);
    const out = join(dir, 'fleet-report.json');
    const r = await ccdoctor(['report', '--snapshot', bad!, '--snapshot', good!, '--snapshot', 'snapshots/nope.json', '--out', out]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toBe(`Wrote ${out} (json): 2 hosts in 1 site, 1 finding, 0 could not be checked, 1 input not read.`);
    const j = JSON.parse(readFileSync(out, 'utf8')) as Omit<Fleet, 'hosts'> & { version: number; hosts: { name: string; ref: string; site: string }[] };
    expect([j.schema, j.version]).toEqual(['ccdoctor/fleet-report', 1]);
    expect(j.hosts.map((h) => [h.name, h.ref, h.site])).toEqual([['CCE-R-01', bad, 'Perth'], ['CCE-R-02', good, 'Perth']]);
    expect(j.failed.map((f) => f.ref)).toEqual(['snapshots/nope.json']);
    // The realistic site passes every site rule that applies to it.
    expect(j.siteResults.filter((x) => x.status === 'fail')).toEqual([]);
    // Many hosts: every format but ps1 (a script for one host).
    const many = ['--snapshot', 'snapshots/ha-site-appliance-*.json'];
    const formats = { html: /^<!DOCTYPE html>/, md: /^# ccdoctor fleet report: 3 hosts, 1 site\n/, junit: /^<\?xml [^>]*\?>\n<testsuites name="ccdoctor fleet \(3 hosts, 1 site\)"/, sarif: /"version": "2\.1\.0"/ };
    for (const [format, start] of Object.entries(formats)) {
      const x = await ccdoctor(['report', ...many, '--format', format]);
      expect(x.exitCode, `${format}: ${String(x.stderr)}`).toBe(0);
      expect(String(x.stdout), format).toMatch(start);
    }
    const ps1 = await ccdoctor(['report', ...many, '--format', 'ps1']);
    expect(ps1.exitCode).toBe(2);
    expect(String(ps1.stderr)).toBe('ccdoctor report: --format ps1 is a script for one host: give one --snapshot FILE');
    expect(String(ps1.stdout)).toBe('');
    // One snapshot file: the one-host report as before.
    expect(JSON.parse(String((await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'json'])).stdout)).schema).toBe('ccdoctor/report');
  });
});
