import { expect } from 'vitest';
import rule from '../../rules/domain-join-failed.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-domain-join-failed.json',
      message: /^Mediation VM MS01: domain: not joined \(expected cce\.contoso\.local\); Mediation VM MS01: corpnet NIC: /,
      evidence: [
        { fact: 'vm.domainMembership', label: 'Mediation VM MS01: domain', value: 'not joined (expected cce.contoso.local)', at: 'Mediation' },
        {
          fact: 'vm.domainMembership',
          label: 'Mediation VM MS01: corpnet NIC',
          value: 'Microsoft Hyper-V Network Adapter: 192.168.10.13; DNS 192.168.10.1 (DNS must be the AD server 192.168.10.11, statically)',
        },
        { fact: 'vm.domainMembership', label: 'Mediation VM MS01: ping AD01.cce.contoso.local', value: 'no answer' },
        { fact: 'vm.domainMembership', label: 'Mediation VM MS01: ping 192.168.10.11', value: expect.stringContaining('IP address conflict') as unknown as string },
      ],
      assert: (r) => {
        expect(r.evidence.map((e) => e.label).join()).not.toContain('CMS');
        expect(r.remediation.find((s) => s.id === 'fix-ip-dns')!.command).toBe(
          "Invoke-Command -ComputerName '192.168.10.13' -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($nic, $dns) Set-DnsClientServerAddress -InterfaceAlias $nic -ServerAddresses $dns } -ArgumentList 'Microsoft Hyper-V Network Adapter', '192.168.10.11'",
        );
        expect(r.remediation.find((s) => s.id === 'verify-domain')!.command).toBe("Get-ADDomain -Identity 'cce.contoso.local'");
      },
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'CMS and Mediation Server are joined to cce.contoso.local, use the AD server for DNS and reach it' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
  ],
  unknown: [
    { snapshot: 'partial-appliance-2.1.json', message: 'cannot look inside: CMS VM CMS01 (The credential is invalid.); Mediation VM MS01 (The credential is invalid.)', unavailable: ['vm.domainMembership'] },
    { snapshot: 'partial-2.1.json', unavailable: ['cce.ini', 'vm.domainMembership'] },
  ],
});
