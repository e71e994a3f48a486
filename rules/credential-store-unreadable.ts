import { defineRule, displayLine, fail, pass, unknown, type CredentialRead, type EvidenceItem } from '../src/core/rules/api.js';
import { hitEvidence, hitSummary, reviewLogEntries, successEvidence } from './lib/log-hits.js';

export const KEY_NOT_VALID = /ConvertTo-SecureString\s*:\s*Key not valid for use in specified state/i;

/** NTE_BAD_KEY_STATE, the HResult of DPAPI's "Key not valid for use in specified state." in every display language. */
export const NTE_BAD_KEY_STATE = '0x8009000B';

/** The exception type a decryption failure throws, as the probe reports it (full name) or PowerShell's error text names it. */
const CRYPTO_TYPE = /(?:^|\.)CryptographicException$/;
const CRYPTO_IN_TEXT = /\bCryptographicException\b/;
const BAD_KEY_STATE_IN_TEXT = /\b0x8009000B\b|(?<![\d-])-2146893813(?!\d)/i;

/**
 * A CceManagementService.log entry of this failure. The documented line ("ConvertTo-SecureString : Key not
 * valid for use in specified state.") carries no HResult and no exception type, so its localized form alone
 * cannot be told apart. An entry also counts when one of its lines carries what PowerShell writes for this
 * failure in any language: ConvertTo-SecureString with CryptographicException (the error record's
 * "+ CategoryInfo : InvalidArgument: (:) [ConvertTo-SecureString], CryptographicException" line, or an
 * exception's type name) or with HResult 0x8009000B, or ConvertTo-SecureString's error id
 * ImportSecureString_InvalidArgument_CryptographicError.
 */
export const LOG_PATTERN = new RegExp(
  [
    KEY_NOT_VALID.source,
    String.raw`ConvertTo-SecureString\b.*(?:\bCryptographicException\b|\b0x8009000B\b)`,
    String.raw`\bImportSecureString_InvalidArgument_CryptographicError\b`,
  ].join('|'),
  'i',
);

/**
 * Why Get-CcCredential's failure is this symptom, or undefined: the HResult or the exception type first
 * (they do not depend on the display language), then the English message, then a type or HResult named
 * in the error text (an older snapshot, or a pasted checklist answer).
 */
export function unreadableStore(read: CredentialRead): { how: string } | undefined {
  if (read.ok) return undefined;
  if (read.hresult && read.hresult.toUpperCase() === NTE_BAD_KEY_STATE.toUpperCase()) {
    return { how: ` (HResult ${NTE_BAD_KEY_STATE}, NTE_BAD_KEY_STATE${read.errorType ? `, ${read.errorType}` : ''})` };
  }
  if (read.errorType && CRYPTO_TYPE.test(read.errorType)) return { how: ` (${read.errorType}${read.hresult ? `, HResult ${read.hresult}` : ''})` };
  const text = read.error ?? '';
  if (KEY_NOT_VALID.test(text)) return { how: '' };
  // Without the probe's type and HResult (an older snapshot, a pasted answer): as PowerShell's error text names them.
  if (!read.errorType && !read.hresult) {
    if (BAD_KEY_STATE_IN_TEXT.test(text)) return { how: ` (its error names HResult ${NTE_BAD_KEY_STATE})` };
    if (CRYPTO_IN_TEXT.test(text)) return { how: ' (its error names a CryptographicException)' };
  }
  return undefined;
}

