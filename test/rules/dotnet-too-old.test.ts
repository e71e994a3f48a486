import rule from '../../rules/dotnet-too-old.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-dotnet-too-old.json',
      message: /needs \.NET Framework 4\.6\.1 or later/,
      evidence: [{ fact: 'dotnet.release', label: 'Installed .NET Framework', value: '.NET Framework 4.5.2 (Release 379893)' }],
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json', evidence: [{ value: '.NET Framework 4.6.1 (Release 394271)' }] }],
  notApplicable: [{ snapshot: 'healthy-2.0.json' }, { snapshot: 'healthy-1.4.2.json' }],
});
