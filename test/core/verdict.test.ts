import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Outcome, RuleResult } from '../../src/core/rules/types.js';
import { checkSnapshot } from '../helpers/check.js';
import { failingResults } from '../../src/core/run/check-run.js';
import { verdict } from '../../src/core/run/verdict.js';
import { findingRows } from '../../src/ui/screens/findings-rows.js';
import { makeTheme } from '../../src/ui/theme.js';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

function results(...statuses: Outcome[]): RuleResult[] {
  return statuses.map((status, i) => ({
    rule: `r${i}`, title: 't', severity: i % 2 ? 'warning' : 'error', family: 'host', status, message: 'm', evidence: [], unavailable: [], remediation: [],
  }));
}

describe('verdict (one sentence for check, its JSON, the wizard and the checklist)', () => {
  it('says "No problems found." only when every rule decided', () => {
    expect(verdict(results('pass', 'not-applicable'))).toMatchObject({ complete: true, tone: 'ok', text: 'No problems found.' });
    expect(verdict(results('pass', 'fail', 'fail'))).toMatchObject({ complete: true, tone: 'problems', text: '2 problems found.' });
    expect(verdict(results('pass', 'unknown', 'not-applicable'))).toMatchObject({
      complete: false, tone: 'incomplete', text: 'Incomplete: 1 of 3 rules could not be checked. The 2 rules that ran found no problems.',
    });
    expect(verdict(results('unknown', 'unknown')).text).toBe('Incomplete: 2 of 2 rules could not be checked. Nothing was checked.');
    expect(verdict(results('fail', 'error', 'pass')).text).toBe('Incomplete: 1 of 3 rules failed with an internal error. The 2 rules that ran found 1 problem.');
    expect(verdict(results('unknown', 'error', 'pass')).headline).toBe('Incomplete: 1 of 3 rules could not be checked and 1 failed with an internal error.');
    expect(verdict([])).toMatchObject({ complete: false, text: 'No rules were evaluated.' });
  });

  it('partial-2.1 is incomplete, not "no problems"', async () => {
    const run = await checkSnapshot(join(SNAPSHOTS, 'partial-2.1.json'));
    const v = verdict(run.results);
    expect(v.complete).toBe(false);
    expect(v.text).toMatch(/^Incomplete: \d+ of \d+ rules could not be checked\. The \d+ rules that ran found no problems\.$/);
  });

  it('the wizard and the checklist lead their findings with it', () => {
    const theme = makeTheme({ noColour: true, ascii: true });
    const rows = findingRows(results('pass', 'unknown'), theme);
    expect(rows[0]!.text).toContain('Incomplete: 1 of 2 rules could not be checked.');
    expect(rows[1]!.text).toContain('The 1 rule that ran found no problems.');
    expect(rows.map((r) => r.text).join('\n')).not.toContain('No problems found');
    expect(findingRows(results('pass'), theme)[0]!.text).toContain('No problems found.');
  });

  it('--fail-on unknown counts every failure, unknown and rule error', () => {
    const rs = results('pass', 'unknown', 'error', 'fail', 'not-applicable');
    expect(failingResults(rs, 'unknown').map((r) => r.status)).toEqual(['unknown', 'error', 'fail']);
    expect(failingResults(rs, 'error').map((r) => r.status)).toEqual([]); // r3 is a warning
    expect(failingResults(results('pass'), 'unknown')).toEqual([]);
  });
});
