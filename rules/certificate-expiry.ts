import { certExpiryDays, defineRule, expiryOf, fail, pass, unknown, type EvidenceItem, type Expiry, type InternalCertInfo } from '../src/core/rules/api.js';

const ROLES = ['CA', 'CMS', 'Mediation', 'Edge'] as const;
const ROLE_NAME: Record<(typeof ROLES)[number], string> = {
  CA: 'CCE root CA', CMS: 'CMS internal certificate', Mediation: 'Mediation Server internal certificate', Edge: 'Edge internal certificate',
};

interface Reviewed {
  cert: InternalCertInfo;
  expiry: Expiry;
}

export default defineRule({
  id: 'certificate-expiry',
  title: 'The CCE root CA or an internal certificate has expired or expires soon',
  family: 'certificates',
  order: 20,
  severity: 'error',
  applies: '>=1.4.2',
  symptom: 'CA or internal certificates (CMS, Mediation, Edge) near expiry or expired',
  needs: ['certs.internalParsed'],
  check({ facts, now, options }) {
    const threshold = certExpiryDays(options);
    const reviewed: Reviewed[] = [];
    const absent: string[] = [];
    for (const role of ROLES) {
      // Renewed certificates stay next to the old ones until Remove-CcLegacyServerCertificate: the newest is in use.
      const current = facts['certs.internalParsed'].certificates
        .filter((c) => c.role === role)
        .sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
      if (!current) absent.push(ROLE_NAME[role]);
      else reviewed.push({ cert: current, expiry: expiryOf(current.notAfter, now, threshold) });
    }
    if (reviewed.length === 0) return unknown('no CCE certificate was found', ['certs.internal']);
    const evidence = reviewed.map(evidenceOf);
    const expired = reviewed.filter((r) => r.expiry.state === 'expired');
    const expiring = reviewed.filter((r) => r.expiry.state === 'expiring');
    if (expired.length + expiring.length > 0) {
      const parts = [
        ...expired.map((r) => `error: the ${ROLE_NAME[r.cert.role]} ${r.cert.subject} expired on ${r.cert.notAfter} (${-r.expiry.days} days ago)`),
        ...expiring.map((r) => `warning: the ${ROLE_NAME[r.cert.role]} ${r.cert.subject} expires on ${r.cert.notAfter} (in ${r.expiry.days} days; threshold ${threshold})`),
      ];
      const order = (r: Reviewed) => (r.expiry.state === 'expired' ? 0 : r.expiry.state === 'expiring' ? 1 : 2);
      return fail(parts.join('; '), evidence.sort((a, b) => order(reviewedOf(reviewed, a)) - order(reviewedOf(reviewed, b))));
    }
    const missing = absent.length > 0 ? `; not found: ${absent.join(', ')}` : '';
    return pass(`no CCE certificate expires within ${threshold} days${missing}`, evidence);
  },
  remediation: [
    {
      id: 'update-server-certificate',
      title: 'Internal certificates: renew them (2.0 and later)',
      text: 'Renews the CMS, Mediation Server and Edge certificates, near expiry or already expired. Run it in an elevated PowerShell on the host.',
      command: 'Update-CcServerCertificate',
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
    {
      id: 'renew-server-certificate',
      title: 'Internal certificates: renew them (1.4.2)',
      text: 'Renews the CMS, Mediation Server and Edge certificates, near expiry or already expired (renamed Update-CcServerCertificate in 2.0).',
      command: 'Renew-CcServerCertificate',
      runsOn: 'host',
      destructive: false,
      versions: '>=1.4.2 <2.0',
    },
    {
      id: 'update-ca-certificate',
      title: 'The CCE root CA: renew it (2.0 and later)',
      text: 'Creates a new root CA certificate; the AD, CMS and Edge get new certificates. With several appliances in the site run it on every one, then Export-CcRootCertificate on the first and install the root on the PSTN gateways.',
      command: 'Update-CcCACertificate',
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
    {
      id: 'renew-ca-certificate',
      title: 'The CCE root CA: renew it (1.4.2)',
      text: 'Creates a new root CA certificate (renamed Update-CcCACertificate in 2.0). With several appliances in the site run it on every one.',
      command: 'Renew-CcCACertificate',
      runsOn: 'host',
      destructive: false,
      versions: '>=1.4.2 <2.0',
    },
    {
      id: 'remove-legacy',
      title: 'Remove the old server certificates',
      text: 'After renewing, remove the legacy server certificates from the CMS, Mediation Server and Edge.',
      command: 'Remove-CcLegacyServerCertificate',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'ca-compromised',
      title: 'If the CA is compromised: follow the ca-compromised procedure',
      text: 'Enter-CcUpdate, Reset-CcCACertificate, renew the server certificates, Remove-CcLegacyServerCertificate, export the root to TLS gateways, Exit-CcUpdate; several appliances in a site follow the multi-appliance order.',
      runsOn: 'operator',
      destructive: true,
    },
  ],
});

function evidenceOf(r: Reviewed): EvidenceItem {
  const state = r.expiry.state === 'expired' ? `expired ${-r.expiry.days} days ago` : r.expiry.state === 'expiring' ? `expires in ${r.expiry.days} days` : `valid for ${r.expiry.days} more days`;
  return {
    fact: 'certs.internal',
    label: ROLE_NAME[r.cert.role],
    value: `${r.cert.subject}, NotAfter ${r.cert.notAfter}, thumbprint ${r.cert.thumbprint}`,
    at: `${r.expiry.state === 'expired' ? 'error' : r.expiry.state === 'expiring' ? 'warning' : 'ok'}: ${state}`,
  };
}

function reviewedOf(all: Reviewed[], e: EvidenceItem): Reviewed {
  return all.find((r) => ROLE_NAME[r.cert.role] === e.label)!;
}
