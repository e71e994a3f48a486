/**
 * Secrets in every output (issue 13 item 8): a property test plants random secrets of every known shape
 * (URL user info, Authorization Basic/Bearer headers, password=/pwd=/token= and connection strings,
 * PowerShell -Password and SecureString text, SAS signatures, account keys, private keys, Clixml) in
 * every string fact of a snapshot, and in fact messages, then asserts that none of them is in check text,
 * check JSON, any report format (plain and --redact) or explain, while the text around them is.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FACTS } from '../../src/facts/index.js';
import * as z from '../../src/core/schema.js';
import { parseSnapshot } from '../../src/core/snapshot/load.js';
import { runRules } from '../helpers/check.js';
import { defineRule, fail } from '../../src/core/rules/define.js';
import { checkText } from '../../src/core/output/check-text.js';
import { checkJson } from '../../src/core/output/check-json.js';
import { plainStyle } from '../../src/core/output/style.js';
import { buildReport, renderReport, REPORT_FORMATS } from '../../src/core/report/index.js';
import { explainText } from '../../src/core/explain/match.js';
import { entriesFromMatches, explainJson, explainTextReport } from '../../src/core/explain/report.js';
import { RULES } from '../helpers/catalogue.js';
import { cli, demoJson, expectCliRan, generate, tempDir, GENERATED } from './harness.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

vi.setConfig({ testTimeout: 180_000 });

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Every known secret shape: the text to plant, and what must never be shown. */
export const SHAPES: ((s: string) => { text: string; forbidden: string[] })[] = [
  (s) => ({ text: `https://user:${s}@proxy.contoso.com:8080/`, forbidden: [s] }),
  (s) => ({ text: `ftp://admin:${s}@files.contoso.com/in`, forbidden: [s] }),
  (s) => ({ text: `Authorization: Basic ${b64(`svc-account:${s}`)}`, forbidden: [s, b64(`svc-account:${s}`)] }),
  (s) => ({ text: `curl -H "Authorization: Basic ${b64(`u:${s}`)}" https://x`, forbidden: [s, b64(`u:${s}`)] }),
  (s) => ({ text: `Authorization: Bearer ${s}`, forbidden: [s] }),
  (s) => ({ text: `Proxy-Authorization: Bearer ${s}`, forbidden: [s] }),
  (s) => ({ text: `token in use: Bearer ${s}.${s}`, forbidden: [s] }),
  (s) => ({ text: `Basic ${b64(`admin:${s}`)}`, forbidden: [s, b64(`admin:${s}`)] }),
  (s) => ({ text: `password=${s}`, forbidden: [s] }),
  (s) => ({ text: `pwd=${s}&user=x`, forbidden: [s] }),
  (s) => ({ text: `Password: ${s}`, forbidden: [s] }),
  (s) => ({ text: `{"password": "${s}"}`, forbidden: [s] }),
  (s) => ({ text: `Server=db;User Id=sa;Password=${s};`, forbidden: [s] }),
  (s) => ({ text: `DomainAdminPassword=${s}`, forbidden: [s] }),
  (s) => ({ text: `New-LocalUser x -Password ${s}`, forbidden: [s] }),
  (s) => ({ text: `ConvertTo-SecureString '${s}' -AsPlainText -Force`, forbidden: [s] }),
  (s) => ({ text: `$c = New-Object PSCredential('u', (ConvertTo-SecureString "${s}" -AsPlainText -Force))`, forbidden: [s] }),
  (s) => ({ text: `client_secret=${s}`, forbidden: [s] }),
  (s) => ({ text: `access_token=${s}`, forbidden: [s] }),
  (s) => ({ text: `api_key: ${s}`, forbidden: [s] }),
  (s) => ({ text: `https://acct.blob.core.windows.net/c?sv=2020-08-04&sig=${s}`, forbidden: [s] }),
  (s) => ({ text: `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${s};`, forbidden: [s] }),
  (s) => ({ text: `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----`, forbidden: [s] }),
  (s) => ({ text: `<SS N="Password">${s}</SS>`, forbidden: [s] }),
];

