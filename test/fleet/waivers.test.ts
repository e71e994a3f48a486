import { describe, expect, it } from 'vitest';
import { applyWaivers, parseWaivers, unusedWaiverNote } from '../../src/core/fleet/waivers.js';
import { countedFailure, failingResults } from '../../src/core/run/check-run.js';
import type { RuleResult } from '../../src/core/rules/types.js';
import type { SiteRuleResult } from '../../src/core/fleet/site-rule.js';

const NOW = new Date('2026-12-02T10:00:00Z');

const result = (rule: string, status: RuleResult['status'] = 'fail', severity: RuleResult['severity'] = 'error'): RuleResult => ({
  rule, title: rule, severity, family: 'host', status, message: 'm', evidence: [], unavailable: [], remediation: [],
});
const siteResult = (rule: string, site: string): SiteRuleResult => ({ ...result(rule), family: 'site', scope: 'site', site, hosts: ['A', 'B'] });

const run = () => ({
  hosts: [
    { name: 'CCE-SYD-01', site: { name: 'Sydney' }, results: [result('dotnet-too-old', 'fail', 'critical'), result('ini-state-missing')] },
    { name: 'CCE-MEL-01', site: { name: 'Melbourne' }, results: [result('dotnet-too-old', 'fail', 'critical'), result('ini-state-missing', 'pass')] },
  ],
  siteResults: [siteResult('site-versions-differ', 'Sydney')],
});

describe('parseWaivers: a bad file is an input error naming the file, the entry and the field', () => {
  const bad = (json: unknown) => () => parseWaivers(JSON.stringify(json), 'waivers.json');
  it('accepts host, site and every-host waivers', () => {
    const w = parseWaivers(JSON.stringify([
      { rule: 'a', host: 'H', reason: 'r', expires: '2027-01-31' },
      { rule: 'b', site: 'S', reason: 'r', expires: '2027-01-31' },
      { rule: 'c', reason: 'r', expires: '2027-01-31' },
    ]), 'waivers.json');
    expect(w.map((x) => [x.rule, x.host, x.site, x.entry])).toEqual([['a', 'H', undefined, 1], ['b', undefined, 'S', 2], ['c', undefined, undefined, 3]]);
  });
  it('names the entry and the field', () => {
    const ok = { rule: 'a', host: 'H', reason: 'r', expires: '2027-01-31' };
    expect(bad([ok, { rule: 'a', host: 'H', expires: '2027-01-31' }])).toThrow('--waivers waivers.json: entry 2, reason: required');
    expect(bad([{ ...ok, reason: '  ' }])).toThrow('entry 1, reason: must be a non-empty string');
    expect(bad([{ ...ok, expires: undefined }])).toThrow('entry 1, expires: required');
    expect(bad([ok, ok, { ...ok, expires: '2027-02-30' }])).toThrow('entry 3, expires: must be a date yyyy-mm-dd (got "2027-02-30")');
    expect(bad([{ ...ok, expires: '31/01/2027' }])).toThrow('entry 1, expires: must be a date yyyy-mm-dd');
    expect(bad([{ ...ok, rule: 7 }])).toThrow('entry 1, rule: must be a non-empty string');
    expect(bad([{ ...ok, site: 'S' }])).toThrow('entry 1, site: give host or site, not both');
    expect(bad([{ ...ok, hots: 'x' }])).toThrow('entry 1, "hots": unknown field');
    expect(bad(['x'])).toThrow('entry 1: must be an object');
    expect(bad({ rule: 'a' })).toThrow('--waivers waivers.json: a waiver file is a JSON array');
    expect(() => parseWaivers('[{"rule": "a",\n}', 'waivers.json')).toThrow(/--waivers waivers\.json: not valid JSON: line 2, column 1/);
  });
});

