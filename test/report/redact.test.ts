import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redactor } from '../../src/core/report/redact.js';
import { maskSecrets } from '../../src/core/report/secrets.js';
import { buildReport } from '../../src/core/report/index.js';
import { checkSnapshot } from '../helpers/check.js';
import { join } from 'node:path';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

function seeded(): Redactor {
  const r = new Redactor();
  r.seed('host', 'CCE-SYD-01');
  r.seed('domain', 'contoso.com');
  r.seed('domain', 'cce.contoso.local');
  r.seed('host', 'AD01');
  r.seed('user', 'cceadmin');
  r.seed('name', 'Sydney');
  r.keepLiteral('1.4.2.55');
  return r;
}

describe('Redactor', () => {
  it('gives the same value the same token everywhere, also inside FQDNs, UNC, profile paths and e-mail', () => {
    const r = seeded();
    const out = r.redact(
      'CCE-SYD-01 joined AD01.cce.contoso.local; share \\\\CCE-SYD-01\\Site; profile C:\\Users\\cceadmin\\CloudConnector; ' +
        'mail cceadmin@contoso.com; again cce-syd-01 and ad01',
    );
    expect(out).toBe(
      'host-1 joined host-2.domain-1.example; share \\\\host-1\\Site; profile C:\\Users\\user-1\\CloudConnector; ' +
        'mail user-1@domain-2.example; again host-1 and host-2',
    );
    expect(r.entries()).toContainEqual({ token: 'host-1', original: 'CCE-SYD-01', kind: 'host' });
  });

  it('redacts unknown names under a seeded domain and unseeded profile and UNC names', () => {
    const r = seeded();
    expect(r.redact('sbc1.contoso.com and sbc1.contoso.com.')).toBe('host-1.domain-1.example and host-1.domain-1.example.');
    expect(r.redact('C:\\Users\\jdoe\\AppData;C:\\Users\\Public\\x')).toBe('C:\\Users\\user-1\\AppData;C:\\Users\\Public\\x');
    expect(r.redact('copy to \\\\FILESRV9\\cce\\site')).toBe('copy to \\\\host-2\\cce\\site');
    expect(r.redact('/home/jdoe/cases/host.json and /Users/jdoe/x')).toBe('/home/user-1/cases/host.json and /Users/user-1/x');
  });

  it('keeps public names, product paths, service and cmdlet names', () => {
    const r = seeded();
    const kept = [
      'OnlineSipFederationFqdn=sipfed.online.lync.com',
      'C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector',
      '%ProgramFiles%\\WindowsPowerShell\\Modules;%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules',
      'Service RTCMRAUTH failed to start. Set-CcCredential -AccountType TenantAdmin; Get-CcRunningVersion',
      'rule ini-state-missing, fact cce.ini, version 2.1.0.372, build 1.4.2.55, .NET 4.6.1',
      'ManagementIPPrefix=192.168.213.0 mask 255.255.255.0 loopback 127.0.0.1 ::1 dns 8.8.8.8',
      'time 2026-11-20T02:14:07.000Z 03:12:44 mac 00:15:5D:01:02:03',
      'sip.contoso.example lync.com microsoft.com',
    ];
    for (const t of kept) expect(r.redact(t)).toBe(t);
  });

  it('keeps private addresses private and in the same subnet, loopback as loopback', () => {
    const r = new Redactor();
    const out = r.redact('10.1.2.3 10.1.2.4 10.9.9.9 192.168.10.11 192.168.10.1 192.168.20.5 172.20.1.7 169.254.3.4 127.0.0.53 203.0.113.14 52.112.0.9');
    const [a, b, c, d, e, f, g, h, lo, p1, p2] = out.split(' ') as string[];
    expect(a).toMatch(/^10\./);
    expect(a!.split('.').slice(0, 3)).toEqual(b!.split('.').slice(0, 3));
    expect(c!.split('.').slice(0, 3)).not.toEqual(a!.split('.').slice(0, 3));
    expect([a, b, c]).not.toContain('10.1.2.3');
    expect(d).toMatch(/^192\.168\.\d+\.11$/);
    expect(e).toMatch(/^192\.168\.\d+\.1$/);
    expect(d!.split('.')[2]).toBe(e!.split('.')[2]);
    expect(f!.split('.')[2]).not.toBe(d!.split('.')[2]);
    expect(d).not.toBe('192.168.10.11');
    expect(g).toMatch(/^172\.(1[6-9]|2\d|3[01])\./);
    expect(h).toMatch(/^169\.254\./);
    expect(lo).toBe('127.0.0.53');
    for (const pub of [p1, p2]) expect(pub).toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\./);
    expect(p1).not.toBe(p2);
    expect(r.redact('192.168.10.11')).toBe(d);
  });

  it('maps IPv6 into documentation, ULA and link-local ranges', () => {
    const r = new Redactor();
    const out = r.redact('2603:1027:0:2::1a fe80::1c2d:3e4f:5a6b:7c8d%12 fd12:3456::9 ::1');
    const [g, ll, ula, lo] = out.split(' ');
    expect(g).toMatch(/^2001:db8::/);
    expect(ll).toMatch(/^fe80::[0-9a-f]+%12$/);
    expect(ula).toMatch(/^fd00::/);
    expect(lo).toBe('::1');
    expect(r.redact('2603:1027:0:2::1a')).toBe(g);
  });

  it('redacts tenants and UPNs', () => {
    const r = new Redactor();
    expect(r.redact('jdoe@contoso.onmicrosoft.com on contoso.onmicrosoft.com')).toBe('user-1@tenant-1.onmicrosoft.com on tenant-1.onmicrosoft.com');
    // A role account's name identifies no one.
    expect(r.redact('admin@contoso.onmicrosoft.com')).toBe('admin@tenant-1.onmicrosoft.com');
  });

  it('never leaves a seeded value in any text (property)', () => {
    const word = fc.constantFrom('CCE-SYD-01', 'cce.contoso.local', 'AD01', 'cceadmin', 'contoso.com', 'x', 'C:\\Users\\cceadmin', '10.1.2.3');
    const sep = fc.constantFrom(' ', '.', '\\', '\\\\', ';', ':', '@', '\n', ', ', '/', '=', '"');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { maxLength: 12 }), (parts) => {
        const out = seeded().redact(parts.map(([w, s]) => w + s).join(''));
        for (const s of ['CCE-SYD-01', 'cceadmin', 'contoso']) {
          // A seed glued to other letters is another word (xAD01x); separated, it must be gone.
          const re = new RegExp(`(?<![\\w-])${s}(?![\\w-])`, 'i');
          expect(out).not.toMatch(re);
        }
      }),
    );
  });
});

