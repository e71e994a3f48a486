import { expect } from 'vitest';
import rule from '../../rules/edge-cert-chain-untrusted.js';
import { ruleTester } from '../helpers/rule-tester.js';

// SHA-1 thumbprints of test/fixtures/certs/*.pem, as `openssl x509 -fingerprint -sha1` prints them.
const INTERMEDIATE = 'B0C73D43D1A1F3462EC6C2B588EE126361D5EBD5';
const ROOT = '247A859A474652D7D3A641EB67A520A6559344A2';
const LEAF = 'F34401FF92BEFE9625867DF749A41C220B6DA0A8';
const has = (s: string) => expect.stringContaining(s) as unknown as string;

ruleTester(rule, {
  fail: [
    {
      // Before 1.4.2: the Edge's own stores must hold the chain.
      snapshot: 'symptom-edge-cert-chain-untrusted-1.4.1.json',
      message: /the Edge does not trust its whole chain for CN=ap\.contoso\.com/,
      evidence: [
        { fact: 'certs.external', label: 'External certificate', value: has(`thumbprint ${LEAF}`) },
        {
          fact: 'certs.edgeStores',
          label: 'Missing intermediate CA',
          value: `subject CN=Contoso Test Issuing CA 1, O=Contoso Test PKI; issuer CN=Contoso Test Root CA, O=Contoso Test PKI; thumbprint ${INTERMEDIATE}`,
          at: "not in the Edge VM EDGE01's Intermediate Certification Authorities store",
        },
        {
          fact: 'certs.edgeStores',
          label: 'Missing root CA',
          value: `subject CN=Contoso Test Root CA, O=Contoso Test PKI; issuer CN=Contoso Test Root CA, O=Contoso Test PKI; thumbprint ${ROOT}`,
          at: "not in the Edge VM EDGE01's Trusted Root Certification Authorities store",
        },
        { fact: 'vm.services', label: 'RTCMRAUTH on the Edge VM EDGE01', value: 'Stopped (startup Automatic)' },
      ],
      assert: (r) => {
        const ids = r.remediation.map((s) => s.id);
        expect(ids).toEqual(['import-root', 'import-intermediates', 'restart-edge', 'switch-version']);
      },
    },
    {
      // 1.4.2 and later: the file must carry the chain; the intermediate is only in the Edge store, the root nowhere.
      snapshot: 'symptom-edge-cert-chain-incomplete.json',
      message: /the certificate file does not carry its whole chain/,
      evidence: [
        {
          fact: 'certs.external',
          label: 'Missing intermediate CA',
          value: `subject CN=Contoso Test Issuing CA 1, O=Contoso Test PKI; issuer CN=Contoso Test Root CA, O=Contoso Test PKI; thumbprint ${INTERMEDIATE}`,
          at: "not in the certificate file (found in the Edge VM EDGE01's stores)",
        },
        {
          label: 'Missing issuing CA',
          value: 'subject CN=Contoso Test Root CA, O=Contoso Test PKI; issuer unknown; thumbprint unknown',
          at: has(`issuer of CN=Contoso Test Issuing CA 1, O=Contoso Test PKI (thumbprint ${INTERMEDIATE})`),
        },
      ],
      assert: (r) => {
        const ids = r.remediation.map((s) => s.id);
        expect(ids).toEqual(['rebuild-pfx', 'restart-edge', 'switch-version']);
      },
    },
    {
      // Validity counts too: the same healthy host when the external certificate has run out.
      snapshot: 'healthy-2.1.json',
      now: new Date('2124-12-15T00:00:00Z'),
      message: `the chain is not valid now for CN=ap.contoso.com: CN=ap.contoso.com (thumbprint ${LEAF}) expired on 2124-12-01T00:00:00.000Z`,
      evidence: [{ fact: 'certs.external', label: 'Expired certificate in the chain', value: `subject CN=ap.contoso.com; issuer CN=Contoso Test Issuing CA 1, O=Contoso Test PKI; thumbprint ${LEAF}`, at: 'NotAfter 2124-12-01T00:00:00.000Z' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /CN=ap\.contoso\.com → CN=Contoso Test Issuing CA 1, O=Contoso Test PKI → CN=Contoso Test Root CA, O=Contoso Test PKI is complete and inside the certificate file/ },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    // Before 1.4.2 a file with the leaf alone is fine when the Edge trusts the chain.
    { snapshot: 'edge-cert-chain-trusted-1.4.1.json', message: /trusted by the Edge VM EDGE01/ },
  ],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['certs.external'] }],
});
