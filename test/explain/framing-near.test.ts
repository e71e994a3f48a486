import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/core/explain/match.js';
import { closestSymptoms } from '../../src/core/explain/near.js';
import { explainJson, explainTextReport, NOT_A_MATCH } from '../../src/core/explain/report.js';
import { plainStyle } from '../../src/core/output/style.js';
import { DOCUMENTED } from './documented.js';
import { RULES } from '../helpers/catalogue.js';

/** A documented text's leading "Verb-Noun : " (the failing command), or '' when it has none. */
const prefix = (t: string) => /^[A-Za-z]+-[A-Za-z]+ : /.exec(t)?.[0] ?? '';
const body = (t: string) => t.slice(prefix(t).length);

/** Ways an operator copies a message other than from its first character. */
const FRAMINGS: readonly [string, (t: string) => string][] = [
  ['without its "Cmdlet : " prefix', body],
  ['PowerShell 7 "Error: " in front', (t) => `Error: ${body(t)}`],
  ['in double quotes, no prefix', (t) => `"${body(t)}"`],
  ['in single quotes', (t) => `'${t}'`],
  ['no prefix, with the error record lines after it', (t) => `${body(t)}\nAt line:1 char:1\n+ Foo-Bar\n+ ~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n    + FullyQualifiedErrorId : X`],
  ['no prefix, wrapped at 60 columns', (t) => body(t).replace(/(.{40,60}?) /g, '$1\n')],
  ['inside an exception message', (t) => `Exception calling "Invoke" with "0" argument(s): "${body(t)}"`],
];

describe('explain: a documented text framed differently still matches (issue 14 item 16)', () => {
  const prefixed = DOCUMENTED.filter((d) => prefix(d.text) !== '');
  it('the corpus has texts with a command prefix, including pattern-based signatures', () => {
    expect(prefixed.map((d) => d.rule)).toEqual(expect.arrayContaining(['credential-store-unreadable', 'dism-stale-mount', 'management-switch-in-use', 'cloudconnector-module-not-found']));
  });
  describe.each(DOCUMENTED)('$rule ($source)', ({ rule, text }) => {
    it.each(FRAMINGS)('%s', (_name, frame) => {
      const input = frame(text);
      const m = explainText(input, RULES)[0];
      expect(m?.rule, `no match for:\n${input}`).toBe(rule);
      expect(m!.score).toBe(1);
    });
  });
  it('the message itself still decides: a look-alike body without the prefix is no match', () => {
    expect(explainText('Key not valid for use in this state.', RULES)).toEqual([]);
    expect(explainText("The specified module 'Foo' was not loaded because no valid module file was found in any module directory.", RULES)).toEqual([]);
    expect(explainText('Dismount-WindowsImage failed. Error code = 0xc1420117', RULES)).toEqual([]);
    // Another command's prefix names another error: no match (the documented one is ConvertTo-).
    expect(explainText('ConvertFrom-SecureString : Key not valid for use in specified state.', RULES)).toEqual([]);
  });
});

describe('explain: the closest documented symptoms when nothing matches, labelled as not a match', () => {
  const almost = "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program.";
  it('names the nearest rules, best first, never as a match', () => {
    expect(explainText(almost, RULES)).toEqual([]);
    const near = closestSymptoms(almost, RULES);
    expect(near[0]?.rule).toBe('module-analysis-cache-stale');
    expect(near[0]!.overlap).toBeGreaterThan(0.5);
    expect(near[0]!.overlap).toBeLessThan(1);
    expect(near.length).toBeLessThanOrEqual(3);
  });
  it('offers nothing for text that shares nothing', () => {
    expect(closestSymptoms('hello world', RULES)).toEqual([]);
    expect(closestSymptoms('', RULES)).toEqual([]);
  });
  it('text report: "No documented symptom matches" first, then the list under NOT a match', () => {
    const out = explainTextReport([], { source: 'text' }, plainStyle, closestSymptoms(almost, RULES));
    expect(out.split('\n')[0]).toBe('No documented symptom matches this text.');
    expect(out).toContain(`${NOT_A_MATCH}:`);
    expect(out.indexOf('module-analysis-cache-stale')).toBeGreaterThan(out.indexOf('NOT a match'));
    expect(out).not.toMatch(/Explained by/);
  });
  it('json: matches stay empty; closest entries say match: false', () => {
    const json = explainJson([], { source: 'text' }, closestSymptoms(almost, RULES));
    expect(json.matches).toEqual([]);
    expect(json.closest?.[0]).toMatchObject({ rule: 'module-analysis-cache-stale', match: false });
  });
});
