import { expect } from 'vitest';
import rule from '../../rules/ha-first-deployment-unreported.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-ha-first-deployment-unreported.json',
      message: /CCE-SYD-01 is the first appliance of site Sydney and its deployment succeeded locally, but the tenant has it as "InProgress"/,
      evidence: [
        { fact: 'tenant.appliances', label: 'Appliance CCE-SYD-01 (5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01)', value: 'deployment status InProgress', at: 'site Sydney' },
        { fact: 'cce.runningVersion', label: 'Local running version', value: '2.1.0.372' },
        { fact: 'hyperv.vms', value: 'AD AD01 (Running), CMS CMS01 (Running), Mediation MS01 (Running), Edge EDGE01 (Running)' },
      ],
      assert: (r) => {
        expect(r.remediation[0]).toMatchObject({
          runsOn: 'tenant',
          destructive: false,
          command: "Set-CsCceApplianceDeploymentStatus -Identity '5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01' -Action Deploy -Status Finished",
        });
      },
    },
  ],
  pass: [
    // The HA pair: both appliances finished.
    { snapshot: 'ha-site-appliance-1.json', message: 'CCE-SYD-01 is marked finished in the tenant' },
    { snapshot: 'ha-site-appliance-2.json', message: 'CCE-SYD-02 is marked finished in the tenant' },
  ],
  notApplicable: [
    // One appliance in the site: not HA.
    { snapshot: 'healthy-2.1.json', message: /not a high-availability site: 1 appliance\(s\) registered in site Sydney/ },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    // Appliance 2 is deploying after appliance 1 finished: it is not the first.
    { snapshot: 'ha-site-appliance-2-waiting.json', message: /CCE-SYD-02 is not the site's first appliance \(CCE-SYD-01 already finished\)/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.vms', 'tenant.appliances'] }],
});
