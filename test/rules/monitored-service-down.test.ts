import { expect } from 'vitest';
import rule from '../../rules/monitored-service-down.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-monitored-service-down.json',
      message: 'REPLICA on the CMS VM CMS01 is Stopped (startup Automatic); RTCMRAUTH on the Edge VM EDGE01 is Stopped (startup Automatic)',
      evidence: [
        { fact: 'vm.services', label: 'RTCMRAUTH on the Edge VM EDGE01', value: 'Stopped (startup Automatic)', at: 'Edge' },
        { fact: 'vm.services', label: 'REPLICA on the CMS VM CMS01', value: 'Stopped (startup Automatic)', at: 'CMS' },
      ],
      assert: (r) => expect(r.remediation[0]!.command).toBe(
        "Invoke-Command -ComputerName '192.168.10.12' -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($n) Set-Service -Name $n -StartupType Automatic; Start-Service -Name $n } -ArgumentList 'REPLICA'",
      ),
    },
    {
      // 1.4.2 monitors only RTCSRV and RTCMEDSRV on the Mediation Server and RTCSRV on the Edge: the stopped REPLICA is not named.
      snapshot: 'symptom-monitored-service-down-1.4.2.json',
      message: /^RTCMEDSRV on the Mediation VM MS01 is Stopped \(startup Automatic\)$/,
      evidence: [{ fact: 'vm.services', label: 'RTCMEDSRV on the Mediation VM MS01', value: 'Stopped (startup Automatic)' }],
      assert: (r) => expect(r.evidence.map((e) => e.label).join()).not.toContain('REPLICA'),
    },
    {
      // The same stopped services on 2.0: REPLICA is monitored from 2.0 on.
      snapshot: 'symptom-monitored-service-down-2.0.json',
      evidence: [
        { label: 'REPLICA on the CMS VM CMS01', value: 'Stopped (startup Automatic)' },
        { label: 'RTCMEDSRV on the Mediation VM MS01', value: 'Stopped (startup Automatic)' },
      ],
    },
    {
      snapshot: 'symptom-marked-down-after-update.json',
      evidence: [{ label: 'RTCMEDSRV on the Mediation VM MS01', value: 'Stopped (startup Manual)' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'all 10 monitored services run (>=2.0 list)' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json', message: 'all 3 monitored services run (>=1.4.2 <2.0 list)' },
  ],
  notApplicable: [{ snapshot: 'edge-cert-chain-trusted-1.4.1.json', message: /applies to CCE >=1\.4\.2/ }],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['vm.services'] }],
});
