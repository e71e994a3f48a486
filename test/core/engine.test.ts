import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { FactStore } from '../../src/core/facts/store.js';
import { evaluate } from '../../src/core/engine/evaluate.js';
import { defineRule, fail, pass } from '../../src/core/rules/define.js';
import type { FactValue } from '../../src/core/facts/types.js';

const snap = (id: string, value: unknown): FactValue => ({ id, status: 'ok', value, provenance: { source: 'snapshot', ref: `t.json facts["${id}"]` } });

function store(values: Record<string, unknown>, extra: FactValue[] = []): FactStore {
  const s = new FactStore(FACTS);
  for (const [id, v] of Object.entries(values)) s.set(snap(id, v));
  for (const v of extra) s.set(v);
  return s;
}

const needsDotnet = defineRule({
  id: 'test-needs-dotnet', title: 't', family: 'host', order: 1, severity: 'error', applies: '>=2.1', symptom: 's',
  needs: ['dotnet.release'],
  check: ({ facts }) => (facts['dotnet.release'] === 1 ? fail('one', [{ fact: 'dotnet.release', label: 'r', value: '1' }], { x: "a'b" }) : pass('ok')),
  remediation: [
    { id: 'a', title: 'A', text: 'a', command: 'Do-It -Value {x}', params: { x: 'x' }, runsOn: 'host', destructive: false },
    { id: 'old', title: 'Old', text: 'o', runsOn: 'host', destructive: false, versions: '<2.0' },
  ],
});

describe('the engine', () => {
  it('is not-applicable outside the version range, naming both', () => {
    const [r] = evaluate([needsDotnet], store({ 'cce.scriptVersion': '2.0.1.271', 'dotnet.release': 1 }));
    expect(r).toMatchObject({ status: 'not-applicable', message: 'applies to CCE >=2.1; this host runs 2.0.1.271' });
  });

  it('fails with evidence carrying provenance and remediation filled and filtered for the version', () => {
    const [r] = evaluate([needsDotnet], store({ 'cce.scriptVersion': '2.1.0.372', 'dotnet.release': 1 }));
    expect(r!.status).toBe('fail');
    expect(r!.evidence[0]!.provenance).toEqual({ source: 'snapshot', ref: 't.json facts["dotnet.release"]' });
    expect(r!.remediation.map((s) => s.id)).toEqual(['a']);
    expect(r!.remediation[0]!.command).toBe("Do-It -Value 'a''b'");
  });

  it('runs with an unknown version and says so', () => {
    const [r] = evaluate([needsDotnet], store({ 'dotnet.release': 1 }));
    expect(r!.status).toBe('fail');
    expect(r!.versionNote).toMatch(/CCE version is unknown .* applies to >=2.1 and was run anyway/);
    expect(r!.remediation.map((s) => s.id)).toEqual(['a', 'old']);
  });

  it('is unknown when a needed fact is not ok, naming it and why', () => {
    const denied: FactValue = { id: 'dotnet.release', status: 'denied', message: 'run as Administrator', provenance: { source: 'command', ref: 'probe' } };
    const [r] = evaluate([needsDotnet], store({ 'cce.scriptVersion': '2.1' }, [denied]));
    expect(r).toMatchObject({ status: 'unknown', unavailable: [{ fact: 'dotnet.release', status: 'denied', message: 'run as Administrator' }] });
    const [m] = evaluate([needsDotnet], store({ 'cce.scriptVersion': '2.1' }));
    expect(m).toMatchObject({ status: 'unknown', unavailable: [{ fact: 'dotnet.release', status: 'missing', message: 'not collected' }] });
  });

  it('reports a rule that throws as error and goes on with the others', () => {
    const broken = defineRule({
      id: 'test-broken', title: 't', family: 'host', order: 1, severity: 'critical', applies: 'all', symptom: 's', needs: ['dotnet.release'],
      check: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
      remediation: [{ id: 'a', title: 'A', text: 'a', runsOn: 'host', destructive: false }],
    });
    const results = evaluate([broken, needsDotnet], store({ 'cce.scriptVersion': '2.1', 'dotnet.release': 2 }));
    expect(results.map((r) => r.status)).toEqual(['error', 'pass']);
    expect(results[0]!.message).toBe("the rule failed: Cannot read properties of undefined (reading 'x')");
  });

  it('gives rules frozen facts', () => {
    const mutating = defineRule({
      id: 'test-mutating', title: 't', family: 'host', order: 1, severity: 'info', applies: 'all', symptom: 's', needs: ['dotnet.release'],
      check: ({ facts }) => {
        (facts as Record<string, unknown>)['dotnet.release'] = 5;
        return pass('x');
      },
      remediation: [{ id: 'a', title: 'A', text: 'a', runsOn: 'host', destructive: false }],
    });
    expect(evaluate([mutating], store({ 'dotnet.release': 1 }))[0]!.status).toBe('error');
  });

  it('derives facts and carries the input state into them', () => {
    const s = store({ 'file.cloudConnectorIni': { path: 'C:\\a\\CloudConnector.ini', exists: false, size: null, lastWriteTime: null, bytes: null } });
    expect(s.get('cce.ini')).toMatchObject({ status: 'missing', message: 'CloudConnector.ini does not exist at C:\\a\\CloudConnector.ini' });
    expect(new FactStore(FACTS).get('cce.ini')).toMatchObject({ status: 'missing', message: 'needs file.cloudConnectorIni: not collected' });
    expect(store({ 'cce.scriptVersion': 'banana' }).get('cce.version')).toMatchObject({ status: 'error', message: 'Get-CcVersion printed "banana", which is not a version' });
  });

  it('rejects malformed rule definitions at load time', () => {
    const base = { title: 't', family: 'host' as const, order: 1, severity: 'info' as const, applies: 'all', symptom: 's', needs: [] as const, check: () => pass('x') };
    expect(() => defineRule({ ...base, id: 'Bad Id', remediation: [{ id: 'a', title: 'A', text: 'a', runsOn: 'host', destructive: false }] })).toThrow(/kebab-case/);
    expect(() => defineRule({ ...base, id: 'no-steps', remediation: [] })).toThrow(/at least one remediation step/);
    expect(() => defineRule({ ...base, id: 'undescribed', remediation: [{ id: 'a', title: 'A', text: 'a', command: 'X {p}', runsOn: 'host', destructive: false }] })).toThrow(/\{p\} is not described/);
    expect(() => defineRule({ ...base, id: 'bad-range', applies: '>=two', remediation: [{ id: 'a', title: 'A', text: 'a', runsOn: 'host', destructive: false }] })).toThrow(/not a version bound/);
  });
});