describe('redacted reports', () => {
  it('seed from the facts: host, ini domains and server names, user, addresses; the tokens agree across the report', async () => {
    const run = await checkSnapshot(join(SNAPSHOTS, 'demo.json'), { shown: 'snapshots/demo.json' });
    const redactor = new Redactor();
    const model = buildReport(run, { redactor, now: new Date('2026-11-21T00:00:00Z') });
    const text = JSON.stringify(model);
    for (const s of ['CCE-DEMO-01', 'CCE-SYD-01', 'cceadmin', 'contoso', '192.168.10.', 'AD01', 'CMS01']) expect(text, s).not.toContain(s);
    expect(model.redacted).toBe(true);
    expect(model.notices.join(' ')).toMatch(/Redacted/);
    expect(model.host.cceVersion).toBe('2.1.0.372');
    const map = new Map(redactor.entries().map((e) => [e.original, e.token]));
    expect(model.host.name).toBe(map.get('CCE-DEMO-01'));
    const stale = model.results.find((r) => r.rule === 'module-analysis-cache-stale')!;
    expect(stale.evidence[0]!.value).toContain(`C:\\Users\\${map.get('cceadmin')}\\AppData`);
    expect(stale.remediation[0]!.command).toContain(`C:\\Users\\${map.get('cceadmin')}\\AppData`);
    // Ids and structure are never redacted.
    expect(model.results.map((r) => r.rule)).toEqual(buildReport(run).results.map((r) => r.rule));
  });
});

