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
        if (!r.remediation[0]?.command?.includes("Remove-Item -LiteralPath 'C:\\Users\\cceadmin\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache' -Force")) {
          throw new Error(`remediation command not filled in: ${r.remediation[0]?.command}`);
        }
      },
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
