import { expect } from 'vitest';
import rule from '../../rules/firewall-rule-disabled.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-firewall-rule-disabled.json',
      message: "Inbound rule 'CS RTCSRV' on the Edge VM EDGE01 is disabled",
      evidence: [{ fact: 'vm.firewallRules', label: "Inbound rule 'CS RTCSRV' on the Edge VM EDGE01", value: 'disabled', at: 'Edge' }],
      assert: (r) => {
        expect(r.evidence).toHaveLength(1);
        expect(r.remediation[0]!.command).toBe("Invoke-Command -ComputerName '192.168.10.14' -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($n) Enable-NetFirewallRule -DisplayName $n } -ArgumentList 'CS RTCSRV'");
      },
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json', message: 'both monitored inbound rules are enabled' }, { snapshot: 'healthy-2.0.json' }],
  notApplicable: [{ snapshot: 'healthy-1.4.2.json', message: /applies to CCE >=2\.0/ }],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['vm.firewallRules'] }],
});
