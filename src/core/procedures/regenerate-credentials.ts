import { FROM_20, PRE_20, versionQuestion } from './questions.js';
import type { Procedure } from './types.js';

const CRED_FILE = '%SystemDrive%\\ProgramData\\CloudConnector\\credentials.<CurrentUser>.xml';
const DIFFERENT = { ...FROM_20, accounts: ['different'] } as const;

/** Troubleshooting issue 13: after the host account's password changed, "Key not valid for use in specified state." */
export const regenerateCredentials: Procedure = {
  id: 'regenerate-credentials',
  title: 'Regenerate credentials after a password change',
  summary: 'After the host account password changed: Register-CcAppliance -Local',
  source: 'Troubleshoot your Cloud Connector deployment, issue 13',
  questions: [
    versionQuestion('1.4.2'),
    {
      id: 'cacheFrom',
      text: 'Which version generated the cached password file?',
      hint: `The file is ${CRED_FILE}; it was written when the appliance was registered.`,
      choices: [
        { value: '1.4.2', label: 'Cloud Connector 1.4.2 (upgraded since)' },
        { value: '2.0+', label: 'Cloud Connector 2.0 or later' },
      ],
      when: FROM_20,
    },
    {
      id: 'accounts',
      text: 'Are the DomainAdmin and VmAdmin passwords the same as the CceService password?',
      hint: 'From 2.0 VmAdmin and DomainAdmin use the CceService password by default; a 1.4.2 file had its own DomainAdmin and VMAdmin passwords.',
      choices: [
        { value: 'same', label: 'The same' },
        { value: 'different', label: 'Different (they were changed)' },
      ],
      when: FROM_20,
    },
  ],
  steps: [
    {
      id: 'restart',
      title: 'Restart the host server',
      text: 'Restart the host server.',
      command: 'Restart-Computer',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'delete-file',
      title: 'Delete the stored credentials file',
      text: `All Cloud Connector credentials are stored in "${CRED_FILE}". Delete it (run as the account used for the deployment: <CurrentUser> is that account's name).`,
      command: 'Remove-Item -LiteralPath "$env:SystemDrive\\ProgramData\\CloudConnector\\credentials.$env:USERNAME.xml"',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'register-local-142',
      title: 'Re-enter the passwords: Register-CcAppliance -Local',
      text: 'Launch a PowerShell console as administrator, and then run Register-CcAppliance -Local to re-enter the passwords following the description. Enter the same passwords you entered before for the Cloud Connector deployment.',
      command: 'Register-CcAppliance -Local',
      runsOn: 'host',
      destructive: false,
      when: PRE_20,
    },
    {
      id: 'register-local',
      title: 'Re-enter the passwords: Register-CcAppliance -Local',
      text: 'Launch a PowerShell console as administrator, and then run Register-CcAppliance -Local to re-enter the passwords following the description. Enter the same password you entered before for the Cloud Connector deployment for all other accounts.',
      command: 'Register-CcAppliance -Local',
      runsOn: 'host',
      destructive: false,
      when: FROM_20,
    },
    {
      id: 'cceservice-from-vmadmin',
      title: 'When prompted for CceService, enter the VMAdmin password',
      text: 'The cached password file was generated with Cloud Connector version 1.4.2: use the VMAdmin password for the CceService password when prompted.',
      runsOn: 'operator',
      destructive: false,
      when: { ...FROM_20, cacheFrom: ['1.4.2'] },
    },
    {
      id: 'set-domainadmin',
      title: 'Set the DomainAdmin credential',
      text: 'Run Set-CcCredential -AccountType DomainAdmin. When prompted for the old account credential, enter the credential you used for the CceService password. When prompted for the new account credential, enter the password for the DomainAdmin password you used before.',
      command: 'Set-CcCredential -AccountType DomainAdmin',
      runsOn: 'host',
      destructive: false,
      when: DIFFERENT,
    },
    {
      id: 'set-vmadmin',
      title: 'Set the VmAdmin credential',
      text: 'Run Set-CcCredential -AccountType VmAdmin. When prompted for the old account credential, enter the credential you used for the CceService password. When prompted for the new account credential, enter the password for the VmAdmin password you used before.',
      command: 'Set-CcCredential -AccountType VmAdmin',
      runsOn: 'host',
      destructive: false,
      when: { ...DIFFERENT, cacheFrom: ['2.0+'] },
    },
    {
      id: 'verify',
      title: 'Verify the credentials can be read',
      text: 'Run Get-CcCredential: "ConvertTo-SecureString : Key not valid for use in specified state." must no longer appear (nor in CceManagementService.log).',
      command: 'Get-CcCredential',
      runsOn: 'host',
      destructive: false,
    },
  ],
};