type Json = Record<string, unknown> | unknown[];

/** Paths (fact id, then keys) of every string in the snapshot's facts that can hold more text and still fit its fact. */
function plantableLeaves(): { id: string; path: (string | number)[] }[] {
  const snap = demoJson();
  const out: { id: string; path: (string | number)[] }[] = [];
  for (const [id, entry] of Object.entries(snap.facts)) {
    const spec = FACTS.get(id);
    if (!spec || spec.derive || entry.status !== 'ok') continue;
    const walk = (v: unknown, path: (string | number)[]) => {
      if (typeof v === 'string') {
        const copy = structuredClone(entry.value);
        set(copy, path, `${v} probe password=x`);
        if (z.safeParse(spec.schema, copy).success) out.push({ id, path });
        return;
      }
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(entry.value, []);
  }
  return out;
}

function get(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);
}
function set(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Json;
  (parent as Record<string | number, unknown>)[path.at(-1)!] = value;
  return root;
}

const LEAVES = plantableLeaves();

/** Quotes every string of every fact it gets as evidence: the strongest way for a planted secret to reach an output. */
const echoAll = defineRule({
  id: 'test-echo-all', title: 'Echo', family: 'host', order: 1, severity: 'error', applies: 'all', symptom: 's', needs: [],
  optional: [...new Set(LEAVES.map((l) => l.id))] as never[],
  check: ({ facts }) => {
    const evidence: { fact: never; label: string; value: string }[] = [];
    const walk = (id: string, v: unknown) => {
      if (typeof v === 'string') evidence.push({ fact: id as never, label: id, value: v });
      else if (Array.isArray(v)) v.forEach((x) => walk(id, x));
      else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(id, x);
    };
    for (const [id, v] of Object.entries(facts as Record<string, unknown>)) walk(id, v);
    return fail('echoes every fact', evidence, { first: evidence[0]?.value ?? '' });
  },
  remediation: [{ id: 'echo', title: 'Echo', text: 'Echo.', command: 'Write-Output {first}', params: { first: 'f' }, runsOn: 'host', destructive: false }],
});

/** One planting: a secret per leaf (every shape in turn), a secret per non-ok fact message. */
const planting = fc.array(fc.stringMatching(/^[A-Za-z0-9]{12,20}$/), { minLength: LEAVES.length + 8, maxLength: LEAVES.length + 8 }).map((raw) => raw.map((r, i) => `Zq${i}x${r}`));
export const PLANTINGS = generate(planting, GENERATED['item 8: secret plantings (every shape, every string fact)']);

function plant(secrets: string[], offset: number): { bytes: Uint8Array; forbidden: string[] } {
  const snap = demoJson();
  const forbidden: string[] = [];
  LEAVES.forEach((leaf, i) => {
    const shaped = SHAPES[(i + offset) % SHAPES.length]!(secrets[i]!);
    const entry = snap.facts[leaf.id]!;
    const before = String(get(entry.value, leaf.path));
    entry.value = set(entry.value, leaf.path, `${before} ${shaped.text}`);
    // A value the fact's schema refuses with this shape (a date that no longer parses) is left as it was.
    if (z.safeParse(FACTS.get(leaf.id)!.schema, entry.value).success) forbidden.push(...shaped.forbidden);
    else entry.value = set(entry.value, leaf.path, before);
  });
  // Messages of facts that could not be collected are shown under "could not check".
  let k = LEAVES.length;
  for (const entry of Object.values(snap.facts)) {
    if (entry.status === 'ok' || k >= secrets.length) continue;
    const shaped = SHAPES[(k + offset) % SHAPES.length]!(secrets[k++]!);
    forbidden.push(...shaped.forbidden);
    entry.message = `${entry.message ?? ''} ${shaped.text}`;
  }
  return { bytes: new TextEncoder().encode(JSON.stringify(snap)), forbidden };
}

