import { describe, expect, it } from 'vitest';
import { RULES } from '../helpers/catalogue.js';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderReport, REPORT_FORMATS } from '../../src/core/report/index.js';
import { maskSecrets } from '../../src/core/report/secrets.js';
import { CREDENTIAL_XML, echoRule, hostileSnapshot, SECRETS, writeTempSnapshot } from './fixtures.js';

describe('maskSecrets', () => {
  it.each([
    ['password=abc123!', 'password=[secret removed]'],
    ['DomainAdminPassword = "p a s s"', 'DomainAdminPassword = [secret removed]'],
    ['{"password": "xyz"}', '{"password": [secret removed]}'],
    ['Server=db;User Id=sa;Password=Sekr1t;', 'Server=db;User Id=sa;Password=[secret removed];'],
    ["$c = ConvertTo-SecureString 'P@ss' -AsPlainText -Force", "$c = ConvertTo-SecureString '[secret removed]' -AsPlainText -Force"],
    ['ConvertTo-SecureString -String "P@ss" -AsPlainText', "ConvertTo-SecureString -String '[secret removed]' -AsPlainText"],
    ["'P@ss' | ConvertTo-SecureString -AsPlainText -Force", "'[secret removed]' | ConvertTo-SecureString -AsPlainText -Force"],
    ['New-LocalUser x -Password P@ss1', "New-LocalUser x -Password '[secret removed]'"],
  ])('masks %s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it('keeps the catalogue signatures and variables intact', () => {
    for (const text of [
      'ConvertTo-SecureString : Key not valid for use in specified state.',
      'Logon failed for the user admin@contoso.com. Please create a new credential object, making sure that you have used the correct user name and password.',
      'ConvertTo-SecureString -String $pw -AsPlainText -Force',
      'Set-CcCredential -AccountType TenantAdmin',
    ]) expect(maskSecrets(text)).toBe(text);
  });

  it('removes private key blocks, also cut ones, and DPAPI blobs', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\nabc\n-----END PRIVATE KEY-----';
    expect(maskSecrets(`before\n${pem}\nafter`)).toBe('before\n[private key removed]\nafter');
    expect(maskSecrets('x -----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE')).toBe('x [private key removed]');
    expect(maskSecrets(`blob ${SECRETS.secureBlob} end`)).toBe('blob [secret removed] end');
    expect(maskSecrets(CREDENTIAL_XML)).not.toContain(SECRETS.credentialBlob);
    expect(maskSecrets(CREDENTIAL_XML)).toContain('<SS N="Password">[secret removed]</SS>');
  });

  it('masks encoded blobs in long text without any secret word, and leaves long text without one as it is', () => {
    const prose = 'The management service wrote this line while it was reporting the state of the appliance to Office 365';
    const hex = 'ab12'.repeat(24);
    const b64run = 'QmFzZTY0'.repeat(15);
    expect(maskSecrets(`${prose} ${hex} end`)).toBe(`${prose} [secret removed] end`);
    expect(maskSecrets(`${prose} ${b64run} end`)).toBe(`${prose} [encoded data removed] end`);
    expect(maskSecrets(`${prose} ${hex.slice(0, 95)} end`)).toBe(`${prose} ${hex.slice(0, 95)} end`);
    expect(maskSecrets(prose.repeat(3))).toBe(prose.repeat(3));
  });

  it('masks known secret values wherever they occur', () => {
    expect(maskSecrets('the value Hunter2-Secret! leaked', ['Hunter2-Secret!'])).toBe('the value [secret removed] leaked');
  });
});

describe('secrets never reach a report', async () => {
  const path = writeTempSnapshot(hostileSnapshot());
  const run = await checkSnapshot(path, { rules: [...RULES, echoRule] });
  const planted = [SECRETS.iniPassword, SECRETS.plainText, SECRETS.keyBody, SECRETS.secureBlob, SECRETS.credentialBlob, SECRETS.rawPassword, 'a3f2a3f2a3f2', '9c1e9c1e9c1e'];

  for (const redact of [false, true]) {
    for (const format of REPORT_FORMATS) {
      it(`${format}${redact ? ' redacted' : ''}: no planted secret, no file content`, () => {
        const text = renderReport(buildReport(run, { redact, now: new Date('2026-11-21T00:00:00Z') }), format);
        for (const s of planted) expect(text, `secret ${s}`).not.toContain(s);
        expect(text).not.toMatch(/BEGIN RSA PRIVATE KEY/);
        expect(text).not.toContain(Buffer.from('[Common]').toString('base64').slice(0, 8));
      });
    }
  }

  it('file facts are path, size and time; raw probe output is never included', () => {
    for (const redact of [false, true]) {
      const facts = buildReport(run, { redact }).facts;
      const cred = facts.find((f) => f.id === 'file.moduleIni.userProfile')!;
      expect(cred.value).toMatch(/\\credentials\.[\w-]+\.xml \(\d+ bytes, modified 2026-10-02T23:41:10\.000Z\)$/);
      const text = JSON.stringify(facts);
      expect(text).not.toContain('PSCredential');
      expect(text).not.toContain('RefId');
    }
  });

  it('the run really carried the secrets (the test would prove nothing otherwise)', () => {
    // The engine masks every result (issue 13: check text and JSON mask too), so the facts carry them.
    const facts = Object.fromEntries([...echoRule.needs, ...echoRule.optional].map((id) => [id, run.store.get(id).value]));
    const raw = JSON.stringify(echoRule.check({ facts: facts as never, version: undefined, now: new Date(), options: {} }));
    expect(raw).toContain(SECRETS.iniPassword);
    expect(raw).toContain(SECRETS.keyBody);
    expect(raw).toContain(SECRETS.plainText);
    expect(JSON.stringify(run.results.find((r) => r.rule === 'test-echo-log'))).toContain('[secret removed]');
    expect(run.store.get('ps.modulePath').message).toContain(SECRETS.rawPassword);
  });
});
