import type { X509Certificate } from 'node:crypto';
import { describeCert, isSelfSigned, signedBy, thumbprint, windowsName, type CertInfo } from './x509.js';

export interface ChainGap {
  /** The certificate whose issuer could not be found. */
  issuedTo: CertInfo;
  /** The name of the missing issuer. */
  missingSubject: string;
  /** Certificates that carry the issuer's name but did not sign it (a renewed or different CA). */
  sameNameNotSigner: CertInfo[];
}

export interface Chain {
  /** Leaf first, each next certificate the verified issuer of the one before. */
  path: X509Certificate[];
  /** Ends at a self-signed certificate whose own key verifies it. */
  complete: boolean;
  /** Why it stops short, when it is not complete. */
  gap?: ChainGap;
}

/**
 * Builds the chain of `leaf` from the certificates in `pool`: at each step the issuer is a certificate
 * whose name matches and whose public key verifies the signature (node:crypto X509Certificate).
 */
export function buildChain(leaf: X509Certificate, pool: readonly X509Certificate[], maxDepth = 10): Chain {
  const path = [leaf];
  const seen = new Set([thumbprint(leaf)]);
  let current = leaf;
  while (!isSelfSigned(current)) {
    if (path.length > maxDepth) break;
    const issuer = pool.find((c) => !seen.has(thumbprint(c)) && signedBy(current, c));
    if (!issuer) {
      const wanted = windowsName(current.issuer);
      return {
        path,
        complete: false,
        gap: {
          issuedTo: describeCert(current),
          missingSubject: wanted,
          sameNameNotSigner: pool.filter((c) => windowsName(c.subject) === wanted && !signedBy(current, c)).map(describeCert),
        },
      };
    }
    path.push(issuer);
    seen.add(thumbprint(issuer));
    current = issuer;
  }
  return { path, complete: isSelfSigned(current) };
}

/** The end-entity certificate of a bundle: the first that is not a CA, else the first that issued none of the others. */
export function pickLeaf(certs: readonly X509Certificate[]): X509Certificate | undefined {
  return certs.find((c) => !c.ca) ?? certs.find((c) => !certs.some((o) => o !== c && signedBy(o, c))) ?? certs[0];
}

/** Unique by thumbprint, first occurrence kept. */
export function uniqueCerts(certs: readonly X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => {
    const t = thumbprint(c);
    if (seen.has(t)) return false;
    seen.add(t);
    return true;
  });
}
