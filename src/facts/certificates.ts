import { readFileSync } from 'node:fs';
import * as z from '../core/schema.js';
import type { X509Certificate } from 'node:crypto';
import { defineFact, interpretFact } from '../core/facts/types.js';
import { psQuote } from '../core/powershell/quote.js';
import { describeCert, isPemCertificate, parsePem, parsePemBundle } from '../core/certs/x509.js';
import { isoTime } from './shapes.js';
import { PS_IN_VM } from './vms.js';
import { PS_CLOUDCONNECTOR } from './ps-cloudconnector.js';

/** One certificate as PEM (public part only: never a private key). */
export const pemCertificate = z.string().check(z.refine(isPemCertificate, { message: 'expected one PEM certificate (-----BEGIN CERTIFICATE-----)' }));

/** PowerShell: the PEM text of an X509Certificate2 $c (its RawData). */
const PS_PEM = `function ConvertTo-CcdPem($c) {
  $b = [Convert]::ToBase64String($c.RawData)
  $lines = for ($k = 0; $k -lt $b.Length; $k += 64) { $b.Substring($k, [Math]::Min(64, $b.Length - $k)) }
  "-----BEGIN CERTIFICATE-----\`n" + ($lines -join "\`n") + "\`n-----END CERTIFICATE-----\`n"
}`;

function readPems(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const certs = parsePemBundle(text);
  if (certs.length === 0) throw new Error(`${path} holds no PEM certificate`);
  return certs.map((c) => c.toString());
}

export const certsExternal = defineFact({
  id: 'certs.external',
  title: 'External (Edge) certificate file and the chain it contains',
  schema: z.object({
    path: z.nullable(z.string()),
    exists: z.boolean(),
    /** Every certificate in the file, leaf and chain, as PEM. */
    certificates: z.array(pemCertificate),
  }),
  live: {
    // The file is a PFX protected by the ExternalCert password; only the public certificates leave the host.
    // Only the public certificates leave the probe. The private key is loaded ephemeral (never written to
    // a key container); before .NET 4.7.2, which lacks EphemeralKeySet, through PFXImportCertStore with
    // PKCS12_NO_PERSIST_KEY, so that nothing is left behind even when PowerShell is killed mid-probe.
    script: `${PS_PEM}
${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
$p = Get-CcdCcValue { Get-CcExternalCertificateFilePath -Target EdgeServer } 'Get-CcExternalCertificateFilePath -Target EdgeServer'
if (-not $p -or -not (Test-Path -LiteralPath $p -PathType Leaf)) { [pscustomobject]@{ path = $(if ($p) { $p } else { $null }); exists = $false; certificates = @() } }
else {
  $pw = (Get-CcCredential -AccountType ExternalCert -ErrorAction Stop).GetNetworkCredential().Password
  $bytes = [IO.File]::ReadAllBytes((Resolve-Path -LiteralPath $p).ProviderPath)
  $pems = @()
  if ([Enum]::GetNames([System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]) -contains 'EphemeralKeySet') {
    $col = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
    $col.Import($bytes, $pw, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'EphemeralKeySet')
    try { $pems = @($col | ForEach-Object { ConvertTo-CcdPem $_ }) } finally { foreach ($c in $col) { $c.Reset() } }
  } else {
    if (-not ('CcdPfx' -as [type])) {
      Add-Type -TypeDefinition @'
using System; using System.Runtime.InteropServices; using System.Collections.Generic;
public static class CcdPfx {
  [StructLayout(LayoutKind.Sequential)] struct Blob { public int cb; public IntPtr pb; }
  [DllImport("crypt32.dll", SetLastError = true)] static extern IntPtr PFXImportCertStore(ref Blob pfx, [MarshalAs(UnmanagedType.LPWStr)] string password, int flags);
  [DllImport("crypt32.dll", SetLastError = true)] static extern IntPtr CertEnumCertificatesInStore(IntPtr store, IntPtr prev);
  [DllImport("crypt32.dll")] static extern bool CertCloseStore(IntPtr store, int flags);
  [StructLayout(LayoutKind.Sequential)] struct CertContext { public int enc; public IntPtr pb; public int cb; public IntPtr info; public IntPtr store; }
  public static byte[][] PublicCertificates(byte[] pfx, string password) {
    var h = GCHandle.Alloc(pfx, GCHandleType.Pinned);
    try {
      var blob = new Blob { cb = pfx.Length, pb = h.AddrOfPinnedObject() };
      IntPtr store = PFXImportCertStore(ref blob, password, 0x00008000);
      if (store == IntPtr.Zero) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
      var list = new List<byte[]>();
      try {
        IntPtr ctx = IntPtr.Zero;
        while ((ctx = CertEnumCertificatesInStore(store, ctx)) != IntPtr.Zero) {
          var c = (CertContext)Marshal.PtrToStructure(ctx, typeof(CertContext));
          var raw = new byte[c.cb]; Marshal.Copy(c.pb, raw, 0, c.cb); list.Add(raw);
        }
      } finally { CertCloseStore(store, 0); }
      return list.ToArray();
    } finally { h.Free(); }
  }
}
'@
    }
    $pems = @([CcdPfx]::PublicCertificates($bytes, $pw) | ForEach-Object { ConvertTo-CcdPem (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (, $_)) })
  }
  $pw = $null
  [pscustomobject]@{ path = $p; exists = $true; certificates = $pems }
}`,
    requiresAdmin: true,
    readsSecret: 'the ExternalCert password opens the .pfx; only its public certificates are output',
  },
  checklist: {
    question: 'Path to a PEM file with the external certificate and every certificate of its chain, exported without the private key',
    help: 'Open the .pfx that Get-CcExternalCertificateFilePath names, export the certificate and its chain as Base-64 (.cer/.pem), and join them in one file.',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => ({ path: a, exists: true, certificates: readPems(a) }),
  },
});

