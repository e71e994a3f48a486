import { expect } from 'vitest';
import rule from '../../rules/vm-not-running.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-vm-not-running.json',
      message: 'Edge VM EDGE01 is Saved',
      evidence: [{ fact: 'hyperv.vms', label: 'Edge VM', value: 'EDGE01 (Saved)' }],
      assert: (r) => expect(r.remediation[0]!.command).toBe("Start-VM -Name 'EDGE01'"),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    // The Off backup instance of the upgrade is not the appliance: it is listed, not counted.
    {
      snapshot: 'ha-site-appliance-2.json',
      evidence: [{ label: 'AD VM', value: 'AD02 (Running)', at: 'other instance(s), not counted: AD02-2.0.1.271 (Off)' }],
    },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.vms'] }],
});
