import { describe, expect, it } from 'vitest';
import rule from '../../rules/registration-conflict.js';
import { ruleTester } from '../helpers/rule-tester.js';

const SYD01 = 'Registered appliance CCE-SYD-01 (5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01)';

ruleTester(rule, {
  fail: [
    {
      // The document's example: a new appliance name with the FQDN and IP of a registered one.
      snapshot: 'symptom-registration-conflict.json',
      message: /CCE-SYD-03 \(MS01\.cce\.contoso\.local, 192\.168\.10\.13\) conflicts with CCE-SYD-01/,
      evidence: [
        { fact: 'tenant.appliances', label: SYD01, value: "MediationServerFqdn MS01.cce.contoso.local is this appliance's too", at: 'site Sydney' },
        { fact: 'tenant.appliances', label: SYD01, value: "MediationServerIPAddress 192.168.10.13 is this appliance's too" },
        { fact: 'host.name', label: 'ApplianceName (host name)', value: 'CCE-SYD-03' },
      ],
      assert: (r) => {
        const unregister = r.remediation.find((s) => s.id === 'unregister')!;
        expect(unregister).toMatchObject({ runsOn: 'tenant', destructive: true });
        expect(unregister.command).toBe("Unregister-CsHybridPSTNAppliance -Identity '5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01' -Force");
      },
    },
    {
      // Same appliance name, but the ini's Mediation IP changed since it was registered.
      snapshot: 'symptom-registration-conflict-changed-ip.json',
      evidence: [{ fact: 'tenant.appliances', label: SYD01, value: 'same name, but MediationServerIPAddress 192.168.10.13 ≠ 192.168.10.33 in the ini' }],
      assert: (r) => expect(r.evidence.filter((e) => e.fact === 'tenant.appliances')).toHaveLength(1),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /CCE-SYD-01 is registered with the same Mediation Server FQDN and IP/ },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    // Two appliances in one site, each with its own Mediation Server: no conflict either way.
    { snapshot: 'ha-site-appliance-1.json' },
    { snapshot: 'ha-site-appliance-2.json', message: /CCE-SYD-02 is registered/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['tenant.appliances'], message: /tenant\.appliances is missing/ }],
});

describe('registration-conflict signature', () => {
  it('matches the documented message with its placeholders filled in and wrapped', () => {
    const p = rule.signatures[0]!.pattern!;
    expect(p.test('Cannot register appliance because your current input/configuration MySite or MyserverNew or ms.contoso.com or 10.10.10.10 conflicts with existing appliance(s). Remove conflict appliance or update your input/configuration information then register again.')).toBe(true);
    expect(p.test('cannot register appliance because your current input/configuration Site1 or\nCCE1 or ms1.cce.local or 192.168.0.13\nconflicts with existing appliance(s).')).toBe(true);
  });
});
