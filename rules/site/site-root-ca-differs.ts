import { defineSiteRule, siteFail, sitePass, siteUnknown, type FactId, type InternalCertInfo, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { groupBy, nameList } from '../lib/site.js';

const FACT: FactId = 'certs.internalParsed';

/** The root CA an appliance uses: its newest CA certificate (a renewed one stays next to the old). */
function rootInUse(certs: readonly InternalCertInfo[]): InternalCertInfo | undefined {
  return certs.filter((c) => c.role === 'CA').sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
}

/** A thumbprint as compared: hex digits only, upper case; undefined when the fact holds none (a checklist answer). */
function thumbprintKey(t: string): string | undefined {
  const hex = t.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{40,}$/.test(hex) ? hex : undefined;
}

export default defineSiteRule({
  id: 'site-root-ca-differs',
  title: 'The appliances of a site do not share one root CA',
  scope: 'site',
  order: 50,
  severity: 'critical',
  applies: '>=1.4.2',
  source:
    'Certificate procedure for a site with several appliances (troubleshooting page, "If certification authority certificates are compromised and there are multiple appliances in the site"): "On the first appliance, run the following cmdlet to back up the CA files to the <SiteRoot> folder." Backup-CcCertificationAuthority; "On all other appliance\'s in the same site, run the following commands to consume the CA backup files, so that the appliances all use the same root certificate, and then request new certificates." Reset-CcCACertificate / Update-CcServerCertificate / Remove-CcLegacyServerCertificate. Backup-CcCertificationAuthority saves the CA to "<SiteRootDirectory>\\CA\\SfB CCE Root.p12".',
  symptom: 'One appliance of an HA site has its own CCE root CA (it did not consume the site\'s CA backup): gateways and the other appliances do not trust its certificates',
  // The evidence names the collected fact (certs.internal) behind it, whose provenance says which snapshot file it is from.
  needs: [FACT],
  check({ site, hosts }) {
    const roots = hosts.map((h) => ({ host: h.name, root: rootInUse(h.facts[FACT].certificates) }));
    const evidence: SiteEvidenceItem[] = roots.flatMap(({ host, root }) => (root
      ? [{ host, fact: 'certs.internal' as const, label: `Root CA ${root.subject}`, value: root.thumbprint, at: 'CA' }]
      : []));
    const noRoot = roots.filter((r) => !r.root).map((r) => r.host);
    if (noRoot.length > 0) return siteUnknown(`no CCE root CA certificate was collected on ${nameList(noRoot)} (the AD VM's machine store)`, noRoot.map((host) => ({ host, fact: FACT })));
    const unreadable = roots.filter((r) => thumbprintKey(r.root!.thumbprint) === undefined).map((r) => r.host);
    if (unreadable.length > 0) return siteUnknown(`the root CA of ${nameList(unreadable)} has no thumbprint to compare (collected by the checklist?)`, unreadable.map((host) => ({ host, fact: FACT })));
    const byRoot = groupBy(roots, (r) => thumbprintKey(r.root!.thumbprint));
    if (byRoot.size === 1) {
      const root = roots[0]!.root!;
      return sitePass(`every appliance of site ${site} uses the root CA ${root.subject} (${root.thumbprint})`, evidence);
    }
    const list = [...byRoot.values()].map((rs) => `${rs[0]!.root!.subject} (${rs[0]!.root!.thumbprint}) on ${nameList(rs.map((r) => r.host))}`).join('; ');
    return siteFail(`the appliances of site ${site} use ${byRoot.size} different root CAs: ${list}`, evidence);
  },
  remediation: [
    {
      id: 'backup-ca',
      title: 'On the appliance whose root CA the site keeps, back up the CA to the site directory',
      text: 'During non-peak hours. On that appliance (the one most appliances already trust), run Enter-CcUpdate, then Backup-CcCertificationAuthority: it saves the CA to <SiteRoot>\\CA\\SfB CCE Root.p12 in the site directory every appliance shares (see site-directory-differs).',
      command: 'Backup-CcCertificationAuthority',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'consume-ca',
      title: 'On every other appliance of the site, consume the CA backup and request new certificates',
      text: 'One appliance at a time: Enter-CcUpdate; then Reset-CcCACertificate (it revokes the appliance\'s certificates and reinstalls its CA from the backup in the site directory), Update-CcServerCertificate and Remove-CcLegacyServerCertificate; then Exit-CcUpdate. Reset-CcCACertificate revokes every certificate of the appliance it runs on.',
      command: 'Enter-CcUpdate; Reset-CcCACertificate; Update-CcServerCertificate; Remove-CcLegacyServerCertificate; Exit-CcUpdate',
      runsOn: 'host',
      destructive: true,
      versions: '>=2.0',
    },
    {
      id: 'consume-ca-1.4.2',
      title: 'On every other appliance of the site, consume the CA backup and request new certificates (1.4.2)',
      text: 'One appliance at a time: Enter-CcUpdate; then Reset-CcCACertificate, Renew-CcServerCertificate and Remove-CcLegacyServerCertificate; then Exit-CcUpdate.',
      command: 'Enter-CcUpdate; Reset-CcCACertificate; Renew-CcServerCertificate; Remove-CcLegacyServerCertificate; Exit-CcUpdate',
      runsOn: 'host',
      destructive: true,
      versions: '>=1.4.2 <2.0',
    },
    {
      id: 'export-root',
      title: 'With TLS to the gateways: export the root certificate and install it on the PSTN gateways',
      text: 'If TLS is used between the gateway and the Mediation Server, run Export-CcRootCertificate from any appliance of the site and install the exported certificate on your PSTN gateways (you may also have to re-issue the gateway\'s certificate).',
      command: 'Export-CcRootCertificate -Path {folder}',
      params: { folder: 'a folder for CCERootCertificates.p7b (a directory, not a file name)' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
