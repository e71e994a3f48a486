/**
 * RuleTester: every rule is run, through the real snapshot loader and engine, against snapshot files
 * where it must fail (with the evidence asserted), pass, and be not-applicable or unknown.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rule, RuleResult, Outcome, Evidence } from '../../src/core/rules/types.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { checkSnapshot } from './check.js';

export const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

export interface RuleCase {
  /** File name under snapshots/. */
  snapshot: string;
  /**
   * Facts to give other values (collected, status ok) on top of that file, for a case no committed snapshot
   * holds (npm run new-rule writes one: its fact without a value, for the unknown case).
   */
  facts?: Record<string, unknown>;
  /** Evaluation time, for rules that compare with now. */
  now?: Date;
  options?: Record<string, unknown>;
  /** Substring the result message must contain. */
  message?: string | RegExp;
  /** Evidence items that must be present (partial match on each item). */
  evidence?: Partial<Omit<Evidence, 'provenance'>>[];
  /** For unknown: the facts named as unavailable. */
  unavailable?: string[];
  /** Extra assertions on the whole result. */
  assert?: (result: RuleResult) => void;
}

export interface RuleCases {
  fail: RuleCase[];
  pass: RuleCase[];
  notApplicable?: RuleCase[];
  unknown?: RuleCase[];
}

export async function runRuleOn(rule: Rule<any, any>, c: RuleCase): Promise<RuleResult> {
  const opts = { rules: [rule], ...(c.now ? { now: c.now } : {}), ...(c.options ? { options: c.options } : {}) };
  if (!c.facts) return (await checkSnapshot(join(SNAPSHOTS, c.snapshot), opts)).results[0]!;
  // The file resolved, the facts replaced, written whole to a temporary file: loaded and validated as any snapshot.
  const json = readSnapshotJson(join(SNAPSHOTS, c.snapshot));
  const facts = { ...json.facts };
  for (const [id, value] of Object.entries(c.facts)) facts[id] = { status: 'ok', value, source: 'command', ref: `probe ${id}` };
  const dir = mkdtempSync(join(tmpdir(), 'ccd-rule-case-'));
  try {
    const file = join(dir, c.snapshot);
    writeFileSync(file, JSON.stringify({ ...json, facts }));
    const shown = `${c.snapshot} with ${Object.keys(c.facts).join(', ')} replaced`;
    return (await checkSnapshot(file, { ...opts, shown })).results[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkCase(rule: Rule<any, any>, expected: Outcome, c: RuleCase) {
  it(`${expected} on ${c.snapshot}${c.facts ? ` with ${Object.keys(c.facts).join(', ')} replaced` : ''}${c.message ? ` (${String(c.message)})` : ''}`, async () => {
    const r = await runRuleOn(rule, c);
    expect(r.status, `${rule.id} on ${c.snapshot}: ${r.message}`).toBe(expected);
    if (c.message) expect(r.message).toMatch(c.message);
    for (const e of c.evidence ?? []) expect(r.evidence).toContainEqual(expect.objectContaining(e));
    if (expected === 'fail') {
      expect(r.evidence.length, 'a failure carries evidence').toBeGreaterThan(0);
      expect(r.remediation.length, 'a failure carries remediation').toBeGreaterThan(0);
      for (const e of r.evidence) expect(e.provenance.ref).toContain(c.snapshot);
    }
    if (c.unavailable) expect(r.unavailable.map((u) => u.fact).sort()).toEqual([...c.unavailable].sort());
    c.assert?.(r);
  });
}

export function ruleTester(rule: Rule<any, any>, cases: RuleCases): void {
  describe(`rule ${rule.id}`, () => {
    it('has the three kinds of fixture', () => {
      expect(cases.fail.length).toBeGreaterThan(0);
      expect(cases.pass.length).toBeGreaterThan(0);
      expect((cases.notApplicable?.length ?? 0) + (cases.unknown?.length ?? 0)).toBeGreaterThan(0);
      for (const c of cases.fail) expect(c.evidence?.length ?? 0, `fail case ${c.snapshot} asserts evidence`).toBeGreaterThan(0);
    });
    for (const c of cases.fail) checkCase(rule, 'fail', c);
    for (const c of cases.pass) checkCase(rule, 'pass', c);
    for (const c of cases.notApplicable ?? []) checkCase(rule, 'not-applicable', c);
    for (const c of cases.unknown ?? []) checkCase(rule, 'unknown', c);
  });
}
