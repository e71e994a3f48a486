import rule from '../../rules/ini-state-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { expect } from 'vitest';

ruleTester(rule, {
  fail: [
    { snapshot: 'symptom-ini-state-missing.json', evidence: [{ fact: 'cce.ini', label: '[Common] State line', value: 'absent', at: '[Common] at line 3' }] },
    { snapshot: 'demo.json', message: /no State line/, evidence: [{ fact: 'cce.ini', value: 'absent' }] },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', evidence: [{ label: '[Common] State', value: 'NSW', at: 'line 13' }] },
    // The zh-TW text says the line must have a value; the English original says an empty State= is fine.
    { snapshot: 'symptom-ini-state-empty.json', message: /empty, which is allowed/, evidence: [{ value: '(empty)' }] },
  ],
  notApplicable: [
    { snapshot: 'healthy-2.0.json', message: /applies to CCE 2\.1; this host runs 2\.0\.1\.271/ },
    { snapshot: 'healthy-1.4.2.json' },
  ],
  unknown: [
    {
      snapshot: 'partial-2.1.json',
      unavailable: ['cce.ini'],
      assert: (r) => expect(r.unavailable[0]!.message).toMatch(/file\.cloudConnectorIni.*no answer within/),
    },
  ],
});
