import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeText, encodeText } from '../../src/core/text/decode.js';
import { controlPicture, ESCAPE_SEQUENCES, stripControl, displayLine } from '../../src/core/text/sanitize.js';

describe('text decoding', () => {
  const text = '[Common]\r\nSiteName=Sydney – Zürich\r\n';
  for (const enc of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const) {
    it(`round-trips ${enc}`, () => {
      const d = decodeText(encodeText(text, enc));
      expect(d).toEqual({ text, encoding: enc, binary: false });
    });
  }
  it('recognises UTF-16LE without BOM and flags binary', () => {
    const noBom = encodeText('[Common]', 'utf-16le').subarray(2);
    expect(decodeText(noBom)).toMatchObject({ text: '[Common]', encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe, 0x00])).binary).toBe(true);
    expect(decodeText(new Uint8Array([0xc3, 0x28])).binary).toBe(true); // invalid UTF-8
  });
  it('round-trips any string through every encoding (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      for (const enc of ['utf-8-bom', 'utf-16le', 'utf-16be'] as const) expect(decodeText(encodeText(s, enc)).text).toBe(s);
    }));
  });
});

describe('terminal control stripping', () => {
  it('removes CSI, OSC (title, hyperlink), DCS, C1 and bidi overrides', () => {
    const evil = 'ok\u001b[2J\u001b[31mred\u001b[0m\u001b]0;pwned\u0007\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\\u009b1m\u001bPqdata\u001b\\\u202Eevil';
    const clean = stripControl(evil);
    expect(clean).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(clean).toContain('okred');
    expect(clean).toContain('link');
  });
  it('keeps tabs and newlines, drops CR, never leaves ESC (property)', () => {
    expect(stripControl('a\tb\r\nc')).toBe('a\tb\nc');
    fc.assert(fc.property(fc.string(), (s) => !/[\u001b\u009b\u0000-\u0008]/.test(stripControl(s))));
  });
  it('displayLine folds and cuts', () => {
    expect(displayLine('a\nb', 10)).toBe('a ⏎ b');
    expect(displayLine('x'.repeat(20), 10)).toHaveLength(10);
  });
});

describe('stripControl returns text without control characters as it is', () => {
  // The three passes it makes on text that holds a control character.
  const full = (t: string) => t.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, controlPicture);
  it('gives what the full passes give, for any text', () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\u001b[31m', '\u001b]0;t\u0007', '\r\n', '\r', '\u009b2J', '\u202e', '\u2069', '\u0000', 'é', '\t', '\n'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), (t) => stripControl(t) === full(t)), { numRuns: 2000 });
  });
});
