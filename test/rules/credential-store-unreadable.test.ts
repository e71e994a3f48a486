import { expect } from 'vitest';
import rule from '../../rules/credential-store-unreadable.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-credential-store-unreadable.json',
      message: '"ConvertTo-SecureString : Key not valid for use in specified state.": Get-CcCredential fails with it; CceManagementService.log has it 2 times after the last successful report (line 30112, 2026-11-18T08:29:05.020Z): lines 30113, 30116',
      evidence: [
        { fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: expect.stringMatching(/^ConvertTo-SecureString : Key not valid for use in specified state\. ⏎ At C:/) as unknown as string },
        { fact: 'cce.managementLog', label: 'Key not valid (first of 2)', at: 'line 30113', value: expect.stringContaining('2026-11-18T09:29:05.020Z') as unknown as string },
        { fact: 'cce.credentialFile', label: 'Stored credentials file', value: 'credentials.cceadmin.xml, 6144 bytes, written 2026-03-02T04:11:52.000Z', at: 'C:\\ProgramData\\CloudConnector' },
        { fact: 'cce.credentialFile', label: 'Password of cceadmin last set', value: '2026-11-18T09:02:17.000Z (after the credentials file was written)' },
      ],
      assert: (r) => {
        const ids = r.remediation.map((s) => s.id);
        expect(ids).toEqual(['restart-host', 'delete-credentials', 'register-local-20', 'set-domainadmin-20', 'set-vmadmin-20']);
        expect(r.remediation[1]!.command).toBe("Remove-Item -LiteralPath 'C:\\ProgramData\\CloudConnector\\credentials.cceadmin.xml'");
        expect(r.remediation[1]!.destructive).toBe(true);
      },
    },
    {
      snapshot: 'symptom-credential-store-unreadable-1.4.2.json',
      message: /Get-CcCredential fails with it$/,
      evidence: [{ fact: 'cce.credentialRead', value: 'ConvertTo-SecureString : Key not valid for use in specified state.' }],
      assert: (r) => expect(r.remediation.map((s) => s.id)).toEqual(['restart-host', 'delete-credentials', 'register-local-142']),
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json' }, { snapshot: 'healthy-2.0.json' }, { snapshot: 'healthy-1.4.2.json', evidence: [{ fact: 'cce.credentialRead', value: 'read the stored credential' }] }],
  notApplicable: [{ snapshot: 'edge-cert-chain-trusted-1.4.1.json' }],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['cce.managementLog', 'cce.credentialRead'] }],
});
