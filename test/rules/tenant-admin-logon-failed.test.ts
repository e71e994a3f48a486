import { expect } from 'vitest';
import rule from '../../rules/tenant-admin-logon-failed.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      // Lines 51877–51878 hold an older failure, followed by successes at 51879 and 51880; it no longer counts.
      snapshot: 'symptom-tenant-admin-logon-failed.json',
      message: 'the tenant admin logon failed 3 times after the last successful report (line 51880, 2026-11-20T00:29:05.020Z): lines 51881, 51883, 51885',
      evidence: [
        { fact: 'cce.managementLog', label: 'Logon failed (first of 3)', at: 'line 51881', value: expect.stringMatching(/^2026-11-20T01:29:05\.402Z: 2026-11-20 01:29:05\.402Z CceService Error: 0 : Unexpected exception when reporting status to online: .*Logon failed for the user admin@contoso\.onmicrosoft\.com\./) as unknown as string },
        { fact: 'cce.managementLog', label: 'Logon failed (last)', at: 'line 51885', value: expect.stringContaining('2026-11-20T02:29:05.001Z') as unknown as string },
        { fact: 'cce.managementLog', label: 'Last successful report to online', value: '2026-11-20T00:29:05.020Z', at: 'line 51880' },
      ],
      assert: (r) => expect(r.remediation[0]!.command).toBe('Set-CcCredential -AccountType TenantAdmin'),
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json', evidence: [{ label: 'Last successful report to online', value: '2026-11-20T01:59:05.470Z', at: 'line 48218' }] }, { snapshot: 'healthy-2.0.json' }, { snapshot: 'healthy-1.4.2.json' }],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', message: /CceManagementService\.log does not exist/, unavailable: ['cce.managementLog'] }],
});
