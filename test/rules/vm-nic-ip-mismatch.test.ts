import { expect } from 'vitest';
import rule from '../../rules/vm-nic-ip-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-vm-nic-ip-mismatch.json',
      message: /Edge VM EDGE01: 172\.16\.10\.14/,
      evidence: [
        {
          fact: 'hyperv.vms',
          label: 'Edge VM EDGE01: 172.16.10.14 ([EdgeServer] ExternalSIPIPs/ExternalMRIPs) on SfB CCE Internet Switch',
          value: 'missing',
          at: 'Corpnet on SfB CCE Corpnet Switch: 192.168.10.14; Internet on SfB CCE Internet Switch: 169.254.12.7',
        },
      ],
      assert: (r) => {
        expect(r.remediation.map((s) => [s.id, s.destructive])).toEqual([['remove-vms', true], ['uninstall', true], ['install', false]]);
        expect(r.remediation[1]!.command).toBe('Uninstall-CcAppliance');
      },
    },
    {
      snapshot: 'symptom-vm-nic-ip-mismatch-1.4.2.json',
      message: /CMS VM CMS01: management adapter "Management" in 192\.168\.213\.0\/24/,
      evidence: [{ fact: 'hyperv.vms', label: 'CMS VM CMS01: management adapter "Management" in 192.168.213.0/24', value: 'missing', at: 'SfB CCE Management Switch: 169.254.40.2' }],
    },
    {
      // The ini was edited after deployment: the Mediation VM still has the old address.
      snapshot: 'symptom-registration-conflict-changed-ip.json',
      evidence: [{ label: 'Mediation VM MS01: 192.168.10.33 ([MediationServer] IP) on SfB CCE Corpnet Switch', value: 'missing' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'ha-site-appliance-1.json' },
    // Appliance 2 also has an Off backup instance: its VMs are not the ones checked.
    // MS01's adapter is connected to no switch: vm-not-on-switch reports that; its address is not a failure here.
    {
      snapshot: 'symptom-vm-not-on-switch.json',
      message: /not checked, not on its switch: Mediation VM MS01 \(adapter "Corpnet" is connected to no switch: see vm-not-on-switch\)/,
      assert: (r) => expect(r.evidence.map((e) => e.label).join('\n')).not.toContain('VM MS01'),
    },
    { snapshot: 'ha-site-appliance-2.json', evidence: [{ label: 'Edge VM EDGE02: 172.16.10.24 ([EdgeServer] ExternalSIPIPs/ExternalMRIPs) on SfB CCE Internet Switch', value: 'present' }] },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.vms'] }],
});
