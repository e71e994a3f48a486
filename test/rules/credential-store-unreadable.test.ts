import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule, { LOG_PATTERN } from '../../rules/credential-store-unreadable.js';
import { readManagementLog } from '../../src/facts/logs.js';
import { checkSnapshot } from '../helpers/check.js';
import { ruleTester, SNAPSHOTS } from '../helpers/rule-tester.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

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

// Get-CcCredential's failure as the probe reports it on hosts whose messages are not in English: the
// exception type and HResult tell the unreadable store apart whatever the language of the message.
const CRYPTO = 'System.Security.Cryptography.CryptographicException';
const DE = 'ConvertTo-SecureString : Schlüssel ist im angegebenen Status nicht gültig.';
// The wording of the zh-TW troubleshooting page (machine translated); a zh-TW host's own text may differ: it does not matter.
const ZH_TW = 'ConvertTo-SecureString：機碼無法使用於指定的狀態';

/** The 1.4.2 symptom snapshot (its log has no hit) with cce.credentialRead replaced, checked end to end (schema included). */
async function withCredentialRead(value: Record<string, unknown>) {
  const snap = readSnapshotJson(join(SNAPSHOTS, 'symptom-credential-store-unreadable-1.4.2.json')) as unknown as { facts: Record<string, { value: unknown }> };
  snap.facts['cce.credentialRead']!.value = value;
  const file = join(mkdtempSync(join(tmpdir(), 'ccdoctor-cred-')), 'host.json');
  writeFileSync(file, JSON.stringify(snap));
  return (await checkSnapshot(file, { rules: [rule] })).results[0]!;
}

describe('credential-store-unreadable: the HResult and exception type, in any language', () => {
  it('de-DE message with HResult 0x8009000B (CryptographicException): fail', async () => {
    const r = await withCredentialRead({ ok: false, error: DE, errorType: CRYPTO, hresult: '0x8009000B' });
    expect(r.status).toBe('fail');
    expect(r.message).toBe(`"ConvertTo-SecureString : Key not valid for use in specified state.": Get-CcCredential fails with it (HResult 0x8009000B, NTE_BAD_KEY_STATE, ${CRYPTO})`);
    expect(r.evidence).toContainEqual(expect.objectContaining({ fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: DE }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ fact: 'cce.credentialRead', label: 'Exception', value: `${CRYPTO}, HResult 0x8009000B` }));
    expect(r.remediation.map((s) => s.id)).toEqual(['restart-host', 'delete-credentials', 'register-local-142']);
  });

  it('zh-TW message with HResult 0x8009000B only (the type wrapped away): fail', async () => {
    const r = await withCredentialRead({ ok: false, error: ZH_TW, errorType: null, hresult: '0x8009000b' });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/Get-CcCredential fails with it \(HResult 0x8009000B, NTE_BAD_KEY_STATE\)$/);
  });

  it('a CryptographicException with another HResult, message in German: fail, naming the type', async () => {
    const r = await withCredentialRead({ ok: false, error: 'ConvertTo-SecureString : Ungültige Daten.', errorType: CRYPTO, hresult: '0x80090005' });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(new RegExp(`fails with it \\(${CRYPTO.replace(/\./g, '\\.')}, HResult 0x80090005\\)$`));
  });

  it('English message without type or HResult (a snapshot from before they were collected): still fail', async () => {
    const r = await withCredentialRead({ ok: false, error: 'ConvertTo-SecureString : Key not valid for use in specified state.' });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/Get-CcCredential fails with it$/);
  });

  it('a German error pasted whole (older snapshot or checklist): the CryptographicException of its CategoryInfo line counts', async () => {
    const pasted = `${DE}\r\nIn Zeile:1 Zeichen:1\r\n+ Get-CcCredential -AccountType VmAdmin\r\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : NotSpecified: (:) [Get-CcCredential], CryptographicException\r\n    + FullyQualifiedErrorId : System.Security.Cryptography.CryptographicException,Get-CcCredential`;
    const r = await withCredentialRead({ ok: false, error: pasted });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/\(its error names a CryptographicException\)$/);
  });

  it('another error (file not found, HResult 0x80070002) is not this failure', async () => {
    const r = await withCredentialRead({ ok: false, error: 'Get-CcCredential : Die Datei "C:\\ProgramData\\CloudConnector\\credentials.cceadmin.xml" wurde nicht gefunden.', errorType: 'System.IO.FileNotFoundException', hresult: '0x80070002' });
    expect(r.status).toBe('pass');
    expect(r.evidence).toContainEqual(expect.objectContaining({
      fact: 'cce.credentialRead',
      value: expect.stringMatching(/^failed otherwise \(System\.IO\.FileNotFoundException, HResult 0x80070002\): Get-CcCredential : Die Datei/) as unknown as string,
    }));
  });

  it('an HResult that is not 0x%08X is refused when the snapshot is read', async () => {
    await expect(withCredentialRead({ ok: false, error: DE, hresult: '8009000B' })).rejects.toThrow(/facts\["cce\.credentialRead"\]\.value\.hresult: expected an HResult as 0x followed by 8 hex digits/);
  });
});

