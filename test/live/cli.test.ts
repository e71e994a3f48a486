import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ccdoctor, CLI, ROOT } from '../helpers/cli.js';
import { fakeEnv, noPowerShellEnv, tempDir } from './fake.js';

beforeAll(async () => {
  await execa('node', [join(ROOT, 'src', 'tools', 'build.mjs')], { cwd: ROOT });
}, 60_000);

type Json = Record<string, any>;
/** check@1 JSON without what differs between a live run and its snapshot (where facts came from, when). */
function comparable(j: Json) {
  return JSON.parse(JSON.stringify({ results: j.results, summary: j.summary }, (k, v) => (k === 'provenance' ? undefined : v)));
}

describe('ccdoctor collect and live check (fake PowerShell)', () => {
  it('collect --out writes a snapshot; check live and check --snapshot of it agree', async () => {
    const dir = tempDir();
    const env = fakeEnv({}, 'demo.json');
    const c = await ccdoctor(['collect', '--out', 'host.json'], { cwd: dir, env });
    expect(c.stderr).toMatch(/Snapshot written to host\.json/);
    expect(c.exitCode).toBe(0);
    const snap = JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as Json;
    const demo = JSON.parse(readFileSync(env.FAKE_PS_SNAPSHOT!, 'utf8')) as Json;
    const name = demo.facts['host.name'].value as string;
    expect(snap).toMatchObject({ schema: 'ccdoctor/snapshot', version: 1, host: { name, collector: { name: 'ccdoctor', mode: 'live' } } });
    expect(snap.facts['host.name']).toMatchObject({ status: 'ok', value: name, source: 'command', ref: 'probe host.name' });
    expect(readFileSync(join(dir, 'host.json'))[0]).toBe(0x7b); // no BOM

    const live = await ccdoctor(['check', '--format', 'json'], { cwd: dir, env });
    const fromFile = await ccdoctor(['check', '--snapshot', 'host.json', '--format', 'json'], { cwd: dir, env });
    expect(live.exitCode).toBe(fromFile.exitCode);
    const a = JSON.parse(String(live.stdout)) as Json;
    const b = JSON.parse(String(fromFile.stdout)) as Json;
    expect(a.source.kind).toBe('live');
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.summary.fail).toBeGreaterThan(0);
  }, 30_000);

  it('collect never overwrites without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'host.json'), 'keep me');
    const c = await ccdoctor(['collect', '--out', 'host.json'], { cwd: dir, env: fakeEnv() });
    expect(c.exitCode).toBe(2);
    expect(c.stderr).toMatch(/already exists: not overwritten \(use --force/);
    expect(readFileSync(join(dir, 'host.json'), 'utf8')).toBe('keep me');
    const nowhere = await ccdoctor(['collect', '--out', join('no', 'such', 'dir', 'host.json')], { cwd: dir, env: fakeEnv() });
    expect(nowhere.exitCode).toBe(2);
    expect(nowhere.stderr).toMatch(/the folder .* does not exist/);
    const f = await ccdoctor(['collect', '--out', 'host.json', '--force'], { cwd: dir, env: fakeEnv() });
    expect(f.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')).schema).toBe('ccdoctor/snapshot');
  }, 30_000);

  it('PowerShell reports no fact (refused, or dead before the first): check and collect show why and exit 2, not 0', async () => {
    for (const extra of [{ FAKE_PS_CRASH_AFTER: '0' }, { FAKE_PS_REFUSE: 'language-mode' }] as Record<string, string>[]) {
      const dir = tempDir();
      const env = fakeEnv(extra, 'demo.json');
      const check = await ccdoctor(['check'], { cwd: dir, env });
      expect(check.exitCode, JSON.stringify(extra)).toBe(2);
      expect(check.stdout).toMatch(/Nothing was checked/);
      expect(check.stderr).toMatch(/ccdoctor check: PowerShell reported no fact of this host \(see the warning above\): nothing was checked\./);
      const collect = await ccdoctor(['collect', '--out', 'host.json'], { cwd: dir, env });
      expect(collect.exitCode, JSON.stringify(extra)).toBe(2);
      expect(collect.stderr).toMatch(/ccdoctor collect: PowerShell reported no fact of this host .*host\.json was written with each fact's error/);
      expect(collect.stderr).not.toMatch(/Snapshot written/);
      const snap = JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as Json;
      expect(Object.values(snap.facts as Record<string, Json>).some((f) => f.status === 'ok')).toBe(false);
    }
  }, 30_000);

  it('PowerShell dies after some facts: the check of what came is as usual (exit 1 for the demo host\'s findings)', async () => {
    const env = fakeEnv({ FAKE_PS_CRASH_AFTER: '12' }, 'demo.json');
    const check = await ccdoctor(['check', '--format', 'json'], { cwd: tempDir(), env });
    expect(check.stderr).not.toMatch(/reported no fact/);
    expect(check.exitCode).toBe(JSON.parse(String(check.stdout)).summary.fail > 0 ? 1 : 0);
  }, 30_000);

  it('no PowerShell: check and collect say what to do instead, exit 2', async () => {
    const check = await ccdoctor(['check'], { env: noPowerShellEnv() });
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toMatch(/no PowerShell found/);
    expect(check.stderr).toMatch(/ccdoctor check --snapshot/);
    expect(check.stderr).toMatch(/collect --script/);
    expect(check.stderr).toMatch(/checklist/);
    const collect = await ccdoctor(['collect', '--out', join(tempDir(), 'x.json')], { env: noPowerShellEnv() });
    expect(collect.exitCode).toBe(2);
    expect(collect.stderr).toMatch(/no PowerShell found/);
  });

  it('collect --script prints the collector; bad option combinations are input errors', async () => {
    const s = await ccdoctor(['collect', '--script']);
    expect(s.exitCode).toBe(0);
    expect(String(s.stdout)).toMatch(/^<#\r\n\.SYNOPSIS/);
    expect(String(s.stdout)).toContain('#ccdoctor-probe {"id":"host.name"');
    expect(String(s.stdout)).toContain("mode = 'script'");
    const bad = await ccdoctor(['collect', '--script', '--out', 'x.ps1']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--script prints the script to stdout and takes no --out/);
    const none = await ccdoctor(['collect']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--out FILE is required/);
    const user = await ccdoctor(['collect', '--out', 'x.json', '--vm-user', 'CCE\\Administrator'], { env: { ...fakeEnv(), CCDOCTOR_VM_PASSWORD: undefined } });
    expect(user.exitCode).toBe(2);
    expect(user.stderr).toMatch(/CCDOCTOR_VM_PASSWORD/);
    const t = await ccdoctor(['check', '--timeout', 'soon'], { env: fakeEnv() });
    expect(t.exitCode).toBe(2);
    expect(t.stderr).toMatch(/--timeout must be a number of seconds/);
  });

  it('--help is true: collect and check name the live options, and no --tenant-live', async () => {
    const collect = await ccdoctor(['collect', '--help']);
    for (const flag of ['--out', '--force', '--script', '--tenant FILE', '--vm-user', '--timeout']) expect(collect.stdout).toContain(flag);
    const check = await ccdoctor(['check', '--help']);
    for (const flag of ['--tenant FILE', '--vm-user', '--timeout']) expect(check.stdout).toContain(flag);
    expect(check.stdout).toMatch(/Without --snapshot it checks this host live/);
    expect(check.stdout).toMatch(/Tenant facts \(the Office 365 side[^)]*\)\s+are never queried, live or not: give them with --tenant FILE, or answer them in the offline checklist/);
    for (const help of [collect.stdout, check.stdout]) expect(String(help)).not.toMatch(/tenant-live|TenantLive|tenant admin sign-in/i);
  });

  it('--tenant-live is an unknown option that says where tenant facts come from instead', async () => {
    for (const args of [['check', '--tenant-live'], ['collect', '--out', 'x.json', '--tenant-live']]) {
      const r = await ccdoctor(args, { env: fakeEnv() });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^ccdoctor ${args[0]}: Unknown option '--tenant-live': ccdoctor does not query the Office 365 tenant`));
      expect(r.stderr).toMatch(/--tenant FILE \(the JSON of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or Get-CsHybridMediationServer piped to ConvertTo-Json\), or answer them in the offline checklist/);
      expect(r.stdout).toBe('');
    }
  });

  it('live check with --tenant FILE: the file gives the tenant facts; without it they are missing, saying how to give them', async () => {
    const dir = tempDir();
    // A decommissioned appliance still registered with this host's Mediation Server FQDN, and a site with auto-update off.
    writeFileSync(join(dir, 'appliances.json'), JSON.stringify([
      { Identity: '5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01', Name: 'CCE-SYD-01', Site: 'Sydney', MediationServerFqdn: 'MS01.cce.contoso.local', MediationServerIPAddress: '192.168.10.13', DeploymentStatus: 'Finished' },
      { Identity: 'c0ffee00-1111-4222-8333-944455556666', Name: 'CCE-OLD-07', Site: 'Sydney', MediationServerFqdn: 'ms01.cce.contoso.local', MediationServerIPAddress: '10.9.9.9', DeploymentStatus: 'Finished' },
    ]));
    writeFileSync(join(dir, 'site.json'), '{"Identity": "Sydney", "Name": "Sydney", "EnableAutoUpdate": false}');
    const env = fakeEnv({}, 'healthy-2.1.json');
    const withFiles = await ccdoctor(['check', '--tenant', 'appliances.json', '--tenant', 'site.json', '--format', 'json', '--fail-on', 'warning'], { cwd: dir, env });
    expect(withFiles.exitCode, String(withFiles.stderr)).toBe(1);
    const a = JSON.parse(String(withFiles.stdout)) as Json;
    expect(a.source.kind).toBe('live');
    const conflict = a.results.find((r: Json) => r.rule === 'registration-conflict');
    expect(conflict).toMatchObject({ status: 'fail', message: expect.stringMatching(/conflicts with CCE-OLD-07/) });
    expect(conflict.evidence[0].provenance.ref).toBe('appliances.json (Get-CsHybridPSTNAppliance | ConvertTo-Json)');
    expect(a.results.find((r: Json) => r.rule === 'site-autoupdate-disabled').status).toBe('fail');

    const without = await ccdoctor(['check', '--format', 'json'], { cwd: dir, env });
    const b = JSON.parse(String(without.stdout)) as Json;
    const unknown = b.results.find((r: Json) => r.rule === 'registration-conflict');
    expect(unknown.status).toBe('unknown');
    expect(JSON.stringify(unknown)).toMatch(/tenant\.appliances.*--tenant FILE/);
  }, 30_000);

  it('a bad --tenant file stops a live check before PowerShell starts', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'users.json'), '[{"DisplayName": "Alice"}]');
    const log = join(dir, 'ps-log.json');
    const r = await ccdoctor(['check', '--tenant', 'users.json'], { cwd: dir, env: fakeEnv({ FAKE_PS_LOG: log }) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--tenant users.json: cannot tell which cmdlet wrote it');
    expect(existsSync(log)).toBe(false);
  });

  it('collect --tenant FILE writes the tenant facts into the snapshot, naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'site.json'), '{"Identity": "Sydney", "Name": "Sydney", "EnableAutoUpdate": false}');
    const c = await ccdoctor(['collect', '--out', 'host.json', '--tenant', 'site.json'], { cwd: dir, env: fakeEnv() });
    expect(c.exitCode, String(c.stderr)).toBe(0);
    const snap = JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as Json;
    expect(snap.facts['tenant.sites']).toEqual({ status: 'ok', value: [{ identity: 'Sydney', name: 'Sydney', enableAutoUpdate: false }], source: 'snapshot', ref: 'site.json (Get-CsHybridPSTNSite | ConvertTo-Json)' });
    expect(snap.facts['tenant.appliances']).toMatchObject({ status: 'missing', message: expect.stringMatching(/--tenant FILE/) });
    const check = await ccdoctor(['check', '--snapshot', 'host.json', '--format', 'json', '--fail-on', 'warning'], { cwd: dir, env: fakeEnv() });
    expect((JSON.parse(String(check.stdout)) as Json).results.find((r: Json) => r.rule === 'site-autoupdate-disabled').status).toBe('fail');
  }, 30_000);

  it('Ctrl-C during collect stops PowerShell and what it started, writes nothing, exits 130', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'child.pid');
    const run = execa('node', [CLI, 'collect', '--out', 'host.json'], {
      cwd: dir,
      reject: false,
      env: fakeEnv({ FAKE_PS_DELAY_MS: '60000', FAKE_PS_CHILD_PIDFILE: pidFile }),
      extendEnv: false,
    });
    await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/Interrupted: PowerShell and everything it started were stopped/);
    expect(existsSync(join(dir, 'host.json'))).toBe(false);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
  }, 30_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
