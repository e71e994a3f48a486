/**
 * Host values that break the engine or the outputs (issue 13 items 2, 3, 10, 11): a NUL in a value that
 * fills a remediation command makes that rule `error` and the run goes on; findings with 100k evidence
 * lines and deeply nested values render in every format (no spread into push, no unbounded recursion);
 * a control character is shown the same visible way in every format; a version that is not one makes
 * running-version-mismatch `unknown` with the reason.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FACTS } from '../../src/facts/index.js';
import { FactStore } from '../../src/core/facts/store.js';
import type { FactValue } from '../../src/core/facts/types.js';
import { evaluate } from '../../src/core/engine/evaluate.js';
import { defineRule, fail } from '../../src/core/rules/define.js';
import type { RuleResult } from '../../src/core/rules/types.js';
import type { CheckRun } from '../../src/core/run/check-run.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { runRules } from '../helpers/check.js';
import { checkText } from '../../src/core/output/check-text.js';
import { checkJson } from '../../src/core/output/check-json.js';
import { plainStyle } from '../../src/core/output/style.js';
import { buildReport, renderReport, REPORT_FORMATS } from '../../src/core/report/index.js';
import { psText } from '../../src/core/tenant/ps-json.js';
import { controlPicture } from '../../src/core/text/sanitize.js';
import runningVersionMismatch from '../../rules/running-version-mismatch.js';
import { checkVariant } from '../helpers/snapshot-variant.js';
import { cli, expectCliRan, generate, ROOT, tempDir, GENERATED } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const fact = (id: string, value: unknown): FactValue => ({ id, status: 'ok', value, provenance: { source: 'snapshot', ref: `t.json facts["${id}"]` } });

/** A rule that quotes host.name in its evidence and fills it into a command. */
const echoName = defineRule({
  id: 'test-echo-name', title: 'echo', family: 'host', order: 1, severity: 'error', applies: 'all', symptom: 's', needs: ['host.name'],
  check: ({ facts }) => fail(`the host is ${facts['host.name']}`, [{ fact: 'host.name', label: 'name', value: facts['host.name'] }], { name: facts['host.name'] }),
  remediation: [{ id: 'show', title: 'Show', text: 'Shows the host.', command: 'Get-Thing -Name {name}', params: { name: 'the host' }, runsOn: 'host', destructive: false }],
});
const other = defineRule({
  id: 'test-other', title: 'other', family: 'host', order: 2, severity: 'warning', applies: 'all', symptom: 's', needs: ['host.name'],
  check: () => fail('still evaluated', []),
  remediation: [{ id: 'look', title: 'Look', text: 'Look at it.', runsOn: 'host', destructive: false }],
});

async function run(name: string, results?: RuleResult[]): Promise<CheckRun> {
  const store = new FactStore(FACTS);
  store.set(fact('host.name', name));
  const r = await runRules(store, { kind: 'snapshot', ref: 't.json' }, { name: 'host' }, { rules: [echoName, other] });
  return results ? { ...r, results } : r;
}

function everyFormat(r: CheckRun): Record<string, string> {
  const out: Record<string, string> = { 'check text': checkText(r, plainStyle), 'check json': JSON.stringify(checkJson(r, 'error', 't')) };
  const model = buildReport(r, { now: new Date('2026-01-01T00:00:00Z') });
  for (const f of REPORT_FORMATS) out[`report ${f}`] = renderReport(model, f);
  return out;
}

