import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIniText } from '../../../src/core/ini/read.js';
import { roleVms, sameSite } from '../../../rules/lib/appliance.js';
import { topology } from '../../../src/core/appliance/topology.js';
import { bypassCovers, bypassWildcard, formatIpv4, inSubnet, parseIpv4, subnetOf } from '../../../rules/lib/ipv4.js';

describe('ipv4', () => {
  it('round-trips addresses and rejects non-addresses', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      expect(formatIpv4(parseIpv4(ip)!)).toBe(ip);
    }));
    for (const bad of ['256.1.1.1', '1.2.3', 'fe80::1', '', 'a.b.c.d']) expect(parseIpv4(bad)).toBeUndefined();
  });

  it('subnets: membership and the documented bypass wildcard', () => {
    const s = subnetOf('192.168.10.11', 24)!;
    expect(inSubnet('192.168.10.254', s)).toBe(true);
    expect(inSubnet('192.168.11.1', s)).toBe(false);
    expect(bypassWildcard(subnetOf('192.168.213.0', 24)!)).toBe('192.168.213.*');
    expect(bypassWildcard(subnetOf('10.20.0.0', 16)!)).toBe('10.20.*');
  });

  it('a bypass entry covers a subnet only if it matches all of it', () => {
    const mgmt = subnetOf('192.168.213.0', 24)!;
    expect(bypassCovers('192.168.213.*', mgmt)).toBe(true);
    expect(bypassCovers('192.168.*', mgmt)).toBe(true);
    expect(bypassCovers('*', mgmt)).toBe(true);
    expect(bypassCovers('192.168.213.1', mgmt)).toBe(false);
    expect(bypassCovers('<local>', mgmt)).toBe(false);
    expect(bypassCovers('192.168.21*', subnetOf('192.168.10.0', 24)!)).toBe(false);
  });
});

const INI = `[Common]\r\nSIPDomains=contoso.com fabrikam.com\r\nVirtualMachineDomain=cce.local\r\nServerName=AD1\r\nIP=10.0.0.11\r\nSiteName=Site1\r\n[Network]\r\nCorpnetSwitchName=SfB CCE Corpnet Switch\r\nInternetSwitchName=SfB CCE Internet Switch\r\n[PrimaryCMS]\r\nServerName=CMS1\r\nIP=10.0.0.12\r\n[MediationServer]\r\nServerName=MS1\r\nIP=10.0.0.13\r\n[EdgeServer]\r\nInternalMachineName= cc-edge1\r\nInternalMachineIPs=10.0.0.14\r\nExternalSIPPoolName=access1\r\nExternalSIPIPs=192.168.1.4\r\nExternalMRIPs=192.168.1.4\r\n`;

describe('topology from CloudConnector.ini', () => {
  it('reads section-scoped keys, the multi-site page spelling of the Edge keys, and derives the FQDNs', () => {
    const t = topology(parseIniText(INI));
    expect(t.servers).toEqual({ AD: 'AD1', CMS: 'CMS1', Mediation: 'MS1', Edge: 'cc-edge1' });
    expect(t.ips).toEqual({ AD: '10.0.0.11', CMS: '10.0.0.12', Mediation: '10.0.0.13', edgeInternal: ['10.0.0.14'], edgeExternal: ['192.168.1.4'] });
    expect(t.mediationFqdn).toBe('MS1.cce.local');
    expect(t.accessProxyFqdn).toBe('access1.contoso.com');
    expect(t.managementSwitch).toBeUndefined();
  });

  it('matches VMs to roles by server name as a whole word, preferring the running instance', () => {
    const t = topology(parseIniText(INI));
    const vm = (name: string, state = 'Running') => ({ name, role: null, state, adapters: [] });
    const found = roleVms([vm('MS1-backup', 'Off'), vm('MS1'), vm('MS10'), vm('AD1'), vm('xCMS1')], t);
    expect(found.map((f) => [f.role, f.vm?.name, f.others.map((o) => o.name)])).toEqual([
      ['AD', 'AD1', []],
      ['CMS', undefined, []],
      ['Mediation', 'MS1', ['MS1-backup']],
      ['Edge', undefined, []],
    ]);
    expect(roleVms([{ name: 'whatever', role: 'Edge', state: 'Off', adapters: [] }], t)[3]!.vm?.name).toBe('whatever');
  });

  it('compares tenant sites tolerantly', () => {
    expect(sameSite('Site:site1', 'Site1')).toBe(true);
    expect(sameSite('Site2', 'Site1')).toBe(false);
    expect(sameSite(null, 'Site1')).toBe(false);
  });
});
