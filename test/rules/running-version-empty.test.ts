import { expect } from 'vitest';
import rule from '../../rules/running-version-empty.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-running-version-empty.json',
      message: /Get-CcRunningVersion is empty while 4 appliance VM\(s\) exist; the module\.ini files .* differ in 2 key\(s\)/,
      evidence: [
        { fact: 'cce.runningVersion', value: '(empty)' },
        { fact: 'hyperv.vms', label: 'Deployed appliance VMs', value: 'AD01, CMS01, MS01, EDGE01' },
        { fact: 'file.moduleIni.programData', label: 'module.ini [Version] RunningVersion', value: '%ProgramData%: (empty); %UserProfile%: 1.3.8.12' },
        { fact: 'file.moduleIni.programData', label: 'module.ini [Version] BackupVersion', value: '%ProgramData%: (empty); %UserProfile%: 1.3.4.3' },
      ],
      assert: (r) => {
        // module.ini lost the running version; the installed version comes from the CloudConnector module.
        expect(r.versionNote).toBeUndefined();
        expect(r.remediation[0]).toMatchObject({ id: 'delete-programdata-module-ini', destructive: true, command: "Remove-Item -LiteralPath 'C:\\ProgramData\\CloudConnector\\module.ini'" });
      },
    },
    {
      snapshot: 'symptom-module-ini-differs.json',
      message: /differ in 2 key\(s\)/,
      evidence: [{ label: 'module.ini [Version] RunningVersion', value: '%ProgramData%: 1.4.2.55; %UserProfile%: 1.3.8.12' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'Get-CcRunningVersion returns 2.1.0.372' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['hyperv.vms'] }],
});