export const certsEdgeStores = defineFact({
  id: 'certs.edgeStores',
  title: "The Edge VM's trusted root (Root) and intermediate (CA) certificate stores",
  schema: z.object({
    vmName: z.nullable(z.string()),
    root: z.array(pemCertificate),
    ca: z.array(pemCertificate),
  }),
  live: {
    script: `${PS_IN_VM}
$block = [scriptblock]::Create(${psQuote(`${PS_PEM}
[pscustomobject]@{
  root = @(Get-ChildItem -Path Cert:\\LocalMachine\\Root | ForEach-Object { ConvertTo-CcdPem $_ })
  ca = @(Get-ChildItem -Path Cert:\\LocalMachine\\CA | ForEach-Object { ConvertTo-CcdPem $_ })
}`)})
$x = Invoke-CcdInVm 'Edge' $block
if (-not $x.reachable) { throw ('Edge VM: ' + $x.message) }
[pscustomobject]@{ vmName = $x.vmName; root = @($x.data.root | Where-Object { $_ }); ca = @($x.data.ca | Where-Object { $_ }) }`,
    requiresAdmin: true,
    timeoutMs: 90_000,
  },
  checklist: {
    question: "Path to a PEM file with the certificates of the Edge VM's Trusted Root and Intermediate Certification Authorities stores",
    help: 'In the Edge VM, certlm.msc: export the certificates of both stores as Base-64 and join them in one file.',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => {
      const pems = readPems(a);
      const selfSigned = (p: string) => describeCert(parsePemBundle(p)[0]!).selfSigned;
      return { vmName: null, root: pems.filter(selfSigned), ca: pems.filter((p) => !selfSigned(p)) };
    },
  },
});

const internalCert = z.object({
  /** CA: the CCE root CA on the AD VM; the others: a server certificate it issued. */
  role: z.enum(['CA', 'CMS', 'Mediation', 'Edge']),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.optional(z.nullable(isoTime)),
  notAfter: isoTime,
  thumbprint: z.string(),
  pem: z.optional(pemCertificate),
});
export type InternalCert = z.infer<typeof internalCert>;

const ROLE_ANSWER = /^(CA|CMS|Mediation|Edge)=(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)$/i;

