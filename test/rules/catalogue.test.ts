import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, FACTS, RULES } from '../helpers/catalogue.js';

// The catalogue's rule ids, in its order, frozen in the repository (generated once from the catalogue);
// rules added since are not in it and may sit between them.
const FROZEN: { ids: string[] } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rule-ids.json'), 'utf8'));
// The same for the site rules (rules/site/*.ts), which come after the host rules.
const FROZEN_SITE: { ids: string[] } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'site-rule-ids.json'), 'utf8'));

describe('the rule catalogue', () => {
  it('the catalogue order (from each rule\'s family and order) holds every id frozen in test/fixtures/rule-ids.json, in the frozen order', () => {
    expect(new Set(FROZEN.ids).size, 'no id twice in rule-ids.json').toBe(FROZEN.ids.length);
    const order = [...CATALOGUE.order];
    // An id is interface: never renamed, removed or moved. A new rule's id takes the place its family and
    // order give it (between frozen ones or after them), with no edit here.
    expect(FROZEN.ids.filter((id) => !order.includes(id)), 'frozen ids no rule has').toEqual([]);
    expect(order.filter((id) => FROZEN.ids.includes(id))).toEqual(FROZEN.ids);
    expect([...RULES, ...CATALOGUE.siteRules].map((r) => r.id)).toEqual(order);
  });

  it('the site rules hold every id frozen in test/fixtures/site-rule-ids.json, in the frozen order, after the host rules', () => {
    expect(new Set(FROZEN_SITE.ids).size, 'no id twice in site-rule-ids.json').toBe(FROZEN_SITE.ids.length);
    const site = CATALOGUE.siteRules.map((r) => r.id);
    expect(FROZEN_SITE.ids.filter((id) => !site.includes(id)), 'frozen ids no site rule has').toEqual([]);
    expect(site.filter((id) => FROZEN_SITE.ids.includes(id))).toEqual(FROZEN_SITE.ids);
    expect(CATALOGUE.order.slice(RULES.length)).toEqual(site);
  });

  it('every site rule has its own test file (test/rules/site/ID.test.ts) and its documented source, scope and steps', () => {
    for (const rule of CATALOGUE.siteRules) {
      const file = join(import.meta.dirname, 'site', `${rule.id}.test.ts`);
      expect(existsSync(file), `test/rules/site/${rule.id}.test.ts`).toBe(true);
      const text = readFileSync(file, 'utf8');
      for (const status of ['fail', 'pass']) expect(text, `${rule.id}: a ${status} fixture`).toContain(`'${status}'`);
      expect(/'not-applicable'|'unknown'/.test(text), `${rule.id}: a not-applicable or unknown fixture`).toBe(true);
      expect(rule.source, rule.id).toMatch(/"[^"]{20,}"/); // quotes the documentation
      expect(['site', 'fleet']).toContain(rule.scope);
      expect(rule.symptom.length).toBeGreaterThan(5);
      for (const id of [...rule.needs, ...rule.optional]) expect(FACTS.has(id), `${rule.id} uses ${id}`).toBe(true);
      for (const step of rule.remediation) expect(step.text.length, `${rule.id}/${step.id}`).toBeGreaterThan(10);
    }
  });

  it('every rule has its own test file with the three kinds of fixture', () => {
    for (const rule of RULES) {
      const file = join(import.meta.dirname, `${rule.id}.test.ts`);
      expect(existsSync(file), `test/rules/${rule.id}.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8'), rule.id).toMatch(/ruleTester\(/);
    }
  });

  it('every fact a rule uses exists, and collected facts have all three providers (an external fact: its source instead of a probe)', () => {
    for (const rule of RULES) {
      for (const id of [...rule.needs, ...rule.optional]) expect(FACTS.has(id), `${rule.id} uses ${id}`).toBe(true);
    }
    for (const [id, spec] of FACTS) {
      if (spec.derive) {
        for (const dep of [...spec.derive.from, ...(spec.derive.optional ?? [])]) expect(FACTS.has(dep), `${id} derives from ${dep}`).toBe(true);
        continue;
      }
      if (spec.external) {
        expect(spec.live, `${id} comes from the ${spec.external}: no live probe`).toBeUndefined();
        expect(['tenant'], `${id} names a known external source`).toContain(spec.external);
      } else {
        expect(spec.live?.script.trim(), `${id} has a live probe`).toBeTruthy();
      }
      expect(spec.checklist?.question.trim(), `${id} has a checklist question`).toBeTruthy();
    }
    // Only the tenant's facts come from outside the host.
    expect([...FACTS.values()].filter((s) => s.external).map((s) => s.id).sort()).toEqual(['tenant.appliances', 'tenant.hybridMediationSettings', 'tenant.sites']);
  });

  it('rule metadata is complete: catalogue severity, signatures compile, steps described', () => {
    for (const rule of RULES) {
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.symptom.length).toBeGreaterThan(5);
      for (const sig of rule.signatures) {
        expect(sig.text.length).toBeGreaterThan(10);
        if (sig.pattern) expect(sig.pattern.flags).toContain('i');
      }
      for (const step of rule.remediation) expect(step.text.length, `${rule.id}/${step.id}`).toBeGreaterThan(10);
    }
  });
});
