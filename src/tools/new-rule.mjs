#!/usr/bin/env node
// npm run new-rule -- ID [--family F] [--fact FACT_ID [--area NAME]]
// Writes a new symptom from a template that typechecks and whose test passes: rules/ID.ts, the snapshot
// patch snapshots/symptom-ID.json (healthy-2.1.json with the fact that makes the rule fail) and
// test/rules/ID.test.ts. With --fact NEW.ID it also adds that fact's skeleton, healthy value included, to
// its area's file under src/facts/, and rewrites the generated base snapshots so that they hold it (npm run
// update-snapshots). Nothing else needs an edit: rules are discovered from rules/*.ts, snapshots/ accepts
// hand-written patches, and the frozen id list takes new ids.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = process.env.CCDOCTOR_PROJECT_ROOT ?? join(import.meta.dirname, '..', '..');
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FACT_ID = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
const BASE = 'healthy-2.1.json';
const COLLECTED = '2026-11-20T02:14:07.000Z';
/** Without --fact the template reads this fact; no committed snapshot has the value it fails on. */
const DEFAULT_FACT = { id: 'dotnet.release', symptom: 1, type: 'number' };
/** A new fact's value on the healthy hosts until the newcomer writes the real one. */
const HEALTHY_PLACEHOLDER = 'TODO-healthy';
const UPDATE_SNAPSHOTS = 'npm run update-snapshots';

class UsageError extends Error {}

function parseArgs(argv) {
  const out = { id: undefined, family: 'host', fact: undefined, area: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--family' || a === '--fact' || a === '--area') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      out[a.slice(2)] = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a} (options: --family F, --fact FACT_ID, --area NAME)`);
    else if (out.id === undefined) out.id = a;
    else throw new UsageError(`one rule id only (got "${out.id}" and "${a}")`);
  }
  if (out.id === undefined) throw new UsageError('usage: npm run new-rule -- ID [--family F] [--fact FACT_ID [--area NAME]]');
  return out;
}

/** The families of src/core/rules/types.ts, in catalogue order. */
function families() {
  const src = readFileSync(join(ROOT, 'src', 'core', 'rules', 'types.ts'), 'utf8');
  const m = /export type Family = ([^;]+);/.exec(src);
  if (!m) throw new Error('src/core/rules/types.ts: no "export type Family = ..." to read the families from');
  return [...m[1].matchAll(/'([a-z]+)'/g)].map((x) => x[1]);
}

/** The next free place in a family: ten past the highest order the family's rules use. */
function nextOrder(family) {
  let max = 0;
  for (const name of readdirSync(join(ROOT, 'rules')).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(ROOT, 'rules', name), 'utf8');
    const f = /^\s*family:\s*'([a-z]+)'/m.exec(src);
    const o = /^\s*order:\s*(\d+)/m.exec(src);
    if (f?.[1] === family && o) max = Math.max(max, Number(o[1]));
  }
  return (Math.floor(max / 10) + 1) * 10;
}

/** Where each fact is declared: fact id → area file (src/facts/x.ts). */
function factFiles() {
  const dir = join(ROOT, 'src', 'facts');
  const out = new Map();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/^\s*id:\s*'([a-zA-Z0-9.]+)'/gm)) out.set(m[1], `src/facts/${name}`);
  }
  return out;
}

/** The area file a new fact goes in: --area, else src/facts/PREFIX.ts, else the one file that holds facts with its prefix. */
function areaFile(factId, known, area) {
  const areas = [...new Set(known.values())].sort();
  if (area !== undefined) {
    const file = `src/facts/${area.replace(/\.ts$/, '')}.ts`;
    if (!areas.includes(file)) throw new UsageError(`--area ${area}: not an area file of src/facts/ (one of ${areas.map((f) => f.slice(10, -3)).join(', ')})`);
    return file;
  }
  const prefix = factId.split('.')[0];
  if (areas.includes(`src/facts/${prefix}.ts`)) return `src/facts/${prefix}.ts`;
  const files = [...new Set([...known].filter(([id]) => id.split('.')[0] === prefix).map(([, f]) => f))].sort();
  if (files.length === 1) return files[0];
  if (files.length > 1) throw new UsageError(`--fact ${factId}: "${prefix}.*" facts live in ${files.join(' and ')}: say which with --area (${files.map((f) => f.slice(10, -3)).join(' or ')})`);
  const prefixes = [...new Set([...known.keys()].map((id) => id.split('.')[0]))].sort();
  throw new UsageError(`--fact ${factId}: no area holds "${prefix}.*" facts: start the id with one of ${prefixes.join(', ')}, or give --area`);
}

