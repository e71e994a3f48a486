import type { BranchQuestion } from './types.js';

/** The site's size: a single appliance has no other instance to take the calls. */
export const APPLIANCES: BranchQuestion = {
  id: 'appliances',
  text: 'How many appliances are in the site?',
  hint: 'Get-CsHybridPSTNAppliance in tenant remote PowerShell lists the site\'s registered appliances.',
  choices: [
    { value: 'single', label: 'One appliance' },
    { value: 'several', label: 'Several appliances (high availability)' },
  ],
};

export const TLS: BranchQuestion = {
  id: 'tls',
  text: 'Is TLS used between the gateway and the Mediation Server?',
  hint: 'If it is, the PSTN gateways must trust the new root certificate.',
  choices: [
    { value: 'yes', label: 'Yes, TLS' },
    { value: 'no', label: 'No' },
  ],
};

/**
 * CCE 2.0 renamed Renew-CcServerCertificate / Renew-CcCACertificate to Update-CcServerCertificate /
 * Update-CcCACertificate; the values are the same for every procedure, only the label of the older branch differs.
 */
export function versionQuestion(olderLabel: string): BranchQuestion {
  return {
    id: 'version',
    text: 'Which CCE version?',
    hint: 'Get-CcVersion on the host prints it (2.0 and later).',
    choices: [
      { value: 'pre-2.0', label: olderLabel },
      { value: '2.0+', label: '2.0 or later' },
    ],
    fromVersion: true,
  };
}

export const PRE_20 = { version: ['pre-2.0'] } as const;
export const FROM_20 = { version: ['2.0+'] } as const;
export const SINGLE = { appliances: ['single'] } as const;
export const SEVERAL = { appliances: ['several'] } as const;
