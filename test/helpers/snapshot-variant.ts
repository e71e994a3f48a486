/**
 * A committed snapshot with some fact values replaced, checked end to end by one rule (through the real
 * snapshot loader, so the facts' schemas apply): for cases no snapshot file holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rule, RuleResult } from '../../src/core/rules/types.js';
import { checkSnapshot } from './check.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { SNAPSHOTS } from './rule-tester.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function checkVariant(rule: Rule<any, any>, snapshot: string, values: Record<string, unknown>): Promise<RuleResult> {
  const snap = readSnapshotJson(join(SNAPSHOTS, snapshot)) as { facts: Record<string, { status: string; value?: unknown }> };
  for (const [id, value] of Object.entries(values)) {
    if (!snap.facts[id] || snap.facts[id]!.status !== 'ok') throw new Error(`${snapshot} has no ok ${id} to replace`);
    snap.facts[id]!.value = value;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-variant-'));
  try {
    const file = join(dir, snapshot);
    writeFileSync(file, JSON.stringify(snap));
    return (await checkSnapshot(file, { rules: [rule] })).results[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