describe('the installed CCE version', () => {
  const moduleIni = (path: string, running: string) => ({
    path, exists: true, size: null, lastWriteTime: null, bytes: new TextEncoder().encode(`[Version]\r\nRunningVersion=${running}\r\n`),
  });
  const absent = (path: string) => ({ path, exists: false, size: null, lastWriteTime: null, bytes: null });
  it('comes from Get-CcVersion, else %ProgramData% module.ini (1.4.x), else %UserProfile% module.ini (1.3.x)', () => {
    expect(store({ 'cce.scriptVersion': '2.1.0.372', 'file.moduleIni.programData': moduleIni('C:\\ProgramData\\CloudConnector\\module.ini', '2.0.1') }).get('cce.version').value).toBe('2.1.0.372');
    expect(store({ 'cce.scriptVersion': null, 'file.moduleIni.programData': moduleIni('C:\\ProgramData\\CloudConnector\\module.ini', '1.4.2.55') }).get('cce.version').value).toBe('1.4.2.55');
    const old = store({
      'cce.scriptVersion': null,
      'file.moduleIni.programData': absent('C:\\ProgramData\\CloudConnector\\module.ini'),
      'file.moduleIni.userProfile': moduleIni('C:\\Users\\cceadmin\\CloudConnector\\module.ini', '1.3.8.12'),
    });
    expect(old.get('cce.version')).toMatchObject({ status: 'ok', value: '1.3.8.12' });
    // After an upgrade the %UserProfile% copy is stale: it never dates a host that has the %ProgramData% file.
    const upgraded = store({
      'cce.scriptVersion': null,
      'file.moduleIni.programData': { ...moduleIni('C:\\ProgramData\\CloudConnector\\module.ini', ''), bytes: new TextEncoder().encode('[Version]\r\n') },
      'file.moduleIni.userProfile': moduleIni('C:\\Users\\cceadmin\\CloudConnector\\module.ini', '1.3.8.12'),
    });
    expect(upgraded.get('cce.version').status).toBe('missing');
    // Last resort: the installed CloudConnector module's own version.
    upgraded.set(snap('ps.cloudConnectorModule', { path: 'C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector', exists: true, lastWriteTime: null, version: '1.4.1.33' }));
    expect(upgraded.get('cce.version')).toMatchObject({ status: 'ok', value: '1.4.1.33' });
    expect(store({ 'cce.scriptVersion': null }).get('cce.version')).toMatchObject({ status: 'missing', message: expect.stringContaining('no module.ini names a running version') });
  });
});

