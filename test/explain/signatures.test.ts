import { describe, expect, it } from 'vitest';
import { anchorOf, compileRules, patternFromText, tolerantPattern } from '../../src/core/explain/signatures.js';
import { normalise } from '../../src/core/explain/normalise.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED } from './documented.js';
import { STREAM_VARIANTS } from './stream-variants.js';

describe('normalise', () => {
  it('folds whitespace and line wraps, drops the space before ":", straightens quotes', () => {
    expect(normalise('  Import-Module :\r\n The  “x”\t‘y’  ').text).toBe('Import-Module: The "x" \'y\'');
  });

  it('removes PowerShell error-record framing and terminal escapes, keeping offsets into the input', () => {
    const input = '\u001b[31mBad thing happened.\u001b[0m\nAt line:1 char:1\n+ Do-Thing\n+ ~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [], X\n';
    const n = normalise(input);
    expect(n.text).toBe('Bad thing happened.');
    expect(input[n.map[0]!]).toBe('B');
    expect(n.map).toHaveLength(n.text.length);
  });

  it("writes the document's For Each-Object as PowerShell does", () => {
    expect(normalise('For Each-Object : x').text).toBe('ForEach-Object: x');
  });

  it('joins lines without a space when asked (a console that cut a word)', () => {
    expect(normalise('recog\nnized', { breaks: 'join' }).text).toBe('recognized');
    expect(normalise('recog\nnized').text).toBe('recog nized');
  });
});

describe('patterns', () => {
  it('a text signature: placeholders (joined by "or") match anything, the final period is optional', () => {
    const re = new RegExp(patternFromText("Cmd-Let : The item '<Name>' on <A> or <B> failed."), 'i');
    expect(re.test(normalise("Cmd-Let : The item 'x y' on h1 or h2 failed").text)).toBe(true);
    expect(re.test(normalise("The item 'x' on only-one failed.").text)).toBe(true);
    expect(re.test(normalise("Cmd-Let : The thing 'x' on h failed.").text)).toBe(false);
  });

  it("an author's pattern is made quote-agnostic and case-insensitive, a ' :' in it becomes ':'", () => {
    const re = tolerantPattern(/Convert-It : the module 'X' is gone/g);
    expect(re.flags).not.toContain('g');
    expect(re.test(normalise('convert-it : THE MODULE “x” IS GONE').text)).toBe(true);
    expect(tolerantPattern(/a ['‘’]b['‘’]/).test('a "b"')).toBe(true);
  });

  it('anchorOf takes the longest literal run, tolerant of any whitespace and a space before ":"', () => {
    const anchor = anchorOf(tolerantPattern(/remove-vmswitch\s*:\s*failed while removing virtual ethernet switch\.?/i).source)!;
    expect(anchor).toContain('failed');
    expect(new RegExp(anchor, 'i').test('Failed   while\r\n removing virtual Ethernet switch')).toBe(true);
    expect(anchorOf('a|b')).toBeNull();
    expect(anchorOf('ab\\s+cd')).toBeNull();
    expect(new RegExp(anchorOf('foo: bar-baz')!, 'i').test('foo : bar-baz')).toBe(true);
    expect(new RegExp(anchorOf('foreach-object is where it failed')!, 'i').test('For Each-Object is where\n it failed')).toBe(true);
  });

  it('every signature of the catalogue has an anchor, so logs are scanned on the fast path', () => {
    const signatures = compileRules(RULES);
    expect(signatures.length).toBeGreaterThanOrEqual(10);
    for (const s of signatures) expect(s.anchor, `${s.rule.id}: ${s.full.source}`).not.toBeNull();
  });
});

describe('the raw-text anchor holds wherever the full pattern matches (else the log scanner would miss it)', () => {
  const signatures = compileRules(RULES);
  describe.each(DOCUMENTED)('$rule ($source)', ({ rule, text }) => {
    it.each(STREAM_VARIANTS)('%s', (_name, variant) => {
      const raw = variant(text);
      const hits = signatures.filter((s) => s.rule.id === rule && s.full.test(normalise(raw).text));
      expect(hits.length, `${rule} pattern does not match`).toBeGreaterThan(0);
      for (const s of hits) expect(new RegExp(s.anchor!, 'i').test(raw), `anchor ${s.anchor} not in:\n${raw}`).toBe(true);
    });
  });
});
