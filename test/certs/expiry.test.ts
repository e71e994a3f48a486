import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { certExpiryDays, DEFAULT_CERT_EXPIRY_DAYS, expiryOf } from '../../src/core/certs/expiry.js';

const DAY = 86_400_000;

describe('expiryOf', () => {
  const notAfter = '2026-12-20T00:00:00.000Z';
  it('expired at and after NotAfter, expiring within the threshold, valid before', () => {
    expect(expiryOf(notAfter, new Date('2026-12-20T00:00:00Z'), 60).state).toBe('expired');
    expect(expiryOf(notAfter, new Date('2026-11-20T02:14:07Z'), 60)).toEqual({ state: 'expiring', days: 29 });
    expect(expiryOf(notAfter, new Date('2026-10-21T00:00:00Z'), 60)).toEqual({ state: 'expiring', days: 60 });
    expect(expiryOf(notAfter, new Date('2026-10-20T23:59:59Z'), 60)).toEqual({ state: 'valid', days: 60 });
    expect(() => expiryOf('soon', new Date(), 60)).toThrow(/not a date/);
  });

  it('the state only gets worse as time passes (property)', () => {
    const rank = { valid: 0, expiring: 1, expired: 2 } as const;
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 }), (a, step, threshold) => {
      const end = Date.parse(notAfter);
      const early = expiryOf(notAfter, new Date(end + a * DAY), threshold);
      const later = expiryOf(notAfter, new Date(end + (a + step) * DAY), threshold);
      expect(rank[later.state]).toBeGreaterThanOrEqual(rank[early.state]);
      expect(later.days).toBeLessThanOrEqual(early.days);
    }));
  });
});

describe('certExpiryDays option', () => {
  it('defaults to 60 and accepts numbers and numeric text', () => {
    expect(certExpiryDays({})).toBe(DEFAULT_CERT_EXPIRY_DAYS);
    expect(certExpiryDays({ certExpiryDays: 30 })).toBe(30);
    expect(certExpiryDays({ certExpiryDays: '90' })).toBe(90);
  });
  it('refuses nonsense with a message that names the option', () => {
    for (const bad of [-1, 'soon', '', Number.NaN, 99999, null, true]) {
      expect(() => certExpiryDays({ certExpiryDays: bad })).toThrow(/certExpiryDays must be a number of days from 0 to 3650/);
    }
  });
});

describe('certificate-expiry with a bad threshold', () => {
  it('is reported as a rule error naming the option, not as a pass', async () => {
    const { runRuleOn } = await import('../helpers/rule-tester.js');
    const rule = (await import('../../rules/certificate-expiry.js')).default;
    const r = await runRuleOn(rule, { snapshot: 'healthy-2.1.json', options: { certExpiryDays: 'soon' } });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/certExpiryDays must be a number of days/);
  });
});
