import { expect } from 'vitest';
import rule from '../../rules/pstn-escalation-unconfigured.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-pstn-escalation-unconfigured.json',
      message: 'the tenant has no hybrid Mediation Server setting for MS01.cce.contoso.local',
      evidence: [
        { fact: 'tenant.hybridMediationSettings', label: 'Hybrid Mediation Servers in the tenant', value: '(none)' },
        { fact: 'cce.ini', label: 'This Mediation Server FQDN', value: 'MS01.cce.contoso.local' },
      ],
      assert: (r) => {
        expect(r.remediation[0]).toMatchObject({
          runsOn: 'tenant',
          command: "Set-CsHybridMediationServer -Fqdn 'MS01.cce.contoso.local' -AccessProxyExternalFqdn 'ap.contoso.com'",
        });
        expect(r.remediation[0]!.unresolved).toBeUndefined();
      },
    },
    {
      // Checklist mode: the operator's answer is the evidence.
      snapshot: 'checklist-pstn-escalation-unconfigured.json',
      message: /operator answer/,
      evidence: [{ fact: 'tenant.hybridMediationSettings', label: 'Operator answer', value: 'not configured' }],
      assert: (r) => expect(r.evidence[0]!.provenance.origin).toEqual({ source: 'operator', ref: 'question tenant.hybridMediationSettings' }),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'MS01.cce.contoso.local is configured with access proxy ap.contoso.com' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'ha-site-appliance-2.json', message: /MS02\.cce\.contoso\.local is configured/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['tenant.hybridMediationSettings'] }],
});