/** A value as TypeScript source: strings in single quotes, as the project writes them. */
const ts = (v) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v));
const camel = (factId) => factId.split(/[.]/).map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
const title = (id) => id.split('-').join(' ');

function ruleSource({ id, family, order, fact }) {
  const shown = fact.type === 'number' ? 'String(value)' : 'value';
  return `import { defineRule, fail, pass, unknown } from '../src/core/rules/api.js';

// TODO(${id}): what the operator sees, the documented error text, the fix. Written by npm run new-rule.
const SYMPTOM = ${ts(fact.symptom)};

export default defineRule({
  id: '${id}',
  title: 'TODO: ${title(id)} (what is wrong, in one line)',
  family: '${family}',
  order: ${order},
  severity: 'warning',
  applies: 'all',
  symptom: 'TODO: what the operator sees when this goes wrong',
  needs: ['${fact.id}'],
  signatures: [
    {
      text: 'TODO: the error text as Windows or CCE prints it, word for word',
      pattern: /todo: the error text as windows or cce prints it/i,
    },
  ],
  check({ facts }) {
    const value = facts['${fact.id}'];
    if (value === null) return unknown('${fact.id} has no value to judge (TODO: say why that can happen)', ['${fact.id}']);
    const evidence = [{ fact: '${fact.id}' as const, label: 'TODO: what this value is', ${fact.type === 'number' ? 'value: String(value)' : 'value'} }];
    if (value === SYMPTOM) return fail(\`TODO: what is wrong: ${fact.id} is \${${shown}}\`, evidence);
    return pass(\`TODO: why this is fine: ${fact.id} is \${${shown}}\`, evidence);
  },
  remediation: [
    {
      id: 'fix-it',
      title: 'TODO: the first step of the fix',
      text: 'TODO: what to do, where, and how to see that it worked.',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
`;
}

const factEntry = (id, value) => ({ status: 'ok', value, source: 'command', ref: `probe ${id}`, collectedAt: COLLECTED, durationMs: 40 });

function snapshotSource({ id, fact }) {
  const patch = {
    schema: 'ccdoctor/snapshot',
    version: 1,
    extends: BASE,
    host: { description: `TODO: the host of the ${id} symptom (what happened to it).` },
    facts: { [fact.id]: factEntry(fact.id, fact.symptom) },
  };
  return `${JSON.stringify(patch, null, 2)}\n`;
}

function testSource({ id, fact }) {
  const shown = fact.type === 'number' ? String(fact.symptom) : fact.symptom;
  return `import rule from '../../rules/${id}.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-${id}.json',
      message: /${fact.id.replace(/\./g, '\\.')} is ${shown}/,
      evidence: [{ fact: '${fact.id}', value: ${ts(shown)} }],
    },
  ],
  pass: [{ snapshot: '${BASE}' }],
  unknown: [{ snapshot: 'symptom-${id}.json', facts: { '${fact.id}': null }, unavailable: ['${fact.id}'] }],
});
`;
}

function factSource(factId) {
  return `
// TODO(${factId}): what this fact holds and how the host answers it (written by npm run new-rule).
export const ${camel(factId)} = defineFact({
  id: '${factId}',
  title: 'TODO: what ${factId} is',
  schema: z.nullable(z.string()),
  // TODO(${factId}): what a healthy host answers; every generated base snapshot (healthy-*.json, demo.json)
  // holds it. After changing it or the schema: ${UPDATE_SNAPSHOTS}
  healthy: ${ts(HEALTHY_PLACEHOLDER)},
  live: { script: '$null # TODO: the Windows PowerShell 5.1 that reads ${factId}' },
  checklist: {
    question: 'TODO: the question that asks the operator for ${factId}',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => a,
  },
});
`;
}

