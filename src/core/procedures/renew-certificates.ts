import { FROM_20, PRE_20, TLS, versionQuestion } from './questions.js';
import type { Procedure } from './types.js';

const CA = { target: ['ca', 'both'] } as const;
const SERVER = { target: ['server', 'both'] } as const;

/** Troubleshooting issue 11: certificates near expiration (not compromised). */
export const renewCertificates: Procedure = {
  id: 'renew-certificates',
  title: 'Renew certificates before they expire',
  summary: 'Renew internal certificates (2 years) or the CA (5 years) before expiry',
  source: 'Troubleshoot your Cloud Connector deployment, issue 11; Cloud Connector cmdlet reference',
  questions: [
    versionQuestion('1.4.2'),
    {
      id: 'target',
      text: 'Which certificates are near expiration?',
      hint: 'ccdoctor\'s certificate-expiry finding names them: the CA is valid five years, the CMS, Mediation and Edge certificates two.',
      choices: [
        { value: 'server', label: 'Internal certificates (CMS, Mediation Server, Edge Server)' },
        { value: 'ca', label: 'The certification authority certificate' },
        { value: 'both', label: 'Both' },
      ],
    },
    { ...TLS, when: CA },
  ],
  steps: [
    {
      id: 'renew-ca',
      title: 'Renew the CA certificate (1.4.2)',
      text: 'If certification authority certificates are near expiration, run the Renew-CcCACertificate cmdlet (CCE 1.4.2).',
      command: 'Renew-CcCACertificate',
      runsOn: 'host',
      destructive: false,
      when: { ...PRE_20, ...CA },
    },
    {
      id: 'update-ca',
      title: 'Renew the CA certificate (2.0 and later)',
      text: 'In Cloud Connector version 2.0 and later, Renew-CcCACertificate has changed to Update-CcCACertificate.',
      command: 'Update-CcCACertificate',
      runsOn: 'host',
      destructive: false,
      when: { ...FROM_20, ...CA },
    },
    {
      id: 'renew-server',
      title: 'Renew the internal certificates (1.4.2)',
      text: 'If internal certificates issued to the Central Management Store, Mediation Server, and Edge Server are near expiration, run Renew-CcServerCertificate.',
      command: 'Renew-CcServerCertificate',
      runsOn: 'host',
      destructive: false,
      when: { ...PRE_20, ...SERVER },
    },
    {
      id: 'update-server',
      title: 'Renew the internal certificates (2.0 and later)',
      text: 'In Cloud Connector version 2.0 and later, Renew-CcServerCertificate has changed to Update-CcServerCertificate.',
      command: 'Update-CcServerCertificate',
      runsOn: 'host',
      destructive: false,
      when: { ...FROM_20, ...SERVER },
    },
    {
      id: 'remove-legacy',
      title: 'Remove the legacy server certificates',
      text: 'Removes legacy server certificates on the CMS, Mediation Server, and Edge Server after you renew the CA or the server certificates.',
      command: 'Remove-CcLegacyServerCertificate',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'export-root',
      title: 'Export the new root certificate for the gateways',
      text: 'TLS is used between the gateway and the Mediation Server: as after a CA reset, run Export-CcRootCertificate and install the exported certificate to your PSTN gateways.',
      command: 'Export-CcRootCertificate',
      runsOn: 'host',
      destructive: false,
      when: { ...CA, tls: ['yes'] },
    },
    {
      id: 'gateways',
      title: 'Install the exported root on the PSTN gateways',
      text: 'Install the exported certificate to your PSTN gateways. You may also be required to re-issue the certificate on your gateway.',
      runsOn: 'gateway',
      destructive: false,
      when: { ...CA, tls: ['yes'] },
    },
    {
      id: 'verify',
      title: 'Verify the new expiry dates',
      text: 'Run ccdoctor check on the host: certificate-expiry passes when no certificate is within the warning window.',
      runsOn: 'host',
      destructive: false,
    },
  ],
};
