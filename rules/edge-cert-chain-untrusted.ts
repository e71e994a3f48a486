import { buildChain, compareVersions, defineRule, describeCert, fail, pass, pickLeaf, thumbprint, uniqueCerts, unknown, type CertInfo, type EvidenceItem, type RoleServices, type Version, type X509Certificate } from '../src/core/rules/api.js';
import { vmLabel } from './lib/vm-services.js';

const V142: Version = [1, 4, 2];

interface MissingLink {
  /** issuer: a CA known only by name (root or intermediate cannot be told). */
  kind: 'root' | 'intermediate' | 'issuer';
  subject: string;
  issuer: string | null;
  thumbprint: string | null;
  where: string;
}

export default defineRule({
  id: 'edge-cert-chain-untrusted',
  title: "The Edge cannot build the external certificate's chain to a trusted root",
  family: 'certificates',
  order: 10,
  severity: 'critical',
  applies: 'all',
  symptom: 'An Edge service (RTCMRAUTH, RTCSRV) does not start: the root or an intermediate CA of the external certificate is not trusted',
  needs: ['certs.externalParsed'],
  optional: ['certs.edgeStoresParsed', 'vm.services'],
  signatures: [
    { text: 'Service RTCMRAUTH failed to start. Check to make sure the service is not disabled.', pattern: /Service\s+RTCMRAUTH\s+failed to start\.?\s*Check to make sure the service is not disabled/i },
    { text: 'Service RTCSRV failed to start. Check to make sure the service is not disabled.', pattern: /Service\s+RTCSRV\s+failed to start\.?\s*Check to make sure the service is not disabled/i },
  ],
  check({ facts, version, now }) {
    const file = facts['certs.externalParsed'];
    const stores = facts['certs.edgeStoresParsed'];
    if (!file.exists) return unknown(`the external certificate file ${file.path ?? '(no path set: Get-CcExternalCertificateFilePath printed nothing)'} does not exist`, ['certs.external']);
    const fileCerts = uniqueCerts(file.certificates);
    const leaf = pickLeaf(fileCerts);
    if (!leaf) return unknown(`the external certificate file ${file.path} holds no certificate`, ['certs.external']);
    // Before 1.4.2 the Edge's own stores must hold the chain; from 1.4.2 on the file must carry it.
    const inFile = !version || compareVersions(version, V142) >= 0;
    const versionNote = version ? '' : ' (the CCE version is unknown: checked as for 1.4.2 and later, where the file must carry the chain)';
    if (!inFile && !stores) return unknown("before CCE 1.4.2 the chain must be in the Edge's certificate stores, which were not collected", ['certs.edgeStores']);
    const storeRoot = stores?.root ?? [];
    const storeCa = stores?.ca ?? [];
    const chain = buildChain(leaf, uniqueCerts([...fileCerts, ...storeCa, ...storeRoot]));
    const has = (list: X509Certificate[]) => { const t = new Set(list.map(thumbprint)); return (c: X509Certificate) => t.has(thumbprint(c)); };
    const inFileSet = has(fileCerts);
    const inRoot = has(storeRoot);
    const inCaOrRoot = has([...storeCa, ...storeRoot]);
    const edge = stores?.vmName ? vmLabel('Edge', stores.vmName) : 'Edge VM';
    const missing: MissingLink[] = [];
    for (const c of chain.path.slice(1)) {
      const info = describeCert(c);
      const kind = info.selfSigned ? 'root' : 'intermediate';
      if (inFile) {
        if (!inFileSet(c)) missing.push(link(kind, info, `not in the certificate file (found in the ${edge}'s stores)`));
      } else if (kind === 'root' ? !inRoot(c) : !inCaOrRoot(c)) {
        missing.push(link(kind, info, kind === 'root' ? `not in the ${edge}'s Trusted Root Certification Authorities store` : `not in the ${edge}'s Intermediate Certification Authorities store`));
      }
    }
    if (chain.gap) {
      const impostors = chain.gap.sameNameNotSigner.map((c) => `a certificate with that name (thumbprint ${c.thumbprint}) is present but did not sign ${chain.gap!.issuedTo.subject}`);
      missing.push({
        kind: 'issuer',
        subject: chain.gap.missingSubject,
        issuer: null,
        thumbprint: null,
        where: [`issuer of ${chain.gap.issuedTo.subject} (thumbprint ${chain.gap.issuedTo.thumbprint}); in neither the certificate file nor the ${edge}'s stores`, ...impostors].join('; '),
      });
    }
    // A link outside its validity period breaks the chain as surely as a missing one.
    const outOfDate = chain.path.map(describeCert).filter((c) => Date.parse(c.notAfter) < now.getTime() || Date.parse(c.notBefore) > now.getTime());
    const leafInfo = describeCert(leaf);
    const evidence: EvidenceItem[] = [
      { fact: 'certs.external', label: 'External certificate', value: `${leafInfo.subject}, issued by ${leafInfo.issuer}, thumbprint ${leafInfo.thumbprint}`, at: file.path ?? undefined },
    ];
    if (missing.length === 0 && outOfDate.length === 0) {
      const path = chain.path.map((c) => windowsSubject(c)).join(' → ');
      const where = inFile ? 'inside the certificate file' : `trusted by the ${edge}`;
      evidence.push({ fact: inFile ? 'certs.external' : 'certs.edgeStores', label: 'Chain', value: path, at: where });
      return pass(`the chain ${path} is complete and ${where}${versionNote}`, evidence);
    }
    for (const m of missing) {
      evidence.push({
        fact: m.where.startsWith('not in the certificate file') || !stores ? 'certs.external' : 'certs.edgeStores',
        label: `Missing ${m.kind === 'root' ? 'root CA' : m.kind === 'intermediate' ? 'intermediate CA' : 'issuing CA'}`,
        value: `subject ${m.subject}; issuer ${m.issuer ?? 'unknown'}; thumbprint ${m.thumbprint ?? 'unknown'}`,
        at: m.where,
      });
    }
    for (const c of outOfDate) {
      const expired = Date.parse(c.notAfter) < now.getTime();
      evidence.push({
        fact: 'certs.external',
        label: expired ? 'Expired certificate in the chain' : 'Certificate in the chain not yet valid',
        value: `subject ${c.subject}; issuer ${c.issuer}; thumbprint ${c.thumbprint}`,
        at: expired ? `NotAfter ${c.notAfter}` : `NotBefore ${c.notBefore}`,
      });
    }
    for (const s of edgeServiceStates(facts['vm.services'])) evidence.push(s);
    const problems = [
      ...missing.map((m) => `${m.subject}${m.thumbprint ? ` (thumbprint ${m.thumbprint})` : ''}: ${m.where}`),
      ...outOfDate.map((c) => `${c.subject} (thumbprint ${c.thumbprint}) ${Date.parse(c.notAfter) < now.getTime() ? `expired on ${c.notAfter}` : `is not valid before ${c.notBefore}`}`),
    ].join('; ');
    const goal = missing.length === 0 ? 'the chain is not valid now' : inFile ? 'the certificate file does not carry its whole chain' : 'the Edge does not trust its whole chain';
    return fail(`${goal} for ${leafInfo.subject}: ${problems}${versionNote}`, evidence);
  },
  remediation: [
    {
      id: 'rebuild-pfx',
      title: '1.4.2 and later: put the whole chain in the certificate file',
      text: 'Export the external certificate again as a .pfx with its private key and "Include all certificates in the certification path", then set it with the -Import switch so the deployed appliance takes it.',
      command: 'Set-CcExternalCertificateFilePath -Target EdgeServer -Path {pfxPath} -Import',
      params: { pfxPath: 'the new .pfx file with the full chain' },
      runsOn: 'host',
      destructive: false,
      versions: '>=1.4.2',
    },
    {
      id: 'import-root',
      title: 'Before 1.4.2: import the root CA into the Edge',
      text: 'In the Edge VM import the root CA certificate of the external certificate into Trusted Root Certification Authorities (the evidence names it, with its thumbprint).',
      command: "Import-Certificate -FilePath {rootCertPath} -CertStoreLocation 'Cert:\\LocalMachine\\Root'",
      params: { rootCertPath: 'the root CA certificate (.cer) copied into the Edge VM' },
      runsOn: 'vm:Edge',
      destructive: false,
      versions: '<1.4.2',
    },
    {
      id: 'import-intermediates',
      title: 'Before 1.4.2: import every intermediate CA into the Edge',
      text: 'Import each intermediate CA certificate named in the evidence into Intermediate Certification Authorities; run the command once per certificate.',
      command: "Import-Certificate -FilePath {intermediateCertPath} -CertStoreLocation 'Cert:\\LocalMachine\\CA'",
      params: { intermediateCertPath: 'an intermediate CA certificate (.cer) copied into the Edge VM' },
      runsOn: 'vm:Edge',
      destructive: false,
      versions: '<1.4.2',
    },
    {
      id: 'restart-edge',
      title: 'Restart the Edge and check RTCMRAUTH and RTCSRV run',
      text: 'Restart the Edge server. When it is back, Get-Service RTCMRAUTH, RTCSRV in the Edge VM must show both Running.',
      command: 'Restart-Computer',
      runsOn: 'vm:Edge',
      destructive: true,
    },
    {
      id: 'switch-version',
      title: 'Switch to the new deployment',
      text: 'Back on the host, in an elevated PowerShell, switch to the new deployment. If this server had been failed over (computer fail over), fail it back.',
      command: 'Switch-CcVersion',
      runsOn: 'host',
      destructive: false,
    },
  ],
});

function link(kind: 'root' | 'intermediate', info: CertInfo, where: string): MissingLink {
  return { kind, subject: info.subject, issuer: info.issuer, thumbprint: info.thumbprint, where };
}

function windowsSubject(c: X509Certificate): string {
  return describeCert(c).subject;
}

function edgeServiceStates(services: { roles: RoleServices[] } | undefined): EvidenceItem[] {
  const edge = services?.roles.find((r) => r.role === 'Edge');
  if (!edge?.reachable) return [];
  return edge.services
    .filter((s) => s.name === 'RTCMRAUTH' || s.name === 'RTCSRV')
    .map((s) => ({ fact: 'vm.services' as const, label: `${s.name} on the ${vmLabel('Edge', edge.vmName)}`, value: s.startType ? `${s.status} (startup ${s.startType})` : s.status, at: 'Edge' }));
}