describe('every snapshot, redacted', async () => {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(SNAPSHOTS).filter((f) => f.endsWith('.json')).sort();
  it.each(files)('%s: no host, domain, user or address of the fixtures is left', async (file) => {
    const run = await checkSnapshot(join(SNAPSHOTS, file), { shown: `snapshots/${file}` });
    const redactor = new Redactor();
    const text = JSON.stringify(buildReport(run, { redactor, now: new Date('2026-11-21T00:00:00Z') }));
    // The fixtures' names (test/fixtures/hosts.ts): Contoso domains, CCE-* hosts, the cceadmin account, 192.168.10.x.
    expect(text).not.toMatch(/contoso|cceadmin|CCE-[A-Z]{3,}-\d\d|192\.168\.10\.\d/i);
    for (const e of redactor.entries()) {
      const escaped = e.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(text, `${e.kind} ${e.original}`).not.toMatch(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'i'));
    }
  });
});

describe('hostile input size', () => {
  it('redaction and secret masking stay linear on pathological text', () => {
    const r = seeded();
    const inputs = ['a.'.repeat(60_000), '1.2.3.'.repeat(20_000), 'ab:'.repeat(40_000), 'x-password'.repeat(12_000), '<SS N="a">'.repeat(12_000), "'x' ".repeat(30_000)];
    const t0 = performance.now();
    for (const text of inputs) maskSecrets(r.redact(text));
    // Quadratic matching took over 20 s on the 120 kB inputs; linear takes well under a second.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('a report holds at most 64 kB of any one value', async () => {
    const run = await checkSnapshot(join(SNAPSHOTS, 'demo.json'));
    const big = { ...run, warnings: ['x'.repeat(200_000)] };
    const model = buildReport(big);
    expect(model.warnings[0]!.length).toBeLessThan(70_000);
    expect(model.warnings[0]).toMatch(/… \(134464 more characters not shown\)$/);
  });
});

describe('certificate subjects, redacted', async () => {
  const { healthy21, withFacts, cmd } = await import('../fixtures/hosts.js');
  const { writeTempSnapshot } = await import('./fixtures.js');
  const ORG = 'Contoso Test PKI Holdings';
  const cert = (role: string, subject: string) => ({
    role, subject, issuer: 'CN=Fabrikam Issuing CA 7, OU=Trust Services, O="Fabrikam Trust Holdings", DC=corp, DC=fabrikamlabs, DC=local',
    notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', thumbprint: 'AB'.repeat(20),
  });
  const snapshotWith = (subjects: string[]) =>
    writeTempSnapshot(withFacts(healthy21(), 'certificates with long subjects', {
      'certs.internal': cmd({ certificates: subjects.map((s, i) => cert(['CA', 'CMS', 'Mediation', 'Edge'][i % 4]!, s)) }, 'certs.internal'),
    }));
  const report = async (path: string, redact: boolean) =>
    JSON.stringify(buildReport(await checkSnapshot(path, { shown: 'host.json' }), { redact, now: new Date('2026-11-21T00:00:00Z') }));

  it('a value cut short by the 400-character limit shows no fragment of a redacted organization', async () => {
    // Find the padding that makes the unredacted report cut the organization in half, then redact that one.
    let straddling: string | undefined;
    for (let pad = 0; pad < 420 && !straddling; pad += 5) {
      const path = snapshotWith([`CN=cms01.cce.contoso.local, OU=Unified ${'Regional Branch Office Network '.repeat(20).slice(0, pad)}, O=${ORG}, C=AU`]);
      const plain = (JSON.parse(await report(path, false)) as { facts: { id: string; value?: string }[] }).facts.find((f) => f.id === 'certs.internal')!.value!;
      if (plain.includes('Contoso Test P') && !plain.includes(ORG)) straddling = path;
    }
    expect(straddling, 'no padding cut the organization in half').toBeDefined();
    const text = await report(straddling!, true);
    for (const fragment of ['Contoso Test P', 'Contoso Test', 'Test PKI', 'fabrikamlabs', 'Fabrikam', 'Trust Services', 'Trust Holdings']) expect(text, fragment).not.toContain(fragment);
  });

  it('whole O, OU, CN and DC values are redacted, with escaped commas and in very long subjects', async () => {
    const long = `CN=Contoso Voice Gateway, OU=Telephony\\, Voice and Video, O=Northwind Traders\\, Inc., OU=${'Branch Office Networks '.repeat(30)}, DC=northwindhq, DC=com`;
    const text = await report(snapshotWith([long, 'CN=Fourth Coffee Edge, O=Fourth Coffee, C=US']), true);
    for (const s of ['Northwind', 'Traders', 'Inc.,', 'Voice and Video', 'Branch Office Networks', 'northwindhq', 'Fourth Coffee', 'Contoso Voice Gateway']) expect(text, s).not.toContain(s);
  });
});

