import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { psQuote, isPsSingleQuote } from '../../src/core/powershell/quote.js';
import { fillCommand } from '../../src/core/powershell/template.js';

/**
 * A model of how PowerShell lexes a single-quoted string (tokenizer ScanStringLiteral): any of
 * ' ‘ ’ ‚ ‛ opens and closes it; two quote characters in a row stand for one. Returns the literal's
 * value and where the token ended.
 */
function lexSingleQuoted(src: string): { value: string; end: number } {
  if (!isPsSingleQuote(src[0]!)) throw new Error('not a single-quoted string');
  let value = '';
  let i = 1;
  for (;;) {
    if (i >= src.length) throw new Error('unterminated string');
    const c = src[i]!;
    if (isPsSingleQuote(c)) {
      if (i + 1 < src.length && isPsSingleQuote(src[i + 1]!)) {
        value += c;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
}

const nasty = ["'", '‘', '’', '‚', '‛', '"', '“', '”', '$', '`', '$(', ';', '|', '&', '\n', '#', '@(', '{', '}'];

describe('psQuote', () => {
  it('quotes plain values', () => {
    expect(psQuote('C:\\Program Files\\WindowsPowerShell\\Modules')).toBe("'C:\\Program Files\\WindowsPowerShell\\Modules'");
    expect(psQuote("O'Brien")).toBe("'O''Brien'");
    expect(psQuote('a’b')).toBe("'a’’b'");
  });

  it('cannot be escaped: the literal is one token holding exactly the value (property, incl. Unicode quotes)', () => {
    const chars = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join('')), (value) => {
        fc.pre(!value.includes('\u0000'));
        const quoted = psQuote(value);
        const tail = '; Remove-Item C:\\ -Recurse';
        const { value: lexed, end } = lexSingleQuoted(quoted + tail);
        expect(lexed).toBe(value);
        expect(end).toBe(quoted.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('known injection attempts stay inert', () => {
    for (const attack of ["'; Remove-Item C:\\ -Recurse; '", "‘; Stop-Computer; ’", '$(Stop-Computer)', '`$env:X', "x'+(Stop-Computer)+'"]) {
      const q = psQuote(attack);
      expect(lexSingleQuoted(q).value).toBe(attack);
      expect(lexSingleQuoted(q).end).toBe(q.length);
    }
  });

  it('refuses NUL', () => {
    expect(() => psQuote('a\u0000b')).toThrow(/NUL/);
  });
});

describe('fillCommand', () => {
  it('fills named parameters only through psQuote and leaves unknown ones visible', () => {
    const r = fillCommand('Unregister-CsHybridPSTNAppliance -Identity {id} -Force; Write-Host {note}', { id: "x'; Stop-Computer; '" });
    expect(r.command).toBe("Unregister-CsHybridPSTNAppliance -Identity 'x''; Stop-Computer; ''' -Force; Write-Host <note>");
    expect(r.unresolved).toEqual(['note']);
  });
});
