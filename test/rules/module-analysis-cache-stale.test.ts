import rule from '../../rules/module-analysis-cache-stale.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-module-analysis-cache-stale.json',
      evidence: [
        { fact: 'ps.moduleAnalysisCache', label: 'ModuleAnalysisCache', value: expectContaining('written 2026-07-30T11:45:02.000Z') },
        { fact: 'ps.cloudConnectorModule', value: '2026-09-14T09:20:31.000Z' },
      ],
      assert: (r) => {
        const step = r.remediation[0]!;
        // Deleted by a separate powershell.exe whose own cache is pointed away, so it cannot write the file back.
        expect(step.command).toBe(
          "$saved = $env:PSModuleAnalysisCachePath; $env:PSModuleAnalysisCachePath = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ccdoctor-ModuleAnalysisCache'); "
          + "powershell.exe -NoProfile -NonInteractive -Command { Remove-Item -LiteralPath 'C:\\Users\\cceadmin\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache' -Force }; "
          + '$env:PSModuleAnalysisCachePath = $saved',
        );
        expect(step.text).toMatch(/^Close every other PowerShell window first: an open PowerShell writes its cache back/);
        expect(step.text).toMatch(/Then close this window too, open a new elevated PowerShell/);
      },
    },
    {
      // Written after the cabinet's file times but before the module was installed: still stale.
      snapshot: 'symptom-stale-cmdlets-msi-times.json',
      evidence: [
        { fact: 'ps.moduleAnalysisCache', label: 'ModuleAnalysisCache', value: expectContaining('written 2026-09-05T10:00:00.000Z') },
        { fact: 'ps.cloudConnectorModule', label: 'CloudConnector module installed', value: '2026-09-14T09:20:31.000Z' },
      ],
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json' }, { snapshot: 'healthy-1.4.2.json' }],
  notApplicable: [{ snapshot: 'symptom-cloudconnector-module-missing.json', message: /not installed/ }],
  unknown: [{ snapshot: 'partial-2.1.json', unavailable: ['ps.moduleAnalysisCache', 'ps.cloudConnectorModule'] }],
});

function expectContaining(s: string): string {
  return expect.stringContaining(s) as unknown as string;
}
import { expect } from 'vitest';
