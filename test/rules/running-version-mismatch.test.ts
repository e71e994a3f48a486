import rule from '../../rules/running-version-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-running-version-mismatch.json',
      message: /runs 2\.0\.1\.271 but the scripts are 2\.1\.0\.372/,
      evidence: [
        { fact: 'cce.scriptVersion', value: '2.1.0.372' },
        { fact: 'cce.runningVersion', value: '2.0.1.271' },
      ],
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json' }, { snapshot: 'healthy-2.0.json' }],
  // 1.4.2 has no Get-CcVersion: the script version cannot be had.
  unknown: [{ snapshot: 'healthy-1.4.2.json', unavailable: ['cce.scriptVersion'], message: /Get-CcVersion/ }],
});