async function outputs(bytes: Uint8Array): Promise<Record<string, string>> {
  const snap = parseSnapshot(bytes, 'host.json', FACTS);
  const run = await runRules(snap.store, { kind: 'snapshot', ref: 'host.json' }, { name: snap.host.name }, { rules: [...RULES, echoAll] }, snap.warnings);
  const out: Record<string, string> = { 'check text': checkText(run, plainStyle), 'check json': JSON.stringify(checkJson(run, 'error', 't')) };
  for (const redact of [false, true]) {
    const model = buildReport(run, { redact, now: new Date('2026-01-01T00:00:00Z') });
    for (const f of REPORT_FORMATS) out[`report ${f}${redact ? ' redacted' : ''}`] = renderReport(model, f);
  }
  return out;
}

describe('no planted secret of any shape reaches any output', () => {
  it(`plants into ${LEAVES.length} string leaves of the demo's facts, every shape`, async () => {
    expect(LEAVES.length).toBeGreaterThan(SHAPES.length);
  });

  it.each(PLANTINGS.map((p, i) => [i, p]))('planting %i', async (i, secrets) => {
    const { bytes, forbidden } = plant(secrets, i);
    for (const [format, text] of Object.entries(await outputs(bytes))) {
      for (const s of forbidden) {
        const at = text.indexOf(s);
        expect(at, `${format} shows ${s}: ${JSON.stringify(text.slice(Math.max(0, at - 150), at + 60))}`).toBe(-1);
      }
      // Not vacuous: the echoed facts, with their masks, are in the output.
      expect(text, format).toContain('secret removed');
    }
  });

  it.each(SHAPES.map((_, i) => [i]))('explain: shape %i next to a documented error text', (i) => {
    const secret = `Zq${i}Explain${'k'.repeat(12)}`;
    const { text: planted, forbidden } = SHAPES[i]!(secret);
    const input = `${planted}\nThe term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet ${planted}`;
    const entries = entriesFromMatches(explainText(input, RULES), RULES);
    expect(entries.length).toBeGreaterThan(0);
    const shown = [explainTextReport(entries, { source: 'text' }, plainStyle), JSON.stringify(explainJson(entries, { source: 'text' }))];
    for (const text of shown) for (const s of forbidden) expect(text).not.toContain(s);
  });

  it('the CLI: check text and JSON, report md, explain (one planting)', async () => {
    const { bytes, forbidden } = plant(PLANTINGS[0]!, 0);
    const file = join(tempDir(), 'planted.json');
    writeFileSync(file, bytes);
    const runs = await Promise.all([
      cli(['check', '--snapshot', file]),
      cli(['check', '--snapshot', file, '--format', 'json']),
      cli(['report', '--snapshot', file, '--format', 'html']),
      cli(['explain', `The term 'Stop-CsWindowsService' is not recognized ${SHAPES[0]!(forbidden[0]!).text}`]),
    ]);
    for (const r of runs) {
      expectCliRan(r);
      for (const s of forbidden) expect(r.stdout + r.stderr).not.toContain(s);
    }
  });
});

describe('the wizard shows what explain matched through the same masking', () => {
  it.each(SHAPES.map((_, i) => [i]))('shape %i inside the matched text', (i) => {
    const secret = `Zq${i}Wizard${'w'.repeat(12)}`;
    const { text: planted, forbidden } = SHAPES[i]!(secret);
    // The registration-conflict text quotes the operator's own values: a secret can sit inside the match.
    const input = `Cannot register appliance because your current input/configuration ${planted} or CCE01 conflicts with existing appliance(s).`;
    for (const m of explainText(input, RULES)) for (const s of forbidden) expect(m.matched).not.toContain(s);
  });
});
