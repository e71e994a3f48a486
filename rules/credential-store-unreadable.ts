import { defineRule, fail, pass, unknown } from '../src/core/rules/define.js';
import type { EvidenceItem } from '../src/core/rules/types.js';
import { displayLine } from '../src/core/text/sanitize.js';
import { hitEvidence, hitSummary, reviewLog, successEvidence } from './lib/log-hits.js';

export const KEY_NOT_VALID = /ConvertTo-SecureString\s*:\s*Key not valid for use in specified state/i;

export default defineRule({
  id: 'credential-store-unreadable',
  title: 'Stored CCE credentials cannot be decrypted after the host account password changed',
  family: 'certificates',
  severity: 'critical',
  applies: '>=1.4.2',
  symptom: 'ConvertTo-SecureString : Key not valid for use in specified state (log or Get-CcCredential)',
  needs: [],
  optional: ['cce.managementLog', 'cce.credentialRead', 'cce.credentialFile'],
  signatures: [
    { text: 'ConvertTo-SecureString : Key not valid for use in specified state.', pattern: KEY_NOT_VALID },
  ],
  check({ facts }) {
    const log = facts['cce.managementLog'];
    const read = facts['cce.credentialRead'];
    const file = facts['cce.credentialFile'];
    const review = log ? reviewLog(log, KEY_NOT_VALID) : undefined;
    const fileEvidence: EvidenceItem[] = file ? credentialFileEvidence(file) : [];
    const readHit = read && !read.ok && read.error !== null && KEY_NOT_VALID.test(read.error);
    const params = file?.files[0] ? { credentialFile: `${file.directory}\\${file.files[0].name}` } : undefined;
    if (readHit || (review && review.hits.length > 0)) {
      const parts: string[] = [];
      const evidence: EvidenceItem[] = [];
      if (readHit) {
        parts.push('Get-CcCredential fails with it');
        evidence.push({ fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: displayLine(read.error!, 240) });
      }
      if (review && review.hits.length > 0) {
        parts.push(`CceManagementService.log has it ${hitSummary(review)}`);
        evidence.push(...hitEvidence(review, 'Key not valid'));
      }
      return fail(`"ConvertTo-SecureString : Key not valid for use in specified state.": ${parts.join('; ')}`, [...evidence, ...fileEvidence], params);
    }
    if (!review && !read) {
      const why = !log ? 'neither the log nor Get-CcCredential could be checked' : `${log.path} ${log.exists ? 'was not read' : 'does not exist'} and Get-CcCredential was not tried`;
      return unknown(why, ['cce.managementLog', 'cce.credentialRead']);
    }
    const evidence: EvidenceItem[] = [];
    if (read) evidence.push({ fact: 'cce.credentialRead', label: 'Get-CcCredential -AccountType VmAdmin', value: read.ok ? 'read the stored credential' : `failed otherwise: ${displayLine(read.error ?? '', 200)}` });
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
