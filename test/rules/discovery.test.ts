import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ruleCountSource, ruleFiles, rulesEsbuildPlugin, rulesModuleSource, rulesVitePlugin } from '../../src/tools/rules-module.mjs';
import { buildCatalogue, type RuleFile } from '../../src/core/rules/catalogue.js';
import { defineRule, pass } from '../../src/core/rules/define.js';
import { CATALOGUE, FACTS } from '../helpers/catalogue.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A rule file as a newcomer writes it: nothing else in the project is touched. */
const NEW_RULE = `import { defineRule, pass } from '../src/core/rules/define.js';

export default defineRule({
  id: 'zz-new-symptom',
  title: 'A symptom added by dropping one file in rules/',
  family: 'host',
  order: 15,
  severity: 'warning',
  applies: 'all',
  symptom: 'something the operator sees',
  needs: ['dotnet.release'],
  check: () => pass('fine'),
  remediation: [{ id: 'do-it', title: 'Do it', text: 'Do the thing that fixes it.', runsOn: 'host', destructive: false }],
});
`;

describe('rules are discovered from rules/*.ts (virtual module ccdoctor:rules)', () => {
  it('every rules/*.ts (not rules/lib/) is in the catalogue, and nothing else', () => {
    const onDisk = readdirSync(join(ROOT, 'rules')).filter((n) => n.endsWith('.ts')).map((n) => n.replace(/\.ts$/, '')).sort();
    const siteOnDisk = readdirSync(join(ROOT, 'rules', 'site')).filter((n) => n.endsWith('.ts')).map((n) => n.replace(/\.ts$/, '')).sort();
    expect(ruleFiles(ROOT)).toEqual(onDisk.map((n) => `rules/${n}.ts`));
    expect(ruleFiles(ROOT, 'rules/site')).toEqual(siteOnDisk.map((n) => `rules/site/${n}.ts`));
    expect([...CATALOGUE.order].sort()).toEqual([...onDisk, ...siteOnDisk].sort());
    expect(CATALOGUE.siteRules.map((r) => r.id).sort()).toEqual(siteOnDisk);
    expect(ruleFiles(ROOT).some((f) => f.startsWith('rules/lib/'))).toBe(false);
  });

  it('the Vite plugin (vitest) and the esbuild plugin (build.mjs) serve the same files', async () => {
    const vite = rulesVitePlugin(ROOT);
    const id = vite.resolveId('ccdoctor:rules')!;
    expect(vite.resolveId('./other.js')).toBeUndefined();
    const source = vite.load(id)!;
    for (const f of ruleFiles(ROOT)) expect(source).toContain(JSON.stringify(join(ROOT, f)));
    expect(rulesModuleSource(ROOT)).toContain('"./rules/dotnet-too-old.ts"');
  });

  it('ccdoctor:rule-count is the number of rules in the catalogue (the wizard shows it before loading them)', async () => {
    const { RULE_COUNT } = await import('ccdoctor:rule-count');
    expect(RULE_COUNT).toBe(CATALOGUE.rules.length);
    const vite = rulesVitePlugin(ROOT);
    expect(vite.load(vite.resolveId('ccdoctor:rule-count')!)).toBe(ruleCountSource(ROOT));
    expect(ruleCountSource(ROOT)).toBe(`export const RULE_COUNT = ${CATALOGUE.rules.length};\n`);
  });

  it('a rule file dropped into a copy of the project is in the built catalogue, in its place, with no other edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccd-rules-'));
    try {
      cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
      cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, 'rules', 'zz-new-symptom.ts'), NEW_RULE);
      const outfile = join(dir, 'catalogue.mjs');
      await build({
        entryPoints: [join(dir, 'src', 'catalogue', 'index.ts')], absWorkingDir: dir, bundle: true, format: 'esm', platform: 'node',
        packages: 'external', outfile, logLevel: 'error', plugins: [rulesEsbuildPlugin(dir)],
      });
      const { CATALOGUE: built } = (await import(pathToFileURL(outfile).href)) as { CATALOGUE: typeof CATALOGUE };
      const expected = [...CATALOGUE.order];
      // order 15 in "host": after the first host rule (order 10), before the second (order 20).
      expected.splice(expected.indexOf('site-autoupdate-disabled'), 0, 'zz-new-symptom');
      expect(built.order).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the rule file contract: a broken one fails at load with a clear message', () => {
  const rule = (over: Record<string, unknown> = {}) => ({
    ...defineRule({
      id: 'a-rule', title: 'A rule', family: 'host', order: 10, severity: 'info', applies: 'all', symptom: 's', needs: ['dotnet.release'],
      check: () => pass('x'), remediation: [{ id: 's', title: 'S', text: 'do it', runsOn: 'host', destructive: false }],
    }),
    ...over,
  });
  const file = (r: unknown, name = 'a-rule'): RuleFile => ({ file: `rules/${name}.ts`, rule: r });

  it('builds the order from family (FAMILY_LABEL order) then order', () => {
    const c = buildCatalogue([
      file(rule({ id: 'b', family: 'lync', order: 1 }), 'b'),
      file(rule({ id: 'c', order: 20 }), 'c'),
      file(rule({ id: 'd', family: 'deployment', order: 99 }), 'd'),
      file(rule({ id: 'e', order: 5 }), 'e'),
    ], FACTS);
    expect(c.order).toEqual(['d', 'e', 'c', 'b']);
  });

  it('no order', () => {
    const { order: _, ...noOrder } = rule();
    expect(() => buildCatalogue([file(noOrder)], FACTS)).toThrow('rules/a-rule.ts: rule a-rule needs order: N (a whole number ≥ 1, its place within the family "host" of the catalogue)');
    expect(() => buildCatalogue([file(rule({ order: 2.5 }))], FACTS)).toThrow(/needs order: N/);
  });

  it('a duplicate id, or an id that is not the file name', () => {
    expect(() => buildCatalogue([file(rule()), { file: 'rules/lib/../a-rule.ts', rule: rule({ order: 20 }) }], FACTS)).toThrow('rules/lib/../a-rule.ts: rule id "a-rule" is already the id of rules/a-rule.ts');
    expect(() => buildCatalogue([file(rule(), 'other-name')], FACTS)).toThrow('rules/other-name.ts: rule id "a-rule" must be the file name ("other-name"): rename the file or the id');
  });

  it('two rules in one place of a family', () => {
    expect(() => buildCatalogue([file(rule()), file(rule({ id: 'b' }), 'b')], FACTS)).toThrow('rules/b.ts: order 10 in family "host" is already taken by rules/a-rule.ts: choose another number');
  });

  it('no default export, an unknown family, an unknown fact', () => {
    expect(() => buildCatalogue([file(undefined)], FACTS)).toThrow('rules/a-rule.ts: a rule file must export a rule by default (export default defineRule({ ... })); helpers go in rules/lib/');
    expect(() => buildCatalogue([file(rule({ family: 'network' }))], FACTS)).toThrow(/rules\/a-rule.ts: family "network" is not one of deployment, host/);
    expect(() => buildCatalogue([file(rule({ needs: ['no.such'] }))], FACTS)).toThrow('rules/a-rule.ts: rule a-rule uses the fact "no.such", which no file in src/facts/ declares');
  });

  it('the frozen ids are untouched by the discovery (test/fixtures/rule-ids.json)', () => {
    const frozen = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'rule-ids.json'), 'utf8')) as { ids: string[] };
    expect(CATALOGUE.order.filter((id) => frozen.ids.includes(id))).toEqual(frozen.ids);
  });
});

