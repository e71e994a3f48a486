/**
 * Host probes on what a Windows Server 2012 R2 host can look like, run for real (pwsh on the simulated
 * host), then judged by their rules:
 * - System Center Endpoint Protection instead of Windows Defender (only Get-MProtPreference exists);
 * - Windows Update set in Control Panel, with no Group Policy;
 * - a host adapter whose "vEthernet (<switch>)" alias was renamed (found by its MAC address);
 * - ccdoctor run by a domain account (its password age comes from the domain, not a local namesake).
 */
import { expect, it } from 'vitest';
import { FACTS } from '../helpers/catalogue.js';
import { join } from 'node:path';
import antivirus from '../../rules/antivirus-exclusions-missing.js';
import connectivity from '../../rules/host-vm-connectivity.js';
import wsus from '../../rules/wsus-auto-install.js';
import { runLive } from '../../src/live/run-live.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';
import type { ModelOptions } from '../sim-host/model.js';
import { checkVariant } from '../helpers/snapshot-variant.js';
import { limit } from './limit.js';

const ROOT = join(import.meta.dirname, '..', '..');
const one = limit(2);
const DAY = 86_400;

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The one fact `id`, collected live on the simulated host built from `snapshot` and patched. */
async function probe(pwsh: string, snapshot: string, id: string, patch: ModelOptions['patch']): Promise<any> {
  return one(async () => {
    const sim = simulate(readSnapshot(join(ROOT, 'snapshots', snapshot)), pwsh, { patch });
    try {
      const r = await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env, ids: [id] });
      const fact = r.store.get(id);
      expect(fact.status, fact.message).toBe('ok');
      return fact.value;
    } finally {
      sim.dispose();
    }
  });
}

const CORPNET_ALIAS = 'vEthernet (SfB CCE Corpnet Switch)';
const AU_POLICY = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU';
const AU_CONTROL_PANEL = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update';

