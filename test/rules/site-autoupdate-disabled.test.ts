import { describe, expect, it } from 'vitest';
import rule from '../../rules/site-autoupdate-disabled.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-site-autoupdate-disabled.json',
      message: 'EnableAutoUpdate is False for site Sydney',
      // Only this appliance's site counts (Perth is on).
      evidence: [{ fact: 'tenant.sites', label: 'Site Sydney EnableAutoUpdate', value: 'false' }],
      assert: (r) => {
        expect(r.evidence).toHaveLength(1);
        expect(r.remediation[0]).toMatchObject({ runsOn: 'tenant', command: "Set-CsHybridPSTNSite -Identity 'Sydney' -EnableAutoUpdate $true" });
      },
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /safe to ignore/, evidence: [{ value: 'true' }] },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['tenant.sites'] }],
});

describe('site-autoupdate-disabled signature', () => {
  it('matches the AD installation warning', () => {
    const p = rule.signatures[0]!.pattern!;
    expect(p.test('WARNING: Windows automatic updating is not enabled. To ensure that your newly-installed role or feature is automatically updated, turn on Windows Update.')).toBe(true);
  });
});
