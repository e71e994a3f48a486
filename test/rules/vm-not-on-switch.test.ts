import { expect } from 'vitest';
import rule from '../../rules/vm-not-on-switch.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-vm-not-on-switch.json',
      message: 'MS01 is not connected to SfB CCE Corpnet Switch',
      evidence: [{ fact: 'hyperv.vms', label: 'Mediation VM MS01 on SfB CCE Corpnet Switch', value: 'not connected', at: 'adapters on: (not connected)' }],
      assert: (r) => {
        expect(r.evidence.filter((e) => e.value === 'connected')).toEqual([]);
        expect(r.remediation[0]!.command).toBe("Connect-VMNetworkAdapter -VMName 'MS01' -Name 'Corpnet' -SwitchName 'SfB CCE Corpnet Switch'");
      },
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', evidence: [{ label: 'Edge VM EDGE01 on SfB CCE Internet Switch', value: 'connected' }] },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'ha-site-appliance-2.json' },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.vms'] }],
});