export const certsInternal = defineFact({
  id: 'certs.internal',
  title: 'CCE root CA and the internal certificates of CMS, Mediation and Edge',
  schema: z.object({ certificates: z.array(internalCert) }),
  live: {
    // The CA is the self-signed certificate in the AD VM's machine store; the servers' certificates are the
    // ones in their machine store issued by it (renewed ones stay until Remove-CcLegacyServerCertificate).
    // Certificates are described inside the VMs: X509Certificate2 does not survive remoting whole.
    script: `${PS_IN_VM}
$block = [scriptblock]::Create(${psQuote(`param([string]$Mode, [string[]]$Issuers)
${PS_PEM}
Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {
  if ($Mode -eq 'CA') { $_.Subject -eq $_.Issuer } else { ($Issuers -contains $_.Issuer) -and $_.Subject -ne $_.Issuer }
} | ForEach-Object {
  [pscustomobject]@{ subject = $_.Subject; issuer = $_.Issuer; notBefore = $_.NotBefore.ToUniversalTime().ToString('o'); notAfter = $_.NotAfter.ToUniversalTime().ToString('o'); thumbprint = $_.Thumbprint; pem = (ConvertTo-CcdPem $_) }
}`)})
$ca = Invoke-CcdInVm 'AD' $block @('CA', @())
if (-not $ca.reachable) { throw ('AD VM: ' + $ca.message) }
$out = @($ca.data | Where-Object { $null -ne $_ } | ForEach-Object { [pscustomobject]@{ role = 'CA'; subject = $_.subject; issuer = $_.issuer; notBefore = $_.notBefore; notAfter = $_.notAfter; thumbprint = $_.thumbprint; pem = $_.pem } })
$issuers = @($ca.data | Where-Object { $null -ne $_ } | ForEach-Object { $_.subject })
foreach ($r in @('CMS', 'Mediation', 'Edge')) {
  $x = Invoke-CcdInVm $r $block @('Server', $issuers)
  if (-not $x.reachable) { throw ($r + ' VM: ' + $x.message) }
  $out += @($x.data | Where-Object { $null -ne $_ } | ForEach-Object { [pscustomobject]@{ role = $r; subject = $_.subject; issuer = $_.issuer; notBefore = $_.notBefore; notAfter = $_.notAfter; thumbprint = $_.thumbprint; pem = $_.pem } })
}
[pscustomobject]@{ certificates = $out }`,
    requiresAdmin: true,
    timeoutMs: 120_000,
  },
  checklist: {
    question:
      'When do the CCE certificates expire? One item per certificate as Role=yyyy-mm-dd (Role: CA, CMS, Mediation, Edge), e.g. "CA=2030-01-15 CMS=2027-01-15 Mediation=2027-01-15 Edge=2027-01-15"',
    help: 'In each VM: Get-ChildItem Cert:\\LocalMachine\\My | Select-Object Subject, Issuer, NotAfter, Thumbprint',
    answer: z.string().check(z.trim(), z.refine((a) => a.split(/[\s,;]+/).filter(Boolean).every((s) => ROLE_ANSWER.test(s)), {
      message: 'each item must be Role=yyyy-mm-dd with Role CA, CMS, Mediation or Edge',
    })),
    toValue: (a: string) => ({
      certificates: a.split(/[\s,;]+/).filter(Boolean).map((s) => {
        const [, r, date] = ROLE_ANSWER.exec(s)!;
        const role = (['CA', 'CMS', 'Mediation', 'Edge'] as const).find((x) => x.toLowerCase() === r!.toLowerCase())!;
        return { role, subject: `(${role} certificate, as answered)`, issuer: '(not given)', notAfter: new Date(date!).toISOString(), thumbprint: '(not given)' };
      }),
    }),
  },
});

/** A PEM as a certificate; one that cannot be read names its place in the fact. */
function readCert(pem: string, where: string): X509Certificate {
  try {
    return parsePem(pem);
  } catch (e) {
    throw new Error(`${where} is not a readable certificate: ${(e as Error).message}`);
  }
}

const parseAll = (pems: readonly string[], where: string) => pems.map((pem, i) => readCert(pem, `${where}[${i}]`));

export interface ExternalCertificates {
  path: string | null;
  exists: boolean;
  /** Every certificate in the file, leaf and chain, in the file's order. */
  certificates: X509Certificate[];
}

export const certsExternalParsed = interpretFact(certsExternal, {
  id: 'certs.externalParsed',
  title: 'The external (Edge) certificate file, its certificates read',
  compute: (v): ExternalCertificates => ({ path: v.path, exists: v.exists, certificates: parseAll(v.certificates, 'certificates') }),
});

export interface EdgeStoreCertificates {
  vmName: string | null;
  root: X509Certificate[];
  ca: X509Certificate[];
}

export const certsEdgeStoresParsed = interpretFact(certsEdgeStores, {
  id: 'certs.edgeStoresParsed',
  title: "The Edge VM's Root and CA certificate stores, their certificates read",
  compute: (v): EdgeStoreCertificates => ({ vmName: v.vmName, root: parseAll(v.root, 'root'), ca: parseAll(v.ca, 'ca') }),
});

/** An internal certificate as in use: a collected PEM is the truth, its own names and dates win over the listed metadata. */
export interface InternalCertInfo {
  role: InternalCert['role'];
  subject: string;
  issuer: string;
  notBefore: string | null;
  notAfter: string;
  thumbprint: string;
}

export const certsInternalParsed = interpretFact(certsInternal, {
  id: 'certs.internalParsed',
  title: 'The CCE root CA and internal certificates, their PEM read where collected',
  compute: (v: { certificates: InternalCert[] }): { certificates: InternalCertInfo[] } => ({
    certificates: v.certificates.map((c, i) => {
      const listed = { role: c.role, subject: c.subject, issuer: c.issuer, notBefore: c.notBefore ?? null, notAfter: c.notAfter, thumbprint: c.thumbprint };
      if (!c.pem) return listed;
      const info = describeCert(readCert(c.pem, `certificates[${i}].pem`));
      return { ...listed, subject: info.subject, issuer: info.issuer, notBefore: info.notBefore, notAfter: info.notAfter, thumbprint: info.thumbprint };
    }),
  }),
});
