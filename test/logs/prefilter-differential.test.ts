import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanStream, type ScanSummary } from '../../src/core/logs/scan.js';
import { needleOf } from '../../src/core/logs/literal-prefilter.js';
import { compileRules } from '../../src/core/explain/signatures.js';
import { encodeText, type TextEncodingName } from '../../src/core/text/decode.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED, LOOKALIKES } from '../explain/documented.js';
import { STREAM_VARIANTS } from '../explain/stream-variants.js';

// The literal prefilter (the default) must find exactly what the anchors' regex alternation finds:
// same hits, counts, lines, timestamps, samples and matched text, on logs with planted signatures.

async function* pieces(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const plain = (s: ScanSummary) => ({
  encoding: s.encoding, binary: s.binary, bytes: s.bytes, lines: s.lines,
  hits: s.hits.map((h) => ({ rule: h.signature.rule.id, index: h.signature.index, count: h.count, first: h.first, last: h.last, samples: h.samples, matched: h.matched })),
});

async function both(bytes: Uint8Array, sizes: number[]) {
  const regex = plain(await scanStream(pieces(bytes, sizes), { prefilter: 'regex', rules: RULES }));
  const literal = plain(await scanStream(pieces(bytes, sizes), { prefilter: 'literal', rules: RULES }));
  return { regex, literal };
}

const ts = (i: number) => `2026-11-20 02:${String(10 + (i % 50)).padStart(2, '0')}:07.${String(100 + (i % 900)).padStart(3, '0')}`;
const FILLER = [
  'CceService Information: 0 : Checking the state of virtual machine CMS on appliance CCE1',
  'CceService Verbose: 0 : Heartbeat sent; queue length 3',
  '   at Microsoft.Rtc.CCE.ManagementService.CceService.MonitorLoop()',
  'CceService Warning: 0 : Retrying Get-CsHybridPSTNAppliance (attempt 2 of 5)',
  'naïve ünïcödé — “quoted” text ✓ 日本語',
  '',
];
/** Needles cut short, other cases, odd spacing: places the literal search must neither miss nor invent. */
const NEAR = ['ASSIGNED', 'assigne', 'Register appliance', 'object.', 'RECOGNIZED as the', 'directory\tfile', 'specified  state', 'credentia', 'Dismount-WindowsImag', 'newly-installedrole'];

const whitespace = fc.constantFrom(' ', '  ', '\t', ' \u00a0', '\n', '\r\n', ' \n   ');
/** A documented text with its spaces replaced by random whitespace and random letter case. */
const planted = fc.tuple(fc.constantFrom(...DOCUMENTED.map((d) => d.text)), fc.array(whitespace, { minLength: 1, maxLength: 8 }), fc.constantFrom('as is', 'upper', 'lower'))
  .map(([text, spaces, kase]) => {
    let k = 0;
    const spaced = text.replace(/ /g, () => spaces[k++ % spaces.length]!);
    return kase === 'upper' ? spaced.toUpperCase() : kase === 'lower' ? spaced.toLowerCase() : spaced;
  });
const variant = fc.tuple(fc.constantFrom(...DOCUMENTED.map((d) => d.text)), fc.constantFrom(...STREAM_VARIANTS)).map(([text, [, v]]) => v(text));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FILLER) },
  { weight: 2, arbitrary: planted },
  { weight: 2, arbitrary: variant },
  { weight: 1, arbitrary: fc.constantFrom(...LOOKALIKES.map((l) => l.text)) },
  { weight: 2, arbitrary: fc.constantFrom(...NEAR) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);
const log = fc.record({
  lines: fc.array(fc.tuple(fc.boolean(), line), { minLength: 1, maxLength: 60 }),
  eol: fc.constantFrom('\n', '\r\n'),
  /** latin1: a log written in a Windows code page (single-byte NBSP included). */
  encoding: fc.constantFrom<TextEncodingName | 'latin1'>('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin1'),
  sizes: fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 }),
  /** Filler repeated in front, so that hits fall across the scanner's 64 KiB slices and kept context. */
  padding: fc.constantFrom(0, 0, 700, 1500),
});

describe('the literal prefilter finds what the regex alternation finds', () => {
  it('every anchor of the real rules suits the literal search (so the default path is the fast one)', () => {
    for (const s of compileRules(RULES)) expect(s.anchor === null || needleOf(s.anchor) !== undefined, String(s.anchor)).toBe(true);
  });

  it('identical summaries on generated logs (planted signatures, wrapping, odd spacing and case, CRLF, UTF-16)', async () => {
    await fc.assert(
      fc.asyncProperty(log, async ({ lines, eol, encoding, sizes, padding }) => {
        const body = lines.map(([stamped, l], i) => (stamped ? `${ts(i)} ${l}` : l));
        const text = [...Array.from({ length: padding }, (_, i) => `${ts(i)} ${FILLER[i % 4]}`), ...body].join(eol).replace(/\r?\n/g, eol);
        const { regex, literal } = await both(encoding === 'latin1' ? Buffer.from(text, 'latin1') : encodeText(text, encoding), sizes);
        expect(literal).toEqual(regex);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('a hit straddling the end of a 64 KiB slice and a line longer than the kept context', async () => {
    const logon = DOCUMENTED.find((d) => d.rule === 'tenant-admin-logon-failed')!.text;
    for (const pad of [65_536 - 40, 65_536 - 200, 65_536 + 3, 131_072 - 90]) {
      const text = `${'x'.repeat(pad)} ${logon}\n${'y '.repeat(5000)}${logon}\nend\n`;
      const { regex, literal } = await both(Buffer.from(text), [1 << 20]);
      expect(literal.hits.length).toBeGreaterThan(0);
      expect(literal).toEqual(regex);
    }
  });
});
