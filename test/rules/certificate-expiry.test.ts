import { expect } from 'vitest';
import rule from '../../rules/certificate-expiry.js';
import { ruleTester } from '../helpers/rule-tester.js';

const NOW = new Date('2026-11-20T02:14:07Z');

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-certificate-expiry.json',
      now: NOW,
      message: /^error: the Mediation Server internal certificate CN=MS01\.cce\.contoso\.local expired on 2026-06-01T00:00:00\.000Z \(173 days ago\); warning: the Edge internal certificate CN=EDGE01\.cce\.contoso\.local expires on 2026-12-20T00:00:00\.000Z \(in 29 days; threshold 60\)$/,
      evidence: [
        {
          fact: 'certs.internal',
          label: 'Mediation Server internal certificate',
          value: 'CN=MS01.cce.contoso.local, NotAfter 2026-06-01T00:00:00.000Z, thumbprint 201C084A01E5E849DFA4B866767B689E1DCE9802',
          at: 'error: expired 173 days ago',
        },
        {
          fact: 'certs.internal',
          label: 'Edge internal certificate',
          value: 'CN=EDGE01.cce.contoso.local, NotAfter 2026-12-20T00:00:00.000Z, thumbprint 2BD120C90611869A40B44DFA3404225A4CFB8BDB',
          at: 'warning: expires in 29 days',
        },
      ],
      assert: (r) => {
        expect(r.evidence[0]!.label).toBe('Mediation Server internal certificate');
        const commands = r.remediation.map((s) => s.command);
        expect(commands).toContain('Update-CcServerCertificate');
        expect(commands).toContain('Update-CcCACertificate');
        expect(commands).not.toContain('Renew-CcServerCertificate');
        expect(commands).not.toContain('Renew-CcCACertificate');
      },
    },
    {
      snapshot: 'symptom-certificate-expiry-1.4.2.json',
      now: NOW,
      message: /^error: the Mediation Server internal certificate/,
      evidence: [{ label: 'Mediation Server internal certificate', at: 'error: expired 173 days ago' }],
      assert: (r) => {
        const commands = r.remediation.map((s) => s.command);
        expect(commands).toContain('Renew-CcServerCertificate');
        expect(commands).toContain('Renew-CcCACertificate');
        expect(commands).not.toContain('Update-CcServerCertificate');
      },
    },
    {
      // Near the end of the long-lived fixture certificates, with a 45-day threshold: the servers warn, the CA does not yet.
      snapshot: 'healthy-2.1.json',
      now: new Date('2124-11-20T00:00:00Z'),
      options: { certExpiryDays: 45 },
      message: /warning: the CMS internal certificate .* \(in 41 days; threshold 45\)/,
      evidence: [{ label: 'CMS internal certificate', at: 'warning: expires in 41 days' }, { label: 'CCE root CA', at: 'ok: valid for 56 more days' }],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', now: NOW, message: 'no CCE certificate expires within 60 days' },
    { snapshot: 'healthy-2.0.json', now: NOW },
    { snapshot: 'healthy-1.4.2.json', now: NOW },
    // The renewed certificate is in use; the expired legacy one beside it does not count.
    { snapshot: 'certificate-renewed-legacy-left.json', now: NOW, evidence: [{ label: 'Mediation Server internal certificate', value: expect.stringContaining('NotAfter 2124-12-31') as unknown as string }] },
  ],
  notApplicable: [{ snapshot: 'edge-cert-chain-trusted-1.4.1.json' }],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['certs.internal'] }],
});
