import { expect } from 'vitest';
import rule from '../../rules/stale-cmdlets-after-update.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-stale-cmdlets-after-update.json',
      message: /1 PowerShell process\(es\) started before the module was updated .*: powershell 4812/,
      evidence: [
        { fact: 'ps.processes', label: 'powershell (PID 4812)', value: 'started 2026-09-01T07:12:55.000Z' },
        { fact: 'ps.cloudConnectorModule', label: 'CloudConnector module last updated', value: '2026-09-14T09:20:31.000Z' },
      ],
      assert: (r) => {
        expect(r.evidence.some((e) => e.label.includes('5124'))).toBe(false);
        expect(r.remediation.map((s) => s.command)).toContain('Import-Module CloudConnector -Force');
      },
    },
    {
      // The module's files keep the MSI cabinet's write times: what counts is when they arrived.
      snapshot: 'symptom-stale-cmdlets-msi-times.json',
      message: /1 PowerShell process\(es\) started before the module was updated .*: powershell 4812/,
      evidence: [{ fact: 'ps.cloudConnectorModule', label: 'CloudConnector module installed', value: '2026-09-14T09:20:31.000Z' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'every open PowerShell process started after the module update' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
  ],
  notApplicable: [{ snapshot: 'symptom-cloudconnector-module-missing.json', message: /not installed/ }],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['ps.processes'] }],
});
