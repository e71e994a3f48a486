/**
 * Terminal escapes in input that comes back in messages (issue 13 item 9): an escape sequence before an
 * error text (an unterminated OSC included) neither swallows the text nor hides the signature from
 * explain, in text, from stdin and in a file; no message or report line carries a control to the terminal.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { explainText } from '../../src/core/explain/match.js';
import { explainStream } from '../../src/core/explain/stream.js';
import { entriesFromMatches, explainTextReport } from '../../src/core/explain/report.js';
import { plainStyle } from '../../src/core/output/style.js';
import { displayLine, quoted, stripControl } from '../../src/core/text/sanitize.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED } from '../explain/documented.js';
import { cli, escapeSequence, expectCliRan, generate, pool, TERMINAL_CONTROL, tempDir, GENERATED } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

/** A documented error text with escape sequences (cut-off ones too) before it on the same line. */
export const ESCAPED_ERRORS = generate(fc.tuple(fc.integer({ min: 0, max: DOCUMENTED.length - 1 }), fc.array(escapeSequence, { minLength: 1, maxLength: 3 }), fc.constantFrom('', 'PS C:\\> ', 'error: ')), GENERATED['item 9: escapes before error texts']);

describe('an escape sequence before an error text: explain still finds it', () => {
  it.each(ESCAPED_ERRORS.map(([d, seqs, lead], i) => [i, DOCUMENTED[d]!.rule, d, seqs, lead]))('case %i: %s', async (_i, rule, d, seqs, lead) => {
    // A NUL or a lone C1 control stands in for a character; keep them out of the words themselves.
    // A cut-off CSI right before text takes its next characters as parameters and final byte, as a terminal
    // does (only a cut-off OSC, DCS… loses nothing but its introducer): here a CSI is always complete.
    const input = `${lead}${(seqs as string[]).map((q) => (/^(\u001b\[[\d;]*|\u009b[\d;]*)$/.test(q) ? `${q}m` : q)).join('')}${DOCUMENTED[d as number]!.text}`;
    const found = explainText(input, RULES).map((m) => m.rule);
    expect(found, JSON.stringify(input)).toContain(rule);
    // Streamed too (stdin, a file): the same line, found by the line scanner.
    const { entries } = await explainStream((async function* () {
      yield Buffer.from(`first line\n${input}\nlast line\n`);
    })(), { source: 'stdin' }, RULES);
    expect(entries.map((e) => e.rule), JSON.stringify(input)).toContain(rule);
    const report = explainTextReport(entriesFromMatches(explainText(input, RULES), RULES), { source: 'text' }, plainStyle);
    expect(report).not.toMatch(TERMINAL_CONTROL);
  });
});

/** Any text: what the sanitisers give back never drives a terminal. */
export const ANY_TEXT = generate(fc.array(fc.oneof(escapeSequence, fc.string({ maxLength: 8 }), fc.constantFrom('\n', '\r\n')), { maxLength: 10 }).map((a) => a.join('')), GENERATED['item 9: sanitiser inputs']);

describe('sanitisers: nothing that drives a terminal gets through, and text after a cut-off sequence stays', () => {
  it.each(ANY_TEXT.map((t, i) => [i, t]))('case %i', (_i, text) => {
    for (const out of [stripControl(text), displayLine(text), quoted(text)]) {
      expect(out).not.toMatch(/[\u001b\u009b\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expect(displayLine(text)).not.toContain('\n');
    expect(quoted(text)).not.toContain('\n');
    expect(stripControl(`\u001b]0;${text.replace(/[\u0007\u001b\n]/g, '')} then the text`)).toContain('then the text');
  });
});

describe('the CLI: escapes in the text, in stdin, in a file, and in file names', () => {
  const dir = tempDir();
  const text = `\u001b]0;title-without-end ${DOCUMENTED[0]!.text}`;
  writeFileSync(join(dir, 'osc.log'), `2026-11-19 03:12:44 ${text}\r\n`);
  const cases: [string, string[], string | undefined, RegExp][] = [
    ['text argument', ['explain', text], undefined, new RegExp(DOCUMENTED[0]!.rule)],
    ['stdin', ['explain', '-'], `${text}\n`, new RegExp(DOCUMENTED[0]!.rule)],
    ['file', ['explain', '--file', join(dir, 'osc.log')], undefined, /Seen 1 time: line 1/],
  ];
  it(`${cases.length} cases`, async () => {
    const results = await pool(cases, 2, ([, args, input]) => cli(args, input === undefined ? {} : { input }));
    results.forEach((r, i) => {
      expectCliRan(r);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(cases[i]![3]);
    });
  });
});
