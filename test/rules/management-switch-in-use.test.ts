import { describe, expect, it } from 'vitest';
import rule from '../../rules/management-switch-in-use.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-management-switch-in-use.json',
      message: /"SfB CCE Management Switch" was not removed after the deployment and 2 VM adapter/,
      evidence: [
        { fact: 'hyperv.switches', label: 'Management switch still present', value: 'SfB CCE Management Switch' },
        { fact: 'hyperv.vms', label: 'VM CMS01 (Running)', value: 'adapter "Management" is connected to SfB CCE Management Switch' },
        { fact: 'hyperv.vms', label: 'VM MS01 (Running)', value: 'adapter "Management" is connected to SfB CCE Management Switch' },
      ],
      assert: (r) => {
        expect(r.remediation.map((s) => [s.id, s.destructive])).toEqual([['disconnect-adapters', false], ['remove-switch', true], ['restart-and-retry', true]]);
        expect(r.remediation[1]!.command).toBe("Remove-VMSwitch -Name 'SfB CCE Management Switch' -Force");
      },
    },
    {
      // 1.3.x: no ManagementSwitchName in the ini; the switch has the 1.3.x name.
      snapshot: 'symptom-management-switch-in-use-1.3.8.json',
      evidence: [
        { fact: 'hyperv.switches', value: 'Cloud Connector Management Switch' },
        { fact: 'hyperv.vms', label: 'VM AD01 (Running)', value: 'adapter "Network Adapter 2" is connected to Cloud Connector Management Switch' },
      ],
      assert: (r) => expect(r.remediation[0]!.command).toContain("$_.SwitchName -eq 'Cloud Connector Management Switch'"),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /no management switch exists/ },
    { snapshot: 'healthy-2.0.json' },
  ],
  notApplicable: [
    // 1.4.2 keeps the management switch on purpose: recovery before 2.0 uses it.
    { snapshot: 'healthy-1.4.2.json', message: /^CCE 1\.4\.2\S* keeps "SfB CCE Management Switch" on purpose: from 1\.4\.1 until 2\.0 the management service reaches the VMs over the management switch \(automatic recovery\)/ },
    // module.ini lost the version; cce.version comes from the CloudConnector module (1.4.1.33).
    { snapshot: 'symptom-running-version-empty.json', message: /CCE 1\.4\.1\S* keeps "SfB CCE Management Switch" on purpose: .*management service reaches the VMs over/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.switches', 'hyperv.vms'] }],
});

describe('management-switch-in-use help', () => {
  it('says why it is not applicable from 1.4.1 until 2.0', () => {
    expect(rule.symptom).toMatch(/Not applicable from CCE 1\.4\.1 until 2\.0: .*management service reaches the VMs over it/);
  });
});

describe('management-switch-in-use signature', () => {
  it('matches the documented Remove-VMSwitch error with any switch name, tolerant of spacing and quotes', () => {
    const p = rule.signatures[0]!.pattern!;
    expect(p.test("Remove-VMSwitch : Failed while removing virtual Ethernet switch. The virtual switch 'Cloud Connector Management Switch' cannot be deleted because it is being used by running virtual machines or assigned to child pools.")).toBe(true);
    expect(p.test('remove-vmswitch: Failed while removing virtual Ethernet switch.\nThe virtual switch ‘SfB CCE Management Switch’ cannot be deleted because it is being used by running virtual machines or assigned to child pools.')).toBe(true);
    expect(p.test("Remove-VMSwitch : The virtual switch 'x' was not found.")).toBe(false);
  });
});
