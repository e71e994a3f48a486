import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastStringWidth, NARROW } from '../../src/tools/wizard-bundle.mjs';

// The wizard's bundle measures ASCII and a few symbols without string-width's segmenter (see
// src/tools/wizard-bundle.mjs): it must give string-width's own answer for every text, for both copies
// of string-width in the bundle (Ink's, and wrap-ansi's older one).

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const COPIES = [join(ROOT, 'node_modules', 'string-width', 'index.js'), join(ROOT, 'node_modules', 'wrap-ansi', 'node_modules', 'string-width', 'index.js')];

type Width = (s: string, o?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** The original module and the patched one, the patched written next to it (same imports). */
async function load(file: string): Promise<{ original: Width; patched: Width }> {
  const original = (await import(pathToFileURL(file).href)).default as Width;
  const patchedSource = fastStringWidth(readFileSync(file, 'utf8'));
  expect(patchedSource, file).toBeDefined();
  const dir = mkdtempSync(join(dirname(file), '.fast-test-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    // Its bare imports resolve from the original's folder: rewrite them to absolute file URLs.
    const source = patchedSource!.replace(/from '([^'.][^']*)'/g, (_m: string, spec: string) => `from '${pathToFileURL(require.resolve(spec, { paths: [dirname(file)] })).href}'`);
    writeFileSync(join(dir, 'index.js'), source);
    const patched = (await import(pathToFileURL(join(dir, 'index.js')).href)).default as Width;
    return { original, patched };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const narrow = String.fromCharCode(...NARROW);
const pieces = fc.constantFrom(
  ...'abc XYZ 019 ~!{}'.split(''), ...narrow.split(''), '\u001b[1m', '\u001b[0m', '\u001b[38;5;12m', 'é', 'e\u0301', '日本', '👍', '✔\ufe0f', '\u200d', '\t', '\u0000', '\u00ad', '\u2705',
);

describe.each(COPIES)('string-width with the fast path: %s', (file) => {
  it('each NARROW character is one column and one grapheme, as string-width counts it', async () => {
    const { original } = await load(file);
    for (const c of narrow) {
      expect(original(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(1);
      expect(original(`a${c}b${c}${c}`)).toBe(5);
    }
  });

  it('builds its segmenter only when it first measures text beyond those characters (not when loaded)', async () => {
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    const Segmenter = intl.Segmenter;
    let built = 0;
    intl.Segmenter = class extends Segmenter {
      constructor(...args: ConstructorParameters<typeof Segmenter>) {
        super(...args);
        built++;
      }
    };
    try {
      const { patched } = await load(file);
      const before = built;
      const menu = '❯ Open a snapshot file… ─┐';
      expect(patched(menu)).toBe(menu.length);
      expect(built).toBe(before);
      expect(patched('日本')).toBe(4);
      expect(patched('👍')).toBe(2);
      expect(built).toBe(before + 1);
    } finally {
      intl.Segmenter = Segmenter;
    }
  });

  it('gives string-width\'s answer for any mix of ASCII, those characters, ANSI codes and others, with any options', async () => {
    const { original, patched } = await load(file);
    expect(patched('❯ Open a snapshot file…')).toBe(original('❯ Open a snapshot file…'));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')), fc.record({ ambiguousIsNarrow: fc.option(fc.boolean(), { nil: undefined }), countAnsiEscapeCodes: fc.option(fc.boolean(), { nil: undefined }) }), (text, options) => {
        expect(patched(text, options)).toBe(original(text, options));
        expect(patched(text)).toBe(original(text));
      }),
      { numRuns: 400 },
    );
  });
});
