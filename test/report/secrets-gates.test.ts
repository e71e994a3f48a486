import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecrets, maskSecretsUngated } from '../../src/core/report/secrets.js';

// maskSecrets runs a pattern only on text that holds the word (or length) the pattern needs; that must
// change nothing: on any text it gives what every pattern run in turn gives.
const pieces = fc.constantFrom(
  'Password', 'PASSWD', 'pwd', 'Secret', 'apikey', 'api_key', 'AccessKey', 'access_key', 'AccountKey', 'SharedAccessKey', 'token',
  'Authorization', 'Proxy-Authorization', 'Bearer', 'Basic', 'sig=', '?sv=1&', '://', 'https://', 'user:', '@', 'proxy:8080',
  '-----BEGIN CERTIFICATE-----', '-----END CERTIFICATE-----', '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----',
  '<SS N="Password">', '</SS>', '<AdminPassword>', '</AdminPassword>', '01000000d08c9ddf0115d1118c7a00c04fc297eb', 'deadbeef',
  'ConvertTo-SecureString', "'P@ss'", '"x"', ' | ', '-AsPlainText', '-Force', '-Password', '-AccountPassword', '$cred',
  '=', ': ', ';', ',', ' ', '\n', 'dXNlcjpwYXNz', 'QUJDREVGR0g=', 'İ', 'ſ', 'K', 'é', 'x', '12345',
);
const longRun = fc.integer({ min: 90, max: 130 }).map((n) => 'Ab0+/'.repeat(Math.ceil(n / 5)).slice(0, n));
const hexRun = fc.integer({ min: 90, max: 110 }).map((n) => 'a1b2c3d4e5f6'.repeat(10).slice(0, n));
// A secret's usual shape: a keyword, a separator, a value.
const keyword = fc.constantFrom('Password', 'pwd', 'client_secret', 'ApiKey', 'AccountKey', 'token', 'Authorization', 'Bearer', 'Basic', 'sig', '-Password', '-AccountPassword', 'ConvertTo-SecureString', 'https://bob', '<SS N="x">', '<DbPassword>');
const separator = fc.constantFrom('', ' ', '=', ': ', ':', '="', " '", ' | ');
const value = fc.constantFrom('hunter2', 'dXNlcjpwYXNz', 'QUJDREVGR0g=', 'abcdefgh12345678', "'P@ss'", '$cred', 's3cret@proxy:8080/', '01000000d08c9ddf0115d1118c7a00c04fc297ebff', '[secret removed]');
const shaped = fc.tuple(keyword, separator, value).map((xs) => xs.join(''));
const text = fc
  .array(fc.oneof({ weight: 20, arbitrary: pieces }, { weight: 10, arbitrary: shaped }, { weight: 1, arbitrary: longRun }, { weight: 1, arbitrary: hexRun }), { maxLength: 14 })
  .map((xs) => xs.join(''));

describe('maskSecrets with its per-pattern gates', () => {
  it('equals every pattern run in turn, on any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(maskSecrets(t)).toBe(maskSecretsUngated(t));
      }),
      { numRuns: 8000 },
    );
  });

  it.each([
    ['Password=hunter2; user=x', 'Password=[secret removed]; user=x'],
    ['https://bob:s3cret@proxy:8080/', 'https://bob:[secret removed]@proxy:8080/'],
    ['Authorization: Bearer abcdefgh12345678', 'Authorization:[secret removed]'],
    ['<SS N="Password">01000000d08c9ddf</SS>', '<SS N="Password">[secret removed]</SS>'],
    ['no secrets here, just a host name', 'no secrets here, just a host name'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});
