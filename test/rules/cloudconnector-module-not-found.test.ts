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
        const machine = r.remediation[1]!.command!;
        expect(machine).toBe(
          "$envKey = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'; $dir = 'C:\\Program Files\\WindowsPowerShell\\Modules'; "
          + "$current = (Get-Item -LiteralPath $envKey).GetValue('PSModulePath', '', 'DoNotExpandEnvironmentNames'); "
          + "if (-not $current) { $current = '%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules' }; "
          + "if (@($current -split ';' | Where-Object { [Environment]::ExpandEnvironmentVariables($_).TrimEnd('\\') -eq $dir.TrimEnd('\\') }).Count -eq 0) "
          + "{ Set-ItemProperty -LiteralPath $envKey -Name PSModulePath -Value ($current.TrimEnd(';') + ';' + $dir) -Type ExpandString }",
        );
        // Never the REG_SZ write that stops %SystemRoot% entries expanding machine-wide.
        expect(machine).not.toMatch(/SetEnvironmentVariable/i);
        expect(machine).not.toMatch(/'Machine'/i);
        for (const step of r.remediation) expect(step.command ?? '').not.toMatch(/SetEnvironmentVariable\([^)]*Machine/i);
        expect(r.remediation[1]!.text).toMatch(/REG_EXPAND_SZ \(ExpandString\)/);
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