/** Host names with a NUL somewhere (PowerShell cannot take one: quoting refuses it). */
export const NUL_VALUES = generate(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`), GENERATED['item 2: NUL in a command parameter']);

describe('a value that cannot be quoted for PowerShell makes that rule an error; the run goes on', () => {
  it.each(NUL_VALUES.map((v, i) => [i, v]))('case %i', async (_i, name) => {
    const [echo, rest] = (await run(name)).results;
    expect(echo!.status).toBe('error');
    expect(echo!.message).toMatch(/the rule failed while filling in its remediation: .*NUL/);
    expect(rest!.status).toBe('fail');
  });

  it('the CLI: a NUL in the credentials file name (a command parameter) → that rule is error, every other rule runs', async () => {
    const snap = readSnapshotJson(join(ROOT, 'snapshots', 'symptom-credential-store-unreadable.json')) as any;
    snap.facts['cce.credentialFile'].value.files[0].name = 'credentials\u0000.xml';
    const file = join(tempDir(), 'nul.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await cli(['check', '--snapshot', file, '--format', 'json']);
    expectCliRan(r);
    const json = JSON.parse(r.stdout) as { results: { rule: string; status: string; message: string }[] };
    expect(json.results.find((x) => x.rule === 'credential-store-unreadable')).toMatchObject({ status: 'error' });
    expect(json.results.filter((x) => x.status === 'pass').length).toBeGreaterThan(5);
    expectCliRan(await cli(['report', '--snapshot', file, '--format', 'md']));
  });
});

/** Evidence counts far beyond any call stack's argument limit. */
export const EVIDENCE_SIZES = generate(fc.integer({ min: 100_000, max: 110_000 }), GENERATED['item 3: 100k+ evidence lines']);

describe('findings with 100k+ evidence lines render in every format', () => {
  it.each(EVIDENCE_SIZES.map((n) => [n]))('%i evidence lines', async (n) => {
    const base = await run('host');
    const evidence = Array.from({ length: n }, (_, i) => ({ fact: 'host.name' as const, label: 'line', value: `log line ${i}`, provenance: { source: 'snapshot' as const, ref: 't.json' } }));
    const results = base.results.map((r) => (r.rule === 'test-other' ? { ...r, evidence } : r));
    const out = everyFormat({ ...base, results });
    expect(out['check text']).toContain(`log line ${n - 1}`);
    expect(out['check json']).toContain(`log line ${n - 1}`);
  });
});

/** Nesting depths far beyond a recursive reader's stack. */
export const DEPTHS = generate(fc.integer({ min: 50_000, max: 200_000 }), GENERATED['item 3: deep nesting']);

describe('deeply nested values: no unbounded recursion', () => {
  it.each(DEPTHS.map((n) => [n]))('depth %i through psText (tenant values)', (n) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < n; i++) v = { Value: v };
    expect(psText(v)).toBeNull();
  });

  it('the CLI: a snapshot fact nested 100,000 deep is checked and reported', async () => {
    const snap = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8'));
    snap.facts['host.env'] = { status: 'error', message: 'x', raw: `${'['.repeat(50_000)}` };
    // Written as text: this test's own JSON.stringify would overflow on such a value.
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const text = JSON.stringify(snap).replace(/}}$/, `,"some.future.fact":{"status":"ok","value":${deep}},"cce.ini":{"status":"ok","value":${deep}}}}`);
    const file = join(tempDir(), 'deep.json');
    writeFileSync(file, text);
    const results = await Promise.all([cli(['check', '--snapshot', file]), cli(['report', '--snapshot', file, '--format', 'json'])]);
    for (const r of results) expectCliRan(r);
  });
});

const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\n' && c !== '\t' && c !== '\u001b'), '\u007f'];
/** Values with a control character between two markers. */
export const CONTROL_VALUES = generate(fc.tuple(fc.constantFrom(...CONTROLS), fc.stringMatching(/^[A-Za-z]{1,6}$/)), GENERATED['item 10: control characters in every format']);

describe('a control character is shown the same visible way in every format', () => {
  it.each(CONTROL_VALUES.map(([c, w], i) => [i, c.charCodeAt(0), w]))('case %i: U+%i', async (_i, code, word) => {
    if (code === 0) return; // NUL is the rule-error case above
    const c = String.fromCharCode(code);
    const picture = controlPicture(c);
    const value = `Start${word}${c}End${word}`;
    const out = everyFormat(await run(value));
    for (const [format, text] of Object.entries(out)) {
      const shown = format.endsWith('json') ? JSON.stringify(`Start${word}${picture}End${word}`).slice(1, -1) : `Start${word}${picture}End${word}`;
      expect(text, format).toContain(shown);
      expect(text.includes(c) && c !== '\r', `${format} holds the raw control`).toBe(false);
    }
  });
});

/** Text that is not a version: Get-CcVersion never prints it. */
export const GARBAGE_VERSIONS = generate(
  fc.tuple(
    fc.oneof(
      fc.constantFrom('NaN', '-1.0', '2..1', 'v2', '2.1.x', '1e3', 'Infinity', '２.１', '2.1.0.372.5', '.2', '2.', '0x10', '2,1'),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/^\s*\d+(\.\d+){0,3}\s*$/.test(s)),
    ),
    fc.constantFrom('cce.scriptVersion', 'cce.runningVersion'),
  ),
  GENERATED['item 11: garbage versions'],
);

describe('a version that is not one makes running-version-mismatch unknown, with the reason', () => {
  it.each(GARBAGE_VERSIONS.map(([v, f], i) => [i, f, v]))('case %i: %s = %j', async (_i, factId, value) => {
    const r = await checkVariant(runningVersionMismatch, 'healthy-2.1.json', { [factId]: value });
    expect(r.status, r.message).toBe('unknown');
    expect(r.message).toMatch(/is not a version \(expected numbers separated by dots/);
  });

  it('other rules say the CCE version could not be read, and why', () => {
    const store = new FactStore(FACTS);
    store.set(fact('cce.scriptVersion', 'NaN'));
    store.set(fact('host.name', 'h'));
    const [r] = evaluate([defineRule({ ...other, applies: '>=2.0' })], store);
    expect(r!.versionNote ?? '').toMatch(/CCE version is unknown|not a version/);
  });
});
