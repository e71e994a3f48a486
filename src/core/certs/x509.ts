import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from '../node-crypto.js';

/** What a person (and Windows) calls a certificate: names as Windows prints them, SHA-1 thumbprint, validity. */
export interface CertInfo {
  subject: string;
  issuer: string;
  /** SHA-1 of the DER, upper-case hex without separators (Windows' Thumbprint). */
  thumbprint: string;
  notBefore: string;
  notAfter: string;
  ca: boolean;
  selfSigned: boolean;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM bundle; anything between blocks (comments, private keys) is ignored. */
export function parsePemBundle(text: string): X509Certificate[] {
  return (text.match(PEM_BLOCK) ?? []).map(parseBlock);
}

export function parsePem(pem: string): X509Certificate {
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks || blocks.length !== 1) throw new Error('expected exactly one PEM certificate block');
  return parseBlock(blocks[0]!);
}

// The same certificates are validated on load and read by several rules: parse each block once.
// X509Certificate objects are immutable, so sharing them is safe; the cache is bounded.
const parsed = new Map<string, X509Certificate>();

function parseBlock(block: string): X509Certificate {
  let cert = parsed.get(block);
  if (!cert) {
    cert = new (nodeCrypto().X509Certificate)(block);
    if (parsed.size >= 512) parsed.clear();
    parsed.set(block, cert);
  }
  return cert;
}

export function isPemCertificate(pem: string): boolean {
  try {
    parsePem(pem);
    return true;
  } catch {
    return false;
  }
}

/** A PEM block from the DER bytes Windows gives as RawData. */
export function pemFromDer(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** Node prints distinguished names one RDN per line; Windows joins them with ", ". */
export function windowsName(name: string): string {
  return name.split('\n').filter((s) => s !== '').join(', ');
}

// A fleet's appliances share their root and intermediate certificates, and one host's rules look at the
// same ones several times: what a (cached, immutable) certificate says about itself is worked out once.
const facts = new WeakMap<X509Certificate, { thumbprint?: string; selfSigned?: boolean; info?: CertInfo; signers?: WeakMap<X509Certificate, boolean> }>();

function known(cert: X509Certificate) {
  let f = facts.get(cert);
  if (!f) facts.set(cert, (f = {}));
  return f;
}

export function thumbprint(cert: X509Certificate): string {
  const f = known(cert);
  return (f.thumbprint ??= cert.fingerprint.replace(/:/g, '').toUpperCase());
}

export function isSelfSigned(cert: X509Certificate): boolean {
  const f = known(cert);
  return (f.selfSigned ??= cert.checkIssued(cert) && cert.verify(cert.publicKey));
}

/** True when `issuer` issued `cert`: the names (and key identifiers) match and its key verifies the signature. */
export function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  const signers = (known(cert).signers ??= new WeakMap());
  let yes = signers.get(issuer);
  if (yes === undefined) signers.set(issuer, (yes = cert.checkIssued(issuer) && cert.verify(issuer.publicKey)));
  return yes;
}

/** A certificate described as Windows shows it (a fresh object each call: callers may keep or change it). */
export function describeCert(cert: X509Certificate): CertInfo {
  const f = known(cert);
  f.info ??= {
    subject: windowsName(cert.subject),
    issuer: windowsName(cert.issuer),
    thumbprint: thumbprint(cert),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    ca: cert.ca,
    selfSigned: isSelfSigned(cert),
  };
  return { ...f.info };
}

/** "CN=ap.contoso.com (thumbprint F34401FF…)" for messages. */
export function certLabel(info: Pick<CertInfo, 'subject' | 'thumbprint'>): string {
  return `${info.subject} (thumbprint ${info.thumbprint})`;
}
