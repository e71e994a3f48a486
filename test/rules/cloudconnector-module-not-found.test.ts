import rule from '../../rules/cloudconnector-module-not-found.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { expect } from 'vitest';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-cloudconnector-module-not-found.json',
      message: /no PSModulePath scope \(Process, User, Machine\) holds C:\\Program Files\\WindowsPowerShell\\Modules/,
      evidence: [
        { fact: 'ps.modulePath', label: 'PSModulePath (machine)', at: 'lacks C:\\Program Files\\WindowsPowerShell\\Modules' },
        { fact: 'ps.modulePath', label: 'PSModulePath (user)', value: '(not set)' },
      ],
      assert: (r) => {
        expect(r.remediation.map((s) => s.id)).toEqual(['session-path', 'machine-path', 'reinstall-msi']);
        expect(r.remediation[0]!.command).toBe("$env:PSModulePath = $env:PSModulePath + ';' + 'C:\\Program Files\\WindowsPowerShell\\Modules'");
        expect(r.remediation[1]!.command).toContain('[Environment]::SetEnvironmentVariable(');
        expect(r.remediation[1]!.command).toContain('DoNotExpandEnvironmentNames');
      },
    },
    {
      snapshot: 'symptom-cloudconnector-module-missing.json',
      message: /does not exist/,
      evidence: [{ fact: 'ps.cloudConnectorModule', value: 'C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector (absent)' }],
    },
  ],
  pass: [
    // The Machine value holds %ProgramFiles%\WindowsPowerShell\Modules unexpanded: expanded with host.env it matches.
    { snapshot: 'healthy-2.1.json', message: /process, machine/, evidence: [{ label: 'PSModulePath (machine)', at: 'holds C:\\Program Files\\WindowsPowerShell\\Modules' }] },
  ],
  unknown: [{ snapshot: 'partial-2.1.json', unavailable: ['ps.cloudConnectorModule', 'ps.modulePath'] }],
});