describe('host kind', () => {
  it('rules CCE rules out on a Lync Server and Lync rules out on an appliance', async () => {
    const { checkSnapshot } = await import('../helpers/check.js');
    const lync = await checkSnapshot(join(import.meta.dirname, '..', '..', 'snapshots', 'lync-fe-draining.json'));
    const byFamily = (fam: string) => lync.results.filter((r) => (fam === 'lync' ? r.family === 'lync' : r.family !== 'lync'));
    expect(byFamily('cce').every((r) => r.status === 'not-applicable' && r.message.includes('this host is a Lync / Skype for Business Server'))).toBe(true);
    expect(byFamily('lync').map((r) => r.status)).toEqual(['fail', 'fail']);
    const unknownKind = store({ 'dotnet.release': 1 });
    expect(unknownKind.get('host.kind').status).toBe('missing');
    expect(evaluate([needsDotnet], unknownKind)[0]!.status).toBe('fail'); // unknown kind: rules still run
  });
});

describe('checklist answers that name a file', () => {
  it('read the operator\'s copy, refusing what is missing, not a file, or too big', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-copy-'));
    const toValue = FACTS.get('file.cloudConnectorIni')!.checklist!.toValue;
    writeFileSync(join(dir, 'CloudConnector.ini'), '[Common]\r\nState=\r\n');
    expect(toValue(join(dir, 'CloudConnector.ini'))).toMatchObject({ exists: true, size: Buffer.byteLength('[Common]\r\nState=\r\n'), path: 'CloudConnector.ini' });
    expect(() => toValue(join(dir, 'nope.ini'))).toThrow(/nope\.ini: no such file/);
    expect(() => toValue(dir)).toThrow(/is not a file/);
    writeFileSync(join(dir, 'huge.ini'), Buffer.alloc(5 * 1024 * 1024));
    expect(() => toValue(join(dir, 'huge.ini'))).toThrow(/too big/);
  });
});

describe('secret literals of the facts a rule needs', () => {
  const echoEnv = defineRule({
    id: 'test-echo-env', title: 't', family: 'host', order: 1, severity: 'error', applies: 'all', symptom: 's',
    needs: ['host.env'],
    check: ({ facts }) => fail(`seen ${(facts['host.env'] as Record<string, string>).NOTE}`, [{ fact: 'host.env', label: 'note', value: (facts['host.env'] as Record<string, string>).NOTE! }]),
    remediation: [{ id: 'a', title: 'A', text: 'a', runsOn: 'host', destructive: false }],
  });

  it('are masked in every rule that needs the fact, and follow a value that is replaced in the store', () => {
    const s = store({ 'host.env': { DB_PASSWORD: 'Hunter2-first', NOTE: 'uses Hunter2-first' } });
    const [a, b] = evaluate([echoEnv, { ...echoEnv, id: 'test-echo-env-2' }], s);
    for (const r of [a!, b!]) {
      expect(r.message).toBe('seen uses [secret removed]');
      expect(r.evidence[0]!.value).toBe('uses [secret removed]');
    }
    s.set(snap('host.env', { DB_PASSWORD: 'Second-secret', NOTE: 'uses Second-secret and Hunter2-first' }));
    const [c] = evaluate([echoEnv], s);
    // The old value is no secret of this store any more; the new one is.
    expect(c!.message).toBe('seen uses [secret removed] and Hunter2-first');
  });
});