describe('tokens never collide with the input', async () => {
  const { healthy21, withFacts, cmd } = await import('../fixtures/hosts.js');
  const { writeTempSnapshot } = await import('./fixtures.js');

  it('Redactor.avoid: a renumbered network or a name token is never a value of the input', () => {
    const r = new Redactor();
    r.avoid('VM at 192.168.10.11, host adapter 192.168.1.11 and 192.168.2.7; a server really called host-1; 203.0.113.1 is public');
    r.seed('host', 'AD01');
    const out = r.redact('192.168.10.11 192.168.1.11 AD01 8.26.56.26');
    const [ten, one, ad, pub] = out.split(' ');
    expect(ten).not.toBe('192.168.1.11');
    expect(ten!.startsWith('192.168.1.')).toBe(false);
    expect(ten!.startsWith('192.168.2.')).toBe(false);
    expect(one).not.toBe('192.168.1.11');
    expect(ten).not.toBe(one);
    expect(ad).not.toBe('host-1');
    expect(pub).not.toBe('203.0.113.1');
  });

  it('a redacted report: no token equals a value of the host (192.168.10.11 is not shown as the host\'s own 192.168.1.11)', async () => {
    const base = healthy21();
    const adapters = base.facts['host.adapters']!.value as { name: string; switchName: string; addresses: { ip: string; prefixLength: number }[] }[];
    const path = writeTempSnapshot(withFacts(base, 'a host that also uses 192.168.1.0/24', {
      'host.adapters': cmd([...adapters, { name: 'vEthernet (Backup)', switchName: 'Backup', addresses: [{ ip: '192.168.1.11', prefixLength: 24 }, { ip: '10.0.1.4', prefixLength: 24 }] }], 'host.adapters'),
    }));
    const run = await checkSnapshot(path, { shown: path });
    const plain = JSON.stringify(buildReport(run, { now: new Date('2026-11-21T00:00:00Z') }));
    expect(plain).toContain('192.168.10.11');
    const redactor = new Redactor();
    buildReport(run, { redactor, now: new Date('2026-11-21T00:00:00Z') });
    const originals = new Set(redactor.entries().map((e) => e.original.toLowerCase()));
    expect(redactor.entries().find((e) => e.original === '192.168.10.11')).toBeDefined();
    for (const e of redactor.entries()) {
      expect(originals.has(e.token.toLowerCase()), `${e.original} -> ${e.token}`).toBe(false);
      expect(plain.toLowerCase(), `${e.original} -> ${e.token}`).not.toContain(e.token.toLowerCase());
    }
  });

  it('names the snapshot by its file name only: its folder is not shown', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ccdoctor-jdoe-customer-')), 'Fabrikam Tickets');
    mkdirSync(dir);
    const path = join(dir, 'cce-host.json');
    copyFileSync(join(SNAPSHOTS, 'healthy-2.1.json'), path);
    const run = await checkSnapshot(path, { shown: path });
    const model = buildReport(run, { redact: true, now: new Date('2026-11-21T00:00:00Z') });
    expect(model.source.ref).toBe('cce-host.json');
    const text = JSON.stringify(model);
    expect(text).not.toContain('Fabrikam Tickets');
    expect(text).not.toContain('ccdoctor-jdoe-customer');
    expect(model.results.flatMap((r) => r.evidence).some((e) => e.provenance.ref.startsWith('cce-host.json facts['))).toBe(true);
    // Not redacted, the path is shown as given.
    expect(buildReport(run).source.ref).toBe(path);
  });
});