/** "System.IO.FileNotFoundException, HResult 0x80070002", or undefined when the probe told neither. */
function exceptionOf(read: CredentialRead): string | undefined {
  const parts = [read.errorType, read.hresult ? `HResult ${read.hresult}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export default defineRule({
  id: 'credential-store-unreadable',
  title: 'Stored CCE credentials cannot be decrypted after the host account password changed',
  family: 'certificates',
  order: 40,
  severity: 'critical',
  applies: '>=1.4.2',
  symptom: 'ConvertTo-SecureString : Key not valid for use in specified state (log or Get-CcCredential; HResult 0x8009000B in any language)',
  needs: [],
  optional: ['cce.managementLogLines', 'cce.credentialRead', 'cce.credentialFile'],
  signatures: [
    { text: 'ConvertTo-SecureString : Key not valid for use in specified state.', pattern: KEY_NOT_VALID },
  ],
  check({ facts }) {
    const log = facts['cce.managementLogLines'];
    const read = facts['cce.credentialRead'];
    const file = facts['cce.credentialFile'];
    const review = log ? reviewLogEntries(log, LOG_PATTERN) : undefined;
    const fileEvidence: EvidenceItem[] = file ? credentialFileEvidence(file) : [];
    const readHit = read ? unreadableStore(read) : undefined;
    const params = file?.files[0] ? { credentialFile: `${file.directory}\\${file.files[0].name}` } : undefined;
    if (readHit || (review && review.hits.length > 0)) {
      const parts: string[] = [];
      const evidence: EvidenceItem[] = [];
      if (readHit && read) {
        parts.push(`Get-CcCredential fails with it${readHit.how}`);
        evidence.push({ fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: displayLine(read.error ?? '(no message)', 240) });
        const exception = exceptionOf(read);
        if (exception) evidence.push({ fact: 'cce.credentialRead', label: 'Exception', value: exception });
      }
      if (review && review.hits.length > 0) {
        parts.push(`CceManagementService.log has it ${hitSummary(review)}`);
        for (const e of hitEvidence(review, 'Key not valid')) evidence.push(e);
      }
      return fail(`"ConvertTo-SecureString : Key not valid for use in specified state.": ${parts.join('; ')}`, [...evidence, ...fileEvidence], params);
    }
    if (!review && !read) {
      const why = !log ? 'neither the log nor Get-CcCredential could be checked' : `${log.path} ${log.exists ? 'was not read' : 'does not exist'} and Get-CcCredential was not tried`;
      return unknown(why, ['cce.managementLog', 'cce.credentialRead']);
    }
    const evidence: EvidenceItem[] = [];
    if (read) evidence.push({ fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: read.ok ? 'read the stored credential' : `failed otherwise${exceptionOf(read) ? ` (${exceptionOf(read)})` : ''}: ${displayLine(read.error ?? '', 200)}` });
    if (review) evidence.push(successEvidence(review));
    return pass('the stored credentials can be decrypted (no "Key not valid" after the last successful report)', [...evidence, ...fileEvidence]);
  },
  remediation: [
    {
      id: 'restart-host',
      title: 'Restart the host server',
      text: 'The first step of the credential regeneration procedure, for every version.',
      command: 'Restart-Computer',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'delete-credentials',
      title: 'Delete the stored credentials file',
      text: 'The file is encrypted for the host account with its old password and cannot be read any more. It is recreated in the next step.',
      command: 'Remove-Item -LiteralPath {credentialFile}',
      params: { credentialFile: '%SystemDrive%\\ProgramData\\CloudConnector\\credentials.<CurrentUser>.xml' },
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'register-local-142',
      title: 'Re-enter the passwords (1.4.2)',
      text: 'Run Register-CcAppliance -Local in an elevated PowerShell and enter the same passwords you entered before for the deployment.',
      command: 'Register-CcAppliance -Local',
      runsOn: 'host',
      destructive: false,
      versions: '>=1.4.2 <2.0',
    },
    {
      id: 'register-local-20',
      title: 'Re-enter the passwords (2.0 and later)',
      text: 'Run Register-CcAppliance -Local and re-enter the passwords. If the cached file was made by 1.4.2, give the VMAdmin password as the CceService password; enter the same passwords as before for the other accounts.',
      command: 'Register-CcAppliance -Local',
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
    {
      id: 'set-domainadmin-20',
      title: 'If DomainAdmin had its own password: set it back (2.0 and later)',
      text: 'When prompted for the old credential enter the CceService password; for the new one, the DomainAdmin password used before. Needed when the DomainAdmin password differs from CceService (a 1.4.2 cache with different DomainAdmin and VMAdmin passwords, or changed ones on 2.0+).',
      command: 'Set-CcCredential -AccountType DomainAdmin',
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
    {
      id: 'set-vmadmin-20',
      title: 'If VmAdmin had its own password: set it back (2.0 and later)',
      text: 'When prompted for the old credential enter the CceService password; for the new one, the VmAdmin password used before. Needed only when the VmAdmin password was changed from the CceService one.',
      command: 'Set-CcCredential -AccountType VmAdmin',
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
  ],
});

function credentialFileEvidence(file: { directory: string; files: { name: string; size: number; lastWriteTime: string }[]; user: string | null; passwordLastSet: string | null }): EvidenceItem[] {
  const out: EvidenceItem[] = file.files.map((f) => ({
    fact: 'cce.credentialFile' as const,
    label: 'Stored credentials file',
    value: `${f.name}, ${f.size} bytes, written ${f.lastWriteTime}`,
    at: file.directory,
  }));
  if (file.files.length === 0) out.push({ fact: 'cce.credentialFile', label: 'Stored credentials file', value: 'none', at: file.directory });
  if (file.passwordLastSet) {
    const newest = file.files.map((f) => f.lastWriteTime).sort().pop();
    const after = newest && Date.parse(file.passwordLastSet) > Date.parse(newest);
    out.push({
      fact: 'cce.credentialFile',
      label: `Password of ${file.user ?? 'the host account'} last set`,
      value: `${file.passwordLastSet}${after ? ' (after the credentials file was written)' : ''}`,
    });
  }
  return out;
}
