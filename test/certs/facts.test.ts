import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certsEdgeStores, certsExternal, certsInternal } from '../../src/facts/certificates.js';
import { pem } from '../fixtures/contrib/appliance.js';

const dir = mkdtempSync(join(tmpdir(), 'ccd-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certificate facts', () => {
  it('the external certificate answer is a PEM file; every certificate in it is kept', () => {
    const p = join(dir, 'chain.pem');
    writeFileSync(p, `${pem('ext-edge')}\n${pem('ext-intermediate')}`);
    const v = certsExternal.checklist!.toValue(p);
    expect(v.certificates).toHaveLength(2);
    expect(certsExternal.schema.safeParse(v).success).toBe(true);
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'no certificate here');
    expect(() => certsExternal.checklist!.toValue(empty)).toThrow(/holds no PEM certificate/);
  });

  it('an exported Edge store bundle is split into roots (self-signed) and intermediates', () => {
    const p = join(dir, 'stores.pem');
    writeFileSync(p, `${pem('ext-root')}${pem('ext-intermediate')}${pem('cce-root')}`);
    const v = certsEdgeStores.checklist!.toValue(p);
    expect([v.root.length, v.ca.length]).toEqual([2, 1]);
  });

  it('a snapshot PEM that is not a certificate is refused', () => {
    const r = certsExternal.schema.safeParse({ path: 'x.pfx', exists: true, certificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] });
    expect(r.success).toBe(false);
  });

  it('expiry dates can be answered by hand', () => {
    const a = certsInternal.checklist!.answer.safeParse('CA=2030-01-15 cms=2027-01-15, Edge=2026-12-20');
    expect(a.success).toBe(true);
    const v = certsInternal.checklist!.toValue((a as { data: string }).data);
    expect(v.certificates.map((c: { role: string; notAfter: string }) => [c.role, c.notAfter])).toEqual([
      ['CA', '2030-01-15T00:00:00.000Z'], ['CMS', '2027-01-15T00:00:00.000Z'], ['Edge', '2026-12-20T00:00:00.000Z'],
    ]);
    expect(certsInternal.schema.safeParse(v).success).toBe(true);
    expect(certsInternal.checklist!.answer.safeParse('AD=2030-01-15').success).toBe(false);
  });
});
