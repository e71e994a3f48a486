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
  pass: [
    { snapshot: 'healthy-2.1.json', evidence: [{ fact: 'cce.scriptVersion', label: 'Script version (Get-CcVersion)', value: '2.1.0.372' }] },
    { snapshot: 'healthy-2.0.json' },
    // 1.4.2 has no Get-CcVersion: the installed scripts are the CloudConnector module's version.
    { snapshot: 'healthy-1.4.2.json', evidence: [{ fact: 'ps.cloudConnectorModule', label: 'Script version (CloudConnector module)', value: '1.4.2.55' }] },
  ],
  unknown: [
    { snapshot: 'symptom-running-version-empty.json', unavailable: ['cce.runningVersion'], message: /running-version-empty/ },
  ],
});