describe('applyWaivers', () => {
  it('marks the failing results a waiver matches (host, site, every host); they stop counting', () => {
    const waivers = parseWaivers(JSON.stringify([
      { rule: 'dotnet-too-old', host: 'cce-syd-01', reason: 'upgrade booked', expires: '2026-12-31' },
      { rule: 'site-versions-differ', site: 'SYDNEY', reason: 'update in progress', expires: '2026-12-02' },
      { rule: 'ini-state-missing', reason: 'lab hosts', expires: '2027-06-30' },
    ]), 'w.json');
    const { run: marked, unused } = applyWaivers(run(), waivers, NOW);
    expect(unused).toEqual([]);
    const [syd, mel] = marked.hosts;
    expect(syd!.results[0]!.waiver).toEqual({ reason: 'upgrade booked', expires: '2026-12-31', expired: false, scope: 'host cce-syd-01' });
    expect(syd!.results[1]!.waiver).toMatchObject({ scope: 'every host', expired: false });
    expect(mel!.results[0]!.waiver).toBeUndefined(); // another host
    expect(mel!.results[1]!.waiver).toBeUndefined(); // a pass is never waived
    expect(marked.siteResults[0]!.waiver).toMatchObject({ scope: 'site SYDNEY', expired: false }); // holds through its last day
    expect(failingResults(syd!.results, 'info')).toEqual([]);
    expect(failingResults(mel!.results, 'info').map((r) => r.rule)).toEqual(['dotnet-too-old']);
    expect(countedFailure(marked.siteResults[0]!)).toBe(false);
  });

  it('an expired waiver leaves the finding failing, marked expired; a valid one is preferred over an expired one', () => {
    const waivers = parseWaivers(JSON.stringify([
      { rule: 'dotnet-too-old', host: 'CCE-SYD-01', reason: 'old', expires: '2026-12-01' },
      { rule: 'dotnet-too-old', site: 'Melbourne', reason: 'old', expires: '2026-12-01' },
      { rule: 'dotnet-too-old', host: 'CCE-MEL-01', reason: 'renewed', expires: '2027-01-01' },
    ]), 'w.json');
    const { run: marked, unused } = applyWaivers(run(), waivers, NOW);
    expect(unused).toEqual([]);
    expect(marked.hosts[0]!.results[0]!.waiver).toEqual({ reason: 'old', expires: '2026-12-01', expired: true, scope: 'host CCE-SYD-01' });
    expect(countedFailure(marked.hosts[0]!.results[0]!)).toBe(true);
    expect(marked.hosts[1]!.results[0]!.waiver).toMatchObject({ reason: 'renewed', expired: false });
  });

  it("the waiver's text is cleaned and masked like every output", () => {
    const waivers = parseWaivers(JSON.stringify([{ rule: 'dotnet-too-old', host: 'CCE-SYD-01', reason: 'ask ops \u001b[2J(password=hunter2)', expires: '2099-01-01' }]), 'w.json');
    const w = applyWaivers(run(), waivers, NOW).run.hosts[0]!.results[0]!.waiver!;
    expect(w.reason).not.toContain('hunter2');
    expect(w.reason).not.toContain('\u001b');
    expect(w.reason).toContain('ask ops');
  });

  it('reports the waivers that match no finding', () => {
    const waivers = parseWaivers(JSON.stringify([
      { rule: 'ini-state-missing', host: 'CCE-MEL-01', reason: 'passes there', expires: '2027-01-01' },
      { rule: 'no-such-rule', reason: 'typo', expires: '2027-01-01' },
      { rule: 'site-versions-differ', site: 'Perth', reason: 'no such site', expires: '2027-01-01' },
    ]), 'w.json');
    const { unused } = applyWaivers(run(), waivers, NOW);
    expect(unused.map((w) => w.entry)).toEqual([1, 2, 3]);
    expect(unusedWaiverNote(unused[0]!, 'w.json')).toBe('w.json: waiver 1 (ini-state-missing, host CCE-MEL-01) matches no finding in this run: the problem is gone or the rule id, host or site is misspelt; remove the entry or correct it');
  });
});
