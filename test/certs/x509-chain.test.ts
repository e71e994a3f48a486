import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { buildChain, pickLeaf, uniqueCerts } from '../../src/core/certs/chain.js';
import { describeCert, isSelfSigned, parsePem, parsePemBundle, pemFromDer, signedBy, thumbprint } from '../../src/core/certs/x509.js';
import { pem } from '../fixtures/contrib/appliance.js';

const cert = (name: string) => parsePem(pem(name));

describe('X509 helpers on the committed test certificates', () => {
  it('describes a certificate as Windows does (names joined with ", ", SHA-1 thumbprint in upper-case hex)', () => {
    expect(describeCert(cert('ext-edge'))).toEqual({
      subject: 'CN=ap.contoso.com',
      issuer: 'CN=Contoso Test Issuing CA 1, O=Contoso Test PKI',
      thumbprint: 'F34401FF92BEFE9625867DF749A41C220B6DA0A8',
      notBefore: '2025-03-01T00:00:00.000Z',
      notAfter: '2124-12-01T00:00:00.000Z',
      ca: false,
      selfSigned: false,
    });
  });

  it('thumbprints agree with openssl x509 -fingerprint -sha1 (values taken when generate.sh ran)', () => {
    const openssl: Record<string, string> = {
      'ext-intermediate': 'B0:C7:3D:43:D1:A1:F3:46:2E:C6:C2:B5:88:EE:12:63:61:D5:EB:D5',
      'ext-root': '24:7A:85:9A:47:46:52:D7:D3:A6:41:EB:67:A5:20:A6:55:93:44:A2',
      'cce-mediation-expired': '20:1C:08:4A:01:E5:E8:49:DF:A4:B8:66:76:7B:68:9E:1D:CE:98:02',
      'cce-edge-near-expiry': '2B:D1:20:C9:06:11:86:9A:40:B4:4D:FA:34:04:22:5A:4C:FB:8B:DB',
    };
    for (const [name, fp] of Object.entries(openssl)) expect(thumbprint(cert(name)), name).toBe(fp.replace(/:/g, ''));
  });

  it('verifies signatures, not just names: the impostor root has the right name and the wrong key', () => {
    expect(signedBy(cert('ext-intermediate'), cert('ext-root'))).toBe(true);
    expect(describeCert(cert('ext-root-impostor')).subject).toBe(describeCert(cert('ext-root')).subject);
    expect(signedBy(cert('ext-intermediate'), cert('ext-root-impostor'))).toBe(false);
    expect(isSelfSigned(cert('ext-root'))).toBe(true);
    expect(isSelfSigned(cert('ext-intermediate'))).toBe(false);
  });

  it('reads PEM bundles with other text around, and round-trips DER', () => {
    const bundle = `Bag Attributes\n${pem('ext-edge')}\n# comment\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${pem('ext-root')}`;
    expect(parsePemBundle(bundle).map(thumbprint)).toEqual([thumbprint(cert('ext-edge')), thumbprint(cert('ext-root'))]);
    const again = new X509Certificate(pemFromDer(new Uint8Array(cert('ext-intermediate').raw)));
    expect(thumbprint(again)).toBe(thumbprint(cert('ext-intermediate')));
    expect(() => parsePem(`${pem('ext-edge')}${pem('ext-root')}`)).toThrow(/exactly one/);
    expect(() => parsePem('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----')).toThrow();
  });
});

describe('buildChain', () => {
  const [leaf, intermediate, root, impostor] = ['ext-edge', 'ext-intermediate', 'ext-root', 'ext-root-impostor'].map(cert) as [X509Certificate, X509Certificate, X509Certificate, X509Certificate];

  it('builds leaf → intermediate → root in any pool order', () => {
    const chain = buildChain(leaf, [root, leaf, intermediate]);
    expect(chain.complete).toBe(true);
    expect(chain.path.map((c) => describeCert(c).subject)).toEqual([
      'CN=ap.contoso.com', 'CN=Contoso Test Issuing CA 1, O=Contoso Test PKI', 'CN=Contoso Test Root CA, O=Contoso Test PKI',
    ]);
  });

  it('names the gap: the missing issuer and the certificate it should have signed', () => {
    const chain = buildChain(leaf, [root]);
    expect(chain.complete).toBe(false);
    expect(chain.path).toHaveLength(1);
    expect(chain.gap).toMatchObject({
      missingSubject: 'CN=Contoso Test Issuing CA 1, O=Contoso Test PKI',
      issuedTo: { subject: 'CN=ap.contoso.com', thumbprint: 'F34401FF92BEFE9625867DF749A41C220B6DA0A8' },
      sameNameNotSigner: [],
    });
  });

  it('a same-named CA that did not sign does not complete the chain, and is reported', () => {
    const chain = buildChain(leaf, [intermediate, impostor]);
    expect(chain.complete).toBe(false);
    expect(chain.gap!.missingSubject).toBe('CN=Contoso Test Root CA, O=Contoso Test PKI');
    expect(chain.gap!.sameNameNotSigner.map((c) => c.thumbprint)).toEqual(['19D5653EAFAFAA594D0535CD099188630787C2BC']);
  });

  it('picks the end-entity certificate of a bundle whatever its position', () => {
    expect(thumbprint(pickLeaf([root, intermediate, leaf])!)).toBe(thumbprint(leaf));
    expect(thumbprint(pickLeaf([root, intermediate])!)).toBe(thumbprint(intermediate));
    expect(pickLeaf([])).toBeUndefined();
    expect(uniqueCerts([leaf, root, leaf]).length).toBe(2);
  });
});
