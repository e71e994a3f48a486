import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastStyledChars } from '../../src/tools/wizard-bundle.mjs';

// The wizard's bundle skips the codes between cells of the same style when Ink turns a screen row into a
// string (see src/tools/wizard-bundle.mjs): the row must be the same string, byte for byte.

const ROOT = join(import.meta.dirname, '..', '..');
const BUILD = join(ROOT, 'node_modules', '@alcalzone', 'ansi-tokenize', 'build');

interface StyledChar {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: { code: string; endCode: string }[];
}
type Module = {
  styledCharsToString: (chars: StyledChar[]) => string;
  styledCharsFromTokens: (tokens: unknown[]) => StyledChar[];
  tokenize: (text: string) => unknown[];
};

/** The original module and the patched one, the patched written next to it (same relative imports). */
async function load(): Promise<{ original: Module; patched: Module }> {
  const file = join(BUILD, 'styledChars.js');
  const original = (await import(pathToFileURL(join(BUILD, 'index.js')).href)) as Module;
  const patchedSource = fastStyledChars(readFileSync(file, 'utf8'));
  expect(patchedSource, file).toBeDefined();
  const dir = mkdtempSync(join(dirname(file), '.fast-test-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const source = patchedSource!.replace(/from "\.\/([^"]+)"/g, (_m: string, f: string) => `from "${pathToFileURL(join(BUILD, f)).href}"`);
    writeFileSync(join(dir, 'styledChars.js'), source);
    const patched = { ...original, ...((await import(pathToFileURL(join(dir, 'styledChars.js')).href)) as Pick<Module, 'styledCharsToString'>) };
    return { original, patched };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pieces = fc.constantFrom(
  'a', 'Z', ' ', '…', '❯', '─', '日', '\u001b[1m', '\u001b[2m', '\u001b[22m', '\u001b[0m', '\u001b[3m', '\u001b[23m', '\u001b[4m', '\u001b[7m', '\u001b[27m',
  '\u001b[31m', '\u001b[36m', '\u001b[39m', '\u001b[38;5;12m', '\u001b[38;2;1;2;3m', '\u001b[44m', '\u001b[48;5;200m', '\u001b[49m',
  '\u001b]8;;https://example.org\u0007', '\u001b]8;;\u0007',
);
const BLANK: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: [] };

describe('styledCharsToString with the fast path', () => {
  it('gives the original string for rows of styled text, blank cells and both mixed as Ink fills a row', async () => {
    const { original, patched } = await load();
    const line = fc.array(pieces, { maxLength: 30 }).map((p) => original.styledCharsFromTokens(original.tokenize(p.join(''))));
    const row = fc.array(fc.oneof(line, fc.integer({ min: 0, max: 5 }).map((n) => Array.from({ length: n }, () => BLANK))), { maxLength: 6 }).map((parts) => parts.flat());
    expect(patched.styledCharsToString([])).toBe('');
    fc.assert(
      fc.property(row, (chars) => {
        expect(patched.styledCharsToString(chars)).toBe(original.styledCharsToString(chars));
      }),
      { numRuns: 1000 },
    );
  });
});