describe('credential-store-unreadable: the management log', () => {
  it('matches the documented English line, and a line that carries the exception type or HResult with ConvertTo-SecureString', () => {
    expect(LOG_PATTERN.test('CceService Error: 0 : ConvertTo-SecureString : Key not valid for use in specified state.')).toBe(true);
    expect(LOG_PATTERN.test(`CceService Error: 0 : ConvertTo-SecureString : Schlüssel ist im angegebenen Status nicht gültig. ${CRYPTO}`)).toBe(true);
    expect(LOG_PATTERN.test('CceService Error: 0 : ConvertTo-SecureString : 0x8009000B')).toBe(true);
    // The documented line carries neither: a localized message alone cannot be told apart.
    expect(LOG_PATTERN.test(`CceService Error: 0 : ${DE}`)).toBe(false);
    // A crypto error elsewhere (a certificate) is not this symptom.
    expect(LOG_PATTERN.test(`CceService Error: 0 : Import-PfxCertificate : ${CRYPTO}: Falsches Kennwort.`)).toBe(false);
  });

  it('a German host: the error record lines of an entry name the failure; each entry counts once, at its message line', () => {
    const text = [
      '2026-11-18 08:29:05.020Z CceService Information: 0 : Reported status to online successfully.',
      `2026-11-18 09:29:05.020Z CceService Error: 0 : Failed to read credentials: ${DE}`,
      '   + CategoryInfo          : InvalidArgument: (:) [ConvertTo-SecureString], CryptographicException',
      '   + FullyQualifiedErrorId : ImportSecureString_InvalidArgument_CryptographicError,Microsoft.PowerShell.Commands.ConvertToSecureStringCommand',
      `2026-11-18 10:29:05.020Z CceService Error: 0 : Failed to read credentials: ${DE}`,
      '   + FullyQualifiedErrorId : ImportSecureString_InvalidArgument_CryptographicError,Microsoft.PowerShell.Commands.ConvertToSecureStringCommand',
      `2026-11-18 11:29:05.020Z CceService Error: 0 : Failed to read credentials: ${DE}`,
      '',
    ].join('\r\n');
    const log = { path: 'C:\\x\\CceManagementService.log', exists: true, size: text.length, lastWriteTime: null, excerpt: { startByte: 0, startLine: 100, text } };
    const r = rule.check({ facts: { 'cce.managementLogLines': readManagementLog(log) }, version: undefined, now: new Date('2026-11-20T00:00:00Z'), options: {} });
    expect(r.outcome).toBe('fail');
    // The third entry is the message alone: in German, with nothing else, it cannot be told apart.
    expect(r.message).toMatch(/CceManagementService\.log has it 2 times after the last successful report \(line 100, 2026-11-18T08:29:05\.020Z\): lines 101, 104$/);
    expect(r.evidence).toContainEqual(expect.objectContaining({ fact: 'cce.managementLog', at: 'line 101', value: expect.stringContaining('Schlüssel ist im angegebenen Status nicht gültig') as unknown as string }));
  });
});
