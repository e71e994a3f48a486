/**
 * The live path on hosts that differ from the fixtures in the ways a review of the generated PowerShell
 * found would misdiagnose real hosts: every case runs the real probes in real pwsh on a simulated host.
 */
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FACTS } from '../../src/facts/index.js';
import { collectorProbes } from '../../src/live/probes.js';
import { collectorScript } from '../../src/live/ps-script.js';
import { runLive, type LiveOptions } from '../../src/live/run-live.js';
import { vmNameMatches, PS_VM_NAME } from '../../src/facts/vm-name.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simLog, simulate } from '../sim-host/harness.js';
import type { ModelOptions } from '../sim-host/model.js';
import { runPwshJson } from './run-pwsh.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs PowerShell text with `input` (as a JSON file path in $args[0]) and parses what it prints. */
async function pwshJson<T>(pwsh: string, text: string, input: unknown): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-ps-'));
  try {
    const file = join(dir, 'script.ps1');
    writeFileSync(file, text);
    return (await runPwshJson<T>(pwsh, file, input)).value;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const snapshot = (name: string) => readSnapshot(join(ROOT, 'snapshots', name));

describeTier('powershell', 'the live path on real pwsh: hosts as they really are', (tier) => {
  const live = async (name: string, patch: ModelOptions['patch'], opts: Partial<LiveOptions> = {}) => {
    const sim = simulate(snapshot(name), tier.tool, { patch });
    try {
      const r = await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env, ...opts, ...(opts.env ? { env: { ...sim.env, ...opts.env } } : {}) });
      return { r, log: simLog(sim), sim };
    } finally {
      sim.dispose();
    }
  };
  const posix = process.platform !== 'win32';

  it.runIf(posix)('a CloudConnector module that writes non-terminating errors still answers (Stop is scoped to the probe)', async () => {
    const { r } = await live('healthy-2.1.json', (m) => { m.cc.noisy = true; }, { ids: ['cce.applianceRoot', 'file.cloudConnectorIni', 'cce.scriptVersion', 'cce.runningVersion'] });
    expect(r.store.get('cce.applianceRoot')).toMatchObject({ status: 'ok', value: 'C:\\Users\\cceadmin\\CloudConnector\\ApplianceRoot' });
    expect(r.store.get('file.cloudConnectorIni').status).toBe('ok');
    expect(r.store.get('cce.scriptVersion')).toMatchObject({ status: 'ok', value: '2.1.0.372' });
  }, 90_000);

  for (const shape of ['version', 'object', 'lines'] as const) {
    it.runIf(posix)(`Get-CcVersion answering a ${shape === 'lines' ? 'string among blank lines' : `[${shape}]`} gives the version, not a table`, async () => {
      const { r } = await live('healthy-2.1.json', (m) => { m.cc.versionShape = shape; }, { ids: ['cce.scriptVersion', 'cce.runningVersion'] });
      expect(r.store.get('cce.scriptVersion')).toMatchObject({ status: 'ok', value: '2.1.0.372' });
      expect(r.store.get('cce.runningVersion')).toMatchObject({ status: 'ok', value: '2.1.0.372' });
    }, 90_000);
  }

  it.runIf(posix)('an appliance directory that does not exist is an error, never a confident verdict on it', async () => {
    const { r } = await live('healthy-2.1.json', (m) => { m.cc.applianceDirectory = 'C:\\Users\\cceadmin\\CloudConnector\\Gone'; }, { ids: ['cce.applianceRoot', 'file.cloudConnectorIni'] });
    expect(r.store.get('cce.applianceRoot')).toMatchObject({ status: 'error', message: expect.stringMatching(/Get-CcApplianceDirectory printed '.*Gone', which is not a folder/) });
    expect(r.store.get('file.cloudConnectorIni').status).toBe('error');
  }, 90_000);

  it.runIf(posix)('the VMs are reached over WinRM at their ini address, one session per VM for all VM probes, with explicit authentication', async () => {
    const { r, log } = await live('healthy-2.1.json', undefined, { ids: ['vm.services', 'vm.firewallRules', 'vm.domainMembership', 'certs.edgeStores', 'certs.internal'] });
    for (const id of ['vm.services', 'vm.firewallRules', 'vm.domainMembership', 'certs.edgeStores', 'certs.internal']) expect(r.store.get(id).status, id).toBe('ok');
    const sessions = log.filter((l) => l.startsWith('New-PSSession'));
    expect(sessions.sort()).toEqual(['192.168.10.11', '192.168.10.12', '192.168.10.13', '192.168.10.14'].map((ip) => `New-PSSession ${ip} Negotiate`));
    expect(log.some((l) => /Invoke-Command \S*[A-Z]{2,}\d\d/.test(l))).toBe(false); // never -VMName (PowerShell Direct)
    expect(log.filter((l) => l.startsWith('Remove-PSSession'))).toHaveLength(4);
    const services = r.store.get('vm.services').value as { roles: { role: string; vmName: string; address: string }[] };
    expect(services.roles.map((x) => [x.role, x.vmName, x.address])).toEqual([['CMS', 'CMS01', '192.168.10.12'], ['Mediation', 'MS01', '192.168.10.13'], ['Edge', 'EDGE01', '192.168.10.14']]);
  }, 120_000);

  it.runIf(posix)('before 2.0 the VMs are reached on the management switch first, as the management service does', async () => {
    const { log } = await live('healthy-1.4.2.json', undefined, { ids: ['vm.services'] });
    expect(log.filter((l) => l.startsWith('New-PSSession')).sort()).toEqual(['192.168.213.12', '192.168.213.13', '192.168.213.14'].map((ip) => `New-PSSession ${ip} Negotiate`));
  }, 90_000);

  it.runIf(posix)('an address WinRM refuses because it is not in TrustedHosts is the evidence, and is tried once per run', async () => {
    const { r, log } = await live('healthy-2.1.json', (m) => { m.trustedHosts = ''; }, { ids: ['vm.services', 'vm.firewallRules', 'vm.domainMembership'] });
    // Three VM probes, three VMs they ask: each address is tried once, not once per probe.
    expect(log.filter((l) => l.startsWith('New-PSSession')).sort()).toEqual(['192.168.10.12', '192.168.10.13', '192.168.10.14'].map((ip) => `New-PSSession ${ip} Negotiate`));
    const roles = (r.store.get('vm.services').value as { roles: { reachable: boolean; message: string }[] }).roles;
    for (const role of roles) {
      expect(role.reachable).toBe(false);
      expect(role.message).toMatch(/192\.168\.10\.\d+ is not in this host's WinRM TrustedHosts list/);
    }
  }, 90_000);

  it.runIf(posix)('a missing server name in the ini picks no VM (never every VM); of several VMs the running one is picked', async () => {
    const { r } = await live('ha-site-appliance-2.json', (_m, host) => {
      const ini = host.files.find((f) => f.path.endsWith('CloudConnector.ini'))!;
      const text = Buffer.from(ini.bytes).toString('utf16le').replace(/InternalServerName=EDGE02\r\n/, '');
      ini.bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le')]));
    }, { ids: ['vm.services'] });
    const roles = (r.store.get('vm.services').value as { roles: { role: string; vmName: string | null; reachable: boolean; message: string | null }[] }).roles;
    expect(roles.find((x) => x.role === 'Edge')).toMatchObject({ vmName: null, reachable: false, message: expect.stringMatching(/CloudConnector\.ini has no InternalServerName in \[EdgeServer\]/) });
    // CMS02 runs; its Off backup instance CMS02-2.0.1.271 is not picked.
    expect(roles.find((x) => x.role === 'CMS')).toMatchObject({ vmName: 'CMS02', reachable: true });
  }, 90_000);

  it('the probes\' VM-name matcher and the rules\' agree, and an empty name matches nothing', async () => {
    const names = ['AD01', 'CMS01', 'MS01', 'EDGE01', 'CMS01-2.0.1.271', 'cce-MS01-backup', 'XMS01', 'MS012', 'ms01', 'SfB MS01 (2.1)', 'MS01.cce.local'];
    const servers = ['MS01', 'CMS01', 'EDGE01', 'AD01', '', ' ', 'ms01', 'MS0', 'C.S'];
    const random = fc.sample(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 6 })), 300);
    const cases = [...names.flatMap((n) => servers.map((s) => [n, s] as [string, string])), ...random];
    const script = `${PS_VM_NAME}\n$cases = Get-Content -Raw -LiteralPath $args[0] | ConvertFrom-Json\nConvertTo-Json -InputObject @($cases | ForEach-Object { [bool](Test-CcdVmName $_[0] $_[1]) }) -Depth 2 -Compress`;
    const got = await pwshJson<boolean[]>(tier.tool, script, cases);
    expect(got).toEqual(cases.map(([n, s]) => vmNameMatches(n, s)));
    expect(vmNameMatches('AD01', '')).toBe(false);
    expect(vmNameMatches('CMS01', 'MS01')).toBe(false);
  }, 60_000);

  it.runIf(posix)('a VM password given with --vm-user reaches PowerShell through the environment, never a script, and opens the VMs', async () => {
    const planted = 'Pl@nted’S3cret$`x';
    const { r } = await live('symptom-credential-store-unreadable.json', (m) => { for (const g of m.guests) g.password = planted; }, {
      ids: ['vm.services', 'cce.credentialRead'],
      vmCredential: { user: 'CCE\\Administrator', password: planted },
    });
    expect(r.store.get('vm.services').status).toBe('ok');
    expect((r.store.get('vm.services').value as { roles: { reachable: boolean }[] }).roles.every((x) => x.reachable)).toBe(true);
    // A wrong password is refused by the VM, so the right one really arrived.
    const wrong = await live('symptom-credential-store-unreadable.json', (m) => { for (const g of m.guests) g.password = planted; }, {
      ids: ['vm.services'], vmCredential: { user: 'CCE\\Administrator', password: 'not it' },
    });
    expect((wrong.r.store.get('vm.services').value as { roles: { message: string }[] }).roles[0]!.message).toMatch(/user name or password is incorrect/);
  }, 120_000);

  it.runIf(posix)('the CloudConnector module is imported in one runspace for all its probes (and once for the stored credential)', async () => {
    const { log } = await live('healthy-2.1.json', undefined);
    expect(log.filter((l) => l === 'import CloudConnector').length).toBeLessThanOrEqual(2);
  }, 120_000);

  it.runIf(posix)('a 32-bit PowerShell on 64-bit Windows collects nothing and says how to run the 64-bit one', async () => {
    const { r } = await live('healthy-2.1.json', (m) => { m.is64BitProcess = false; }, { ids: ['host.name', 'hyperv.vms', 'ps.cloudConnectorModule'] });
    for (const id of ['host.name', 'hyperv.vms', 'ps.cloudConnectorModule']) {
      expect(r.store.get(id)).toMatchObject({ status: 'error', message: expect.stringMatching(/32-bit PowerShell on 64-bit Windows.*Sysnative/) });
    }
    expect(r.warnings.join(' ')).toMatch(/32-bit/);
  }, 90_000);

  it.runIf(posix)('Constrained Language Mode: one clear message, no half-run', async () => {
    const { r } = await live('healthy-2.1.json', (m) => { m.languageMode = 'ConstrainedLanguage'; }, { ids: ['host.name', 'hyperv.vms'] });
    for (const id of ['host.name', 'hyperv.vms']) expect(r.store.get(id)).toMatchObject({ status: 'error', message: expect.stringMatching(/ConstrainedLanguage.*offline checklist/) });
    expect(r.warnings.join(' ')).toMatch(/ConstrainedLanguage/);
  }, 90_000);

  it.runIf(posix)('collect.ps1 refuses a 32-bit process and Constrained Language Mode with a message, writing nothing', async () => {
    for (const patch of [(m: Record<string, unknown>) => { m.is64BitProcess = false; }, (m: Record<string, unknown>) => { m.languageMode = 'ConstrainedLanguage'; }]) {
      const sim = simulate(snapshot('healthy-2.1.json'), tier.tool, { patch });
      try {
        const script = join(sim.root, 'collect.ps1');
        writeFileSync(script, collectorScript(collectorProbes(FACTS), { collectorVersion: '0.0.0-test', deadlineMs: 60_000 }));
        const r = await execa(sim.launcher, ['-File', script, '-OutFile', join(sim.root, 'out.json')], { env: sim.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
        expect(`${r.stdout}\n${r.stderr}`).toMatch(/32-bit PowerShell on 64-bit Windows|ConstrainedLanguage/);
        expect(r.stdout).not.toMatch(/Snapshot written/);
      } finally {
        sim.dispose();
      }
    }
  }, 120_000);

  it('nested custom objects survive remoting\'s depth-1 serialisation (PSSerializer and an out-of-process job)', async () => {
    const script = `$o = [pscustomobject]@{ role = 'CMS'; adapters = @([pscustomobject]@{ name = 'nic'; ipv4 = @('192.168.10.12'); dnsServers = @('192.168.10.11') }) }
$viaSerializer = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o, 1))
$viaJob = Start-Job -ScriptBlock { [pscustomobject]@{ role = 'CMS'; adapters = @([pscustomobject]@{ name = 'nic'; ipv4 = @('192.168.10.12'); dnsServers = @('192.168.10.11') }) } } | Receive-Job -Wait -AutoRemoveJob
ConvertTo-Json -InputObject @($viaSerializer, $viaJob | ForEach-Object { [pscustomobject]@{ adapterIsString = ($_.adapters[0] -is [string]); ip = [string]$_.adapters[0].ipv4[0]; dns = [string]$_.adapters[0].dnsServers[0] } }) -Depth 3 -Compress`;
    const got = await pwshJson<{ adapterIsString: boolean; ip: string; dns: string }[]>(tier.tool, script, null);
    expect(got).toEqual([0, 1].map(() => ({ adapterIsString: false, ip: '192.168.10.12', dns: '192.168.10.11' })));
  }, 60_000);
});
