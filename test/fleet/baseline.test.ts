import { describe, expect, it } from 'vitest';
import { applyBaseline, parseBaseline } from '../../src/core/fleet/baseline.js';
import { countedFailure } from '../../src/core/run/check-run.js';
import type { RuleResult } from '../../src/core/rules/types.js';
import type { SiteRuleResult } from '../../src/core/fleet/site-rule.js';

const result = (rule: string, status: RuleResult['status'] = 'fail'): RuleResult => ({
  rule, title: rule, severity: 'error', family: 'host', status, message: 'm', evidence: [], unavailable: [], remediation: [],
});
const siteResult = (rule: string, site: string): SiteRuleResult => ({ ...result(rule), family: 'site', scope: 'site', site, hosts: [] });

describe('parseBaseline', () => {
  it('reads a one-host check@1: its failures are known', () => {
    const b = parseBaseline(JSON.stringify({ schema: 'ccdoctor/check@1', host: { name: 'CCE-SYD-01' }, results: [{ rule: 'a', status: 'fail' }, { rule: 'b', status: 'pass' }] }), 'prev.json');
    expect([...b.keys]).toEqual(['host:cce-syd-01|a']);
  });
  it('reads a many-host fleet@1: host and site failures', () => {
    const b = parseBaseline(JSON.stringify({
      schema: 'ccdoctor/fleet@1',
      hosts: [{ name: 'H1', results: [{ rule: 'a', status: 'fail' }] }, { name: 'H2', results: [{ rule: 'a', status: 'unknown' }] }],
      siteResults: [{ rule: 's', site: 'Sydney', status: 'fail' }, { rule: 's', site: 'Perth', status: 'pass' }],
    }), 'prev.json');
    expect([...b.keys].sort()).toEqual(['host:h1|a', 'site:sydney|s']);
    expect(b.size).toBe(2);
  });
  it('refuses anything else, naming the file and the place', () => {
    expect(() => parseBaseline('{"schema": "ccdoctor/report@1"}', 'prev.json')).toThrow('--baseline prev.json: schema is "ccdoctor/report@1"; give the output of a previous ccdoctor check --format json');
    expect(() => parseBaseline('[]', 'prev.json')).toThrow('--baseline prev.json: schema is missing');
    expect(() => parseBaseline('{"schema": "ccdoctor/check@1", "host": {}, "results": []}', 'prev.json')).toThrow('--baseline prev.json: host.name is missing');
    expect(() => parseBaseline('{"schema": "ccdoctor/fleet@1", "hosts": [{"name": "H", "results": [{"rule": 1}]}]}', 'prev.json')).toThrow('--baseline prev.json: hosts[0].results[0] must have a rule and a status');
    expect(() => parseBaseline('{"schema": ', 'prev.json')).toThrow(/--baseline prev\.json: not valid JSON: line 1/);
  });
});

describe('applyBaseline', () => {
  it('marks failures known (same rule, same host or site, any case) or new; known ones stop counting', () => {
    const b = parseBaseline(JSON.stringify({
      schema: 'ccdoctor/fleet@1',
      hosts: [{ name: 'cce-syd-01', results: [{ rule: 'a', status: 'fail' }] }],
      siteResults: [{ rule: 's', site: 'sydney', status: 'fail' }],
    }), 'prev.json');
    const marked = applyBaseline({
      hosts: [
        { name: 'CCE-SYD-01', site: { name: 'Sydney' }, results: [result('a'), result('b'), result('c', 'pass')] },
        { name: 'CCE-SYD-02', site: { name: 'Sydney' }, results: [result('a')] },
      ],
      siteResults: [siteResult('s', 'Sydney'), siteResult('s', 'Perth')],
    }, b);
    expect(marked.hosts[0]!.results.map((r) => r.baseline)).toEqual(['known', 'new', undefined]);
    expect(marked.hosts[1]!.results[0]!.baseline).toBe('new');
    expect(marked.siteResults.map((r) => r.baseline)).toEqual(['known', 'new']);
    expect(marked.hosts[0]!.results.filter(countedFailure).map((r) => r.rule)).toEqual(['b']);
  });
});