/** Writes a file that must not exist yet; the content goes to a temporary name first, then is renamed. */
function writeNew(rel, text) {
  const path = join(ROOT, rel);
  const tmp = `${path}.new-rule-${process.pid}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, path);
}

function appendTo(rel, text) {
  const path = join(ROOT, rel);
  const tmp = `${path}.new-rule-${process.pid}.tmp`;
  const before = readFileSync(path, 'utf8');
  writeFileSync(tmp, `${before.replace(/\n*$/, '\n')}${text}`, { flag: 'wx' });
  renameSync(tmp, path);
}

function main(argv) {
  const args = parseArgs(argv);
  const { id, family } = args;
  if (!RULE_ID.test(id)) throw new UsageError(`rule id "${id}" must be kebab-case: lowercase letters and digits joined by single hyphens (e.g. dns-suffix-missing)`);
  const fams = families();
  if (!fams.includes(family)) throw new UsageError(`--family ${family}: not a family (one of ${fams.join(', ')})`);
  const frozen = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'rule-ids.json'), 'utf8')).ids;
  if (existsSync(join(ROOT, 'rules', `${id}.ts`)) || frozen.includes(id)) throw new UsageError(`rule id "${id}" is taken (rules/${id}.ts): choose another id`);
  const files = { rule: `rules/${id}.ts`, snapshot: `snapshots/symptom-${id}.json`, test: `test/rules/${id}.test.ts` };
  for (const f of Object.values(files)) if (existsSync(join(ROOT, f))) throw new UsageError(`${f} already exists: choose another id, or remove the file`);

  if (args.area !== undefined && args.fact === undefined) throw new UsageError('--area goes with --fact (the area file the new fact is added to)');
  let fact = DEFAULT_FACT;
  let area;
  if (args.fact !== undefined) {
    if (!FACT_ID.test(args.fact)) throw new UsageError(`--fact ${args.fact}: a fact id is area.name in camelCase (e.g. host.dnsSuffix)`);
    const known = factFiles();
    if (known.has(args.fact)) throw new UsageError(`--fact ${args.fact}: that fact exists (${known.get(args.fact)}): --fact adds a new one; leave it out and name ${args.fact} in needs`);
    area = areaFile(args.fact, known, args.area);
    const src = readFileSync(join(ROOT, area), 'utf8');
    if (new RegExp(`\\b${camel(args.fact)}\\b`).test(src)) throw new UsageError(`--fact ${args.fact}: ${area} already uses the name ${camel(args.fact)}`);
    fact = { id: args.fact, symptom: 'TODO-symptom', type: 'string' };
  }

  const order = nextOrder(family);
  writeNew(files.rule, ruleSource({ id, family, order, fact }));
  writeNew(files.snapshot, snapshotSource({ id, fact }));
  writeNew(files.test, testSource({ id, fact }));
  if (area) appendTo(area, factSource(fact.id));

  const wrote = [files.rule, files.snapshot, files.test].map((f) => `  wrote ${f}`);
  if (area) wrote.push(`  added the fact ${fact.id} to ${area}`);
  // The new fact's healthy value goes on every generated base host now, so the project stays consistent.
  const rewrite = area ? updateSnapshots() : undefined;
  if (rewrite) wrote.push(...rewrite.stdout.trim().split('\n').map((l) => `  ${l}`));
  const rel = relative(process.cwd(), ROOT) || '.';
  console.log([
    `New rule ${id} (family ${family}, order ${order}):`,
    ...wrote,
    'Next:',
    `  1. Fill in every TODO in ${files.rule}${area ? `, and the fact in ${area} (schema, healthy value, live probe, checklist question)` : ` (it reads ${fact.id}: change needs to the facts it uses)`}.`,
    ...(area ? [
      `     ${fact.id}'s healthy value is on every generated base host (healthy-*.json, demo.json, ha-site-appliance-2.json, the first appliance of each site folder).`,
      `     After changing it or the schema, rewrite them: ${UPDATE_SNAPSHOTS}`,
    ] : []),
    `  2. Make ${files.snapshot} hold the facts of the symptom (it extends ${BASE}; format in src/core/snapshot/FORMAT.md).`,
    `  3. Assert the real message and evidence in ${files.test}, then run: npx vitest run --config test/vitest.config.ts ${files.test}`,
    `  4. npx tsc --noEmit; node dist/cli.js rules ${id} after npm run build.${rel === '.' ? '' : ` (project: ${rel})`}`,
    ...(area ? [
      `  5. Teach the simulated host ${fact.id} (test/sim-host/simulated-facts.ts, model.ts): until then the real-PowerShell`,
      '     live-path test fails, naming the fact. A fact of a host file (schema: hostFile, probe: psReadFile in',
      '     src/facts/shapes.ts) needs no teaching: the simulated disk holds the file its value describes.',
    ] : []),
  ].join('\n'));
  if (rewrite && rewrite.status !== 0) {
    process.stderr.write(rewrite.stderr);
    throw new Error(`the files above are written, but the base snapshots were not rewritten (why: above): fix that, then run ${UPDATE_SNAPSHOTS}`);
  }
}

/** Runs npm run update-snapshots' script in this project. */
function updateSnapshots() {
  return spawnSync(process.execPath, [join(ROOT, 'src', 'tools', 'update-snapshots.mjs')], { cwd: ROOT, env: { ...process.env, CCDOCTOR_PROJECT_ROOT: ROOT }, encoding: 'utf8' });
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error(`new-rule: ${e instanceof UsageError ? e.message : `${e.message}`}`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
