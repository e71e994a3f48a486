import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineFramer } from '../../src/live/line-framer.js';

const frame = (chunks: string[]) => {
  const lines: string[] = [];
  const f = new LineFramer((l) => lines.push(l));
  for (const c of chunks) f.push(c);
  f.flush();
  return lines;
};

describe('LineFramer: PowerShell stdout cut into lines', () => {
  it('LF and CRLF, a last line without newline, empty lines dropped, pwsh terminal modes removed', () => {
    expect(frame(['a\r\nb\n', '\n', 'c'])).toEqual(['a', 'b', 'c']);
    expect(frame(['\x1b[?1h\x1b=first\n', '\x1b[?1l\x1b>\n'])).toEqual(['first']);
  });

  it('the same lines however the output is split into chunks', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z{}:" ]{0,12}$/), { maxLength: 8 }), fc.array(fc.nat(40), { maxLength: 6 }), (lines, cuts) => {
      const text = lines.map((l) => `${l}\r\n`).join('');
      const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((start, i, all) => text.slice(start, all[i + 1] ?? text.length)).filter((c) => c !== '');
      expect(frame(chunks)).toEqual(lines.filter((l) => l !== ''));
    }));
  });
});
