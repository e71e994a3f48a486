/**
 * One way to interpret raw data: certificates, the management log and the appliance topology are read once,
 * as derived facts, and rules reach the core through src/core/rules/api.ts only.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { FactStore } from '../../src/core/facts/store.js';
import type { FactValue } from '../../src/core/facts/types.js';
import { collectedProvenance, evaluate } from '../../src/core/engine/evaluate.js';
import { loadSnapshotFile } from '../../src/core/snapshot/load.js';
import certificateExpiry from '../../rules/certificate-expiry.js';
import edgeChain from '../../rules/edge-cert-chain-untrusted.js';
import registrationConflict from '../../rules/registration-conflict.js';
import tenantLogon from '../../rules/tenant-admin-logon-failed.js';
import { planQuestions } from '../../src/core/checklist/plan.js';
import { answerQuestion, sessionStore, startChecklist } from '../../src/core/checklist/session.js';
import { runRules } from '../helpers/check.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SNAPSHOTS = join(ROOT, 'snapshots');

const ruleFiles = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && !/^index|^catalogue-order/.test(f)).map((f) => `rules/${f}`);
const libFiles = readdirSync(join(ROOT, 'rules', 'lib')).filter((f) => f.endsWith('.ts')).map((f) => `rules/lib/${f}`);
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('rules reach the core through one API', () => {
  it('every rule and rule helper imports only src/core/rules/api.ts and its own rules/lib helpers', () => {
    const offenders: string[] = [];
    for (const f of [...ruleFiles, ...libFiles]) {
      for (const m of text(f).matchAll(/from '([^']+)'/g)) {
        const spec = m[1]!;
        const ok = /^(\.\.\/)+src\/core\/rules\/api\.js$/.test(spec) || (f.startsWith('rules/lib/') ? /^\.\/[\w-]+\.js$/.test(spec) : /^\.\/lib\/[\w-]+\.js$/.test(spec));
        if (!ok) offenders.push(`${f}: ${spec}`);
      }
    }
    expect(ruleFiles.length).toBeGreaterThan(25);
    expect(offenders).toEqual([]);
  });

  it('no rule parses PEM, log lines or CloudConnector.ini itself, nor casts its facts', () => {
    const parsing = /\b(parsePem|parsePemBundle|parseLogExcerpt|startsEntry|recoveryEvents|parseIni|parseIniText|iniValue|topology)\s*\(|Record<string, unknown>/;
    expect([...ruleFiles, ...libFiles].filter((f) => parsing.test(text(f)))).toEqual([]);
  });
});

const ok = (id: string, value: unknown, ref = `t.json facts["${id}"]`): FactValue => ({ id, status: 'ok', value, provenance: { source: 'snapshot', ref } });

describe('derived facts that interpret a raw fact', () => {
  it('are declared as the rules\' needs and computed once per store', async () => {
    expect(certificateExpiry.needs).toContain('certs.internalParsed');
    expect(edgeChain.needs).toContain('certs.externalParsed');
    expect(tenantLogon.needs).toContain('cce.managementLogLines');
    expect(registrationConflict.needs).toContain('cce.topology');
    const { store } = await loadSnapshotFile(join(SNAPSHOTS, 'healthy-2.1.json'), FACTS);
    for (const id of ['cce.topology', 'certs.internalParsed', 'certs.externalParsed', 'certs.edgeStoresParsed', 'cce.managementLogLines']) {
      const first = store.get(id);
      expect(first.status, id).toBe('ok');
      expect(store.get(id), id).toBe(first);
    }
    expect(store.get('cce.topology').value).toMatchObject({ siteName: 'Sydney', servers: { AD: 'AD01', CMS: 'CMS01', Mediation: 'MS01', Edge: 'EDGE01' } });
  });

  it('carry structured provenance: what they were derived from, and the collected fact behind them', async () => {
    const { store } = await loadSnapshotFile(join(SNAPSHOTS, 'healthy-2.1.json'), FACTS);
    expect(store.get('certs.externalParsed').provenance).toMatchObject({ source: 'derived', derivedFrom: ['certs.external'] });
    expect(store.get('cce.topology').provenance).toMatchObject({ source: 'derived', derivedFrom: ['cce.ini'] });
    // Through cce.ini (itself derived) to the collected file.
    expect(collectedProvenance(store, 'cce.topology')).toEqual(store.get('file.cloudConnectorIni').provenance);
    expect(collectedProvenance(store, 'certs.internalParsed').ref).toMatch(/healthy-2\.1\.json facts\["certs\.internal"\]$/);
  });

  it('make a rule unknown naming the raw fact and its reason when the raw fact is missing', () => {
    const store = new FactStore(FACTS);
    store.set(ok('cce.scriptVersion', '2.1.0.372'));
    const [cert, logon, reg] = evaluate([certificateExpiry, tenantLogon, registrationConflict], store);
    expect(cert).toMatchObject({ status: 'unknown', unavailable: [{ fact: 'certs.internal', status: 'missing', message: 'not collected' }] });
    expect(logon).toMatchObject({ status: 'unknown', unavailable: [{ fact: 'cce.managementLog', status: 'missing', message: 'not collected' }] });
    // The topology reads cce.ini, which reads the file: the rule names cce.ini, as it did when it read it itself.
    expect(reg!.unavailable).toContainEqual({ fact: 'cce.ini', status: 'missing', message: 'needs file.cloudConnectorIni: not collected' });
  });

  it('make a rule unknown naming the raw fact and why it could not be read when its value is unparsable', () => {
    const store = new FactStore(FACTS);
    store.set(ok('cce.scriptVersion', '2.1.0.372'));
    // Past the snapshot schema (which rejects it on load): a PEM block that is not a certificate.
    store.set(ok('certs.internal', { certificates: [{ role: 'CA', subject: 'CN=x', issuer: 'CN=x', notAfter: '2030-01-01T00:00:00Z', thumbprint: 'AB', pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }] }));
    const [r] = evaluate([certificateExpiry], store);
    expect(r!.status).toBe('unknown');
    expect(r!.unavailable).toEqual([{ fact: 'certs.internal', status: 'error', message: expect.stringMatching(/^cannot be read: certificates\[0\]\.pem is not a readable certificate: /) as unknown as string }]);
    expect(r!.message).toMatch(/^cannot check: certs\.internal is error \(cannot be read: certificates\[0\]\.pem/);
  });

  it('give the same results as reading the raw facts in the rule did (certificates: PEM wins over the listed metadata)', async () => {
    const { store } = await loadSnapshotFile(join(SNAPSHOTS, 'symptom-certificate-expiry.json'), FACTS);
    const raw = store.get('certs.internal').value as { certificates: { role: string; notAfter: string; pem?: string }[] };
    const parsed = store.get('certs.internalParsed').value as { certificates: { role: string; notAfter: string }[] };
    expect(parsed.certificates.map((c) => c.role)).toEqual(raw.certificates.map((c) => c.role));
    expect(raw.certificates.some((c) => c.pem)).toBe(true);
  });

  it("are computed from the checklist's answers too: the plan asks the raw fact, the rule decides from its reading", async () => {
    expect(planQuestions([certificateExpiry], FACTS, new FactStore(FACTS)).map((q) => q.fact)).toContain('certs.internal');
    let s = startChecklist([certificateExpiry], FACTS);
    for (const [fact, text] of [['cce.scriptVersion', '2.1.0.372'], ['certs.internal', 'CA=2030-01-15 CMS=2026-06-01 Mediation=2027-01-15 Edge=2027-01-15']] as const) {
      const r = answerQuestion(s, fact, text);
      if (!r.ok) throw new Error(r.error);
      s = r.session;
    }
    const run = await runRules(sessionStore(s), { kind: 'checklist', ref: 'answers' }, { name: 'x' }, { rules: [certificateExpiry], now: new Date('2026-11-20T00:00:00Z') });
    expect(run.results[0]).toMatchObject({ rule: 'certificate-expiry', status: 'fail' });
    expect(run.results[0]!.message).toMatch(/CMS certificate, as answered\) expired on 2026-06-01/);
  });
});
