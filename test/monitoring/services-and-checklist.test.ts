import { describe, expect, it } from 'vitest';
import { allMonitoredServices, MONITORED_SERVICES, monitoredServicesFor } from '../../src/core/monitoring/services.js';
import { parseVersion } from '../../src/core/versions.js';
import { vmDomainMembership, vmFirewallRules, vmServices } from '../../src/facts/vms.js';
import { cceCredentialFile, cceCredentialRead, hostRecentUpdates } from '../../src/facts/logs.js';
import { lyncPool, lyncServices } from '../../src/facts/lync.js';
import { usesDnsLoadBalancing } from '../../rules/lib/lync.js';

describe('the monitored-service matrix', () => {
  it('is the documented one, per version', () => {
    expect(monitoredServicesFor(parseVersion('2.1.0.372')).matrix.services).toEqual({
      CMS: ['REPLICA', 'MASTER'], Mediation: ['REPLICA', 'RTCSRV', 'RTCMEDSRV'], Edge: ['REPLICA', 'RTCSRV', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY'],
    });
    expect(monitoredServicesFor(parseVersion('2.0')).matrix).toBe(MONITORED_SERVICES[0]);
    expect(monitoredServicesFor(parseVersion('1.4.2.55')).matrix.services).toEqual({ CMS: [], Mediation: ['RTCSRV', 'RTCMEDSRV'], Edge: ['RTCSRV'] });
    expect(monitoredServicesFor(parseVersion('1.4.2.55')).note).toBeUndefined();
  });
  it('says which list it used when the version does not say', () => {
    expect(monitoredServicesFor(undefined)).toMatchObject({ matrix: MONITORED_SERVICES[0], note: expect.stringContaining('version is unknown') });
    expect(monitoredServicesFor(parseVersion('1.4.1'))).toMatchObject({ matrix: MONITORED_SERVICES[1], note: expect.stringContaining('predates') });
  });
  it('the live probe asks each VM for every service any version monitors there', () => {
    expect(allMonitoredServices('Mediation')).toEqual(['REPLICA', 'RTCSRV', 'RTCMEDSRV']);
    expect(vmServices.live!.script).toContain("'Edge' { @('REPLICA', 'RTCSRV', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY') }");
  });
});

describe('checklist answers become the same fact values the probes give', () => {
  it('vm.services: only the listed exceptions are not Running', () => {
    const answer = vmServices.checklist!.answer.safeParse(' edge:rtcmrauth:Stopped:Manual, Mediation:RTCMEDSRV:Paused ');
    expect(answer.success).toBe(true);
    const v = vmServices.checklist!.toValue((answer as { data: string }).data);
    const edge = v.roles.find((r: { role: string }) => r.role === 'Edge')!;
    expect(edge.services.find((s: { name: string }) => s.name === 'RTCMRAUTH')).toEqual({ name: 'RTCMRAUTH', status: 'Stopped', startType: 'Manual' });
    expect(edge.services.find((s: { name: string }) => s.name === 'RTCSRV')).toEqual({ name: 'RTCSRV', status: 'Running', startType: null });
    expect(vmServices.schema.safeParse(v).success).toBe(true);
    expect(vmServices.checklist!.answer.safeParse('AD:RTCSRV:Stopped').success).toBe(false);
    expect(vmServices.checklist!.toValue('').roles.every((r: { services: { status: string }[] }) => r.services.every((s) => s.status === 'Running'))).toBe(true);
  });

  it('vm.firewallRules, vm.domainMembership, credentials, updates and Lync answers validate against their schemas', () => {
    const cases: [{ schema: { safeParse(v: unknown): { success: boolean } }; checklist?: { toValue(a: never): unknown } }, string][] = [
      [vmFirewallRules, 'edge-disabled'],
      [vmDomainMembership, 'Mediation;WORKGROUP;192.168.10.13;192.168.10.1;no;no;AD01.cce.contoso.local;192.168.10.11'],
      [cceCredentialFile, 'credentials.cceadmin.xml 2026-03-02'],
      [cceCredentialRead, 'ConvertTo-SecureString : Key not valid for use in specified state.'],
      [hostRecentUpdates, '2026-11-15 15:40'],
      [lyncServices, 'RTCSRV:Paused:Auto RTCRGS:Running:Automatic'],
      [lyncPool, 'no'],
    ];
    for (const [spec, a] of cases) expect(spec.schema.safeParse(spec.checklist!.toValue(a as never)).success, a).toBe(true);
    expect(vmFirewallRules.checklist!.toValue('edge-disabled').roles.map((r: { role: string; rules: { disabled: number }[] }) => [r.role, r.rules[0]!.disabled])).toEqual([['Edge', 1], ['Mediation', 0]]);
    expect(vmDomainMembership.checklist!.toValue('Mediation;WORKGROUP;192.168.10.13;192.168.10.1;no;no;AD01.cce.contoso.local;192.168.10.11').roles[0]).toMatchObject({ partOfDomain: false, domain: null, adIpPing: false });
    expect(lyncServices.checklist!.toValue('RTCSRV:Paused:Auto').services[0]).toEqual({ name: 'RTCSRV', status: 'Paused', startType: 'Automatic' });
    expect(usesDnsLoadBalancing(lyncPool.checklist!.toValue('yes'))).toBe(true);
  });
});

describe('usesDnsLoadBalancing', () => {
  const fes = [{ fqdn: 'fe1', addresses: ['10.0.0.1'] }, { fqdn: 'fe2', addresses: ['10.0.0.2'] }];
  it('the pool FQDN resolving to the servers themselves is DNS load balancing; a VIP is not', () => {
    expect(usesDnsLoadBalancing({ poolFqdn: 'p', poolAddresses: ['10.0.0.1', '10.0.0.2'], frontEnds: fes, dnsLoadBalancing: null })).toBe(true);
    expect(usesDnsLoadBalancing({ poolFqdn: 'p', poolAddresses: ['10.0.0.50'], frontEnds: fes, dnsLoadBalancing: null })).toBe(false);
    expect(usesDnsLoadBalancing({ poolFqdn: 'p', poolAddresses: [], frontEnds: fes, dnsLoadBalancing: null })).toBeUndefined();
  });
});