describeTier('powershell', 'host probes on Windows Server 2012 R2 variants (real probes, real pwsh)', (tier) => {
  const posix = process.platform !== 'win32'; // the simulated host maps C:\ to a sandbox folder

  it('SCEP instead of Windows Defender: the exclusions come from Get-MProtPreference and are judged as Defender\'s', async () => {
    if (!posix) return;
    const moveToScep = (model: any) => {
      model.scep = model.defender;
      model.defender = null;
    };
    const healthy = await probe(tier.tool, 'healthy-2.1.json', 'host.defenderExclusions', moveToScep);
    expect(healthy).toMatchObject({ defender: true, product: 'scep', processes: ['Microsoft.Rtc.CCE.ManagementService.exe'] });
    expect(healthy.paths).toHaveLength(5);
    const pass = await checkVariant(antivirus, 'healthy-2.1.json', { 'host.defenderExclusions': healthy });
    expect(pass.status, pass.message).toBe('pass');
    expect(pass.evidence).toContainEqual(expect.objectContaining({ label: 'Anti-virus', value: 'System Center Endpoint Protection (Get-MProtPreference)' }));

    const missing = await probe(tier.tool, 'symptom-antivirus-exclusions-missing.json', 'host.defenderExclusions', moveToScep);
    expect(missing.product).toBe('scep');
    const fail = await checkVariant(antivirus, 'symptom-antivirus-exclusions-missing.json', { 'host.defenderExclusions': missing });
    expect(fail.status).toBe('fail');
    expect(fail.message).toBe('2 documented anti-virus exclusion(s) are missing: D:\\CCESite, Microsoft.Rtc.CCE.ManagementService.exe');
  }, 120_000);

  it('Windows Defender, and neither product: the product is recorded, or nothing is claimed', async () => {
    if (!posix) return;
    expect(await probe(tier.tool, 'healthy-2.1.json', 'host.defenderExclusions', () => {})).toMatchObject({ defender: true, product: 'defender' });
    const none = await probe(tier.tool, 'healthy-2.1.json', 'host.defenderExclusions', (model: any) => {
      model.defender = null;
      model.scep = null;
    });
    expect(none).toEqual({ defender: false, product: null, paths: [], processes: [] });
  }, 120_000);

  it('no Windows Update policy, Control Panel installs automatically: read from the Auto Update key, and the rule fails', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'symptom-wsus-auto-install.json', 'host.windowsUpdatePolicy', (model: any) => {
      delete model.registry[AU_POLICY];
      delete model.registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'];
      model.registry[AU_CONTROL_PANEL] = { AUOptions: { kind: 'DWord', value: 4 } };
    });
    expect(value).toEqual({ wuServer: null, useWUServer: null, auOptions: null, noAutoUpdate: null, localAuOptions: 4 });
    const r = await checkVariant(wsus, 'symptom-wsus-auto-install.json', { 'host.windowsUpdatePolicy': value });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/AUOptions=4 in Control Panel, as no policy sets it$/);
  }, 120_000);

  it('a policy and a Control Panel value: both read, the policy decides', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'wsus-notify-2.1.json', 'host.windowsUpdatePolicy', (model: any) => {
      model.registry[AU_CONTROL_PANEL] = { AUOptions: { kind: 'DWord', value: 4 } };
    });
    expect(value).toMatchObject({ auOptions: 3, localAuOptions: 4 });
    expect((await checkVariant(wsus, 'wsus-notify-2.1.json', { 'host.windowsUpdatePolicy': value })).status).toBe('pass');
  }, 120_000);

  it('a renamed vEthernet adapter is found by its MAC address, with its addresses', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'healthy-2.1.json', 'host.adapters', (model: any) => {
      const nic = model.netAdapters.find((a: any) => a.name === CORPNET_ALIAS);
      // An external switch: the physical NIC bound to it shows the same MAC address, without addresses.
      model.netAdapters.unshift({ name: 'Ethernet 2', interfaceIndex: 4, macAddress: nic.macAddress, interfaceDescription: 'Intel(R) Ethernet Server Adapter I350' });
      nic.name = 'Corpnet';
      for (const ip of model.netIPAddresses) if (ip.interfaceAlias === CORPNET_ALIAS) ip.interfaceAlias = 'Corpnet';
    });
    expect(value).toEqual([{ name: 'Corpnet', switchName: 'SfB CCE Corpnet Switch', addresses: [{ ip: '192.168.10.5', prefixLength: 24 }] }]);
    const r = await checkVariant(connectivity, 'healthy-2.1.json', { 'host.adapters': value });
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toMatch(/192\.168\.10\.5/);
  }, 120_000);

  it('no adapter with the MAC address: the default alias is still tried', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'healthy-2.1.json', 'host.adapters', (model: any) => {
      for (const a of model.netAdapters) a.macAddress = '00-00-00-00-00-01';
    });
    expect(value).toEqual([{ name: CORPNET_ALIAS, switchName: 'SfB CCE Corpnet Switch', addresses: [{ ip: '192.168.10.5', prefixLength: 24 }] }]);
  }, 120_000);

  const setAge = (daysAgo: number) => Date.now() - daysAgo * DAY * 1000;
  const near = (iso: string | null, at: number) => {
    expect(iso).not.toBeNull();
    expect(Math.abs(Date.parse(iso!) - at)).toBeLessThan(10 * 60 * 1000);
  };

  it('a domain account: the password age comes from the domain, not from a local account of the same name', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'healthy-2.1.json', 'cce.credentialFile', (model: any, host) => {
      host.env.USERDOMAIN = 'CONTOSO';
      model.accounts = [
        { name: 'cceadmin', domain: 'CONTOSO', passwordAgeSeconds: 3 * DAY },
        { name: 'cceadmin', passwordAgeSeconds: 400 * DAY }, // a local namesake on the host
      ];
    });
    expect(value.user).toBe('cceadmin');
    near(value.passwordLastSet, setAge(3));
  }, 120_000);

  it('a domain account the domain does not answer for: unknown, never the local namesake\'s date', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'healthy-2.1.json', 'cce.credentialFile', (model: any, host) => {
      host.env.USERDOMAIN = 'CONTOSO';
      model.accounts = [{ name: 'cceadmin', passwordAgeSeconds: 400 * DAY }];
    });
    expect(value.passwordLastSet).toBeNull();
  }, 120_000);

  it('a local account (logon domain = the computer): its own password age', async () => {
    if (!posix) return;
    const value = await probe(tier.tool, 'healthy-2.1.json', 'cce.credentialFile', (model: any) => {
      model.accounts = [{ name: 'cceadmin', passwordAgeSeconds: 20 * DAY }, { name: 'cceadmin', domain: 'CONTOSO', passwordAgeSeconds: 3 * DAY }];
    });
    near(value.passwordLastSet, setAge(20));
  }, 120_000);
});
