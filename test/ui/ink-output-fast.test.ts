import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastInkOutput, fastSliceAnsi, NARROW } from '../../src/tools/wizard-bundle.mjs';

// The wizard's bundle slices and splits into cells plain lines (ASCII and a few symbols, no escape code)
// without a grapheme segmenter (see src/tools/wizard-bundle.mjs): every slice and every screen Ink makes
// of them must be the same string as the original modules make.

const ROOT = join(import.meta.dirname, '..', '..');
const SLICE_ANSI = join(ROOT, 'node_modules', 'slice-ansi', 'index.js');
const OUTPUT = join(ROOT, 'node_modules', 'ink', 'build', 'output.js');

/** The module and its patched source written next to it (bare imports resolve alike; relative ones are made absolute). */
async function load<M>(file: string, patch: (source: string) => string | undefined): Promise<{ original: M; patched: M }> {
  const original = (await import(pathToFileURL(file).href)) as M;
  const patchedSource = patch(readFileSync(file, 'utf8'));
  expect(patchedSource, file).toBeDefined();
  const dir = mkdtempSync(join(dirname(file), '.fast-test-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const source = patchedSource!.replace(/from ['"](\.[^'"]+)['"]/g, (_m: string, spec: string) => `from '${pathToFileURL(join(dirname(file), spec)).href}'`);
    writeFileSync(join(dir, 'patched.js'), source);
    const patched = (await import(pathToFileURL(join(dir, 'patched.js')).href)) as M;
    return { original, patched };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const narrow = String.fromCharCode(...NARROW);
const pieces = fc.constantFrom(
  ...'abc XYZ 019 ~!{}'.split(''), ...narrow.split(''), '\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[0m', '\u001b[36m', '\u001b[39m', '\u001b[38;5;12m',
  'é', 'e\u0301', '日本', '👍', '✔\ufe0f', '\u2191\ufe0f', '\u200d', '\t', '\r\n', '\u00ad',
);
const text = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(''));

type SliceAnsi = { default: (s: string, start?: number, end?: number) => string };

describe('slice-ansi with the fast path', () => {
  it('gives slice-ansi\'s slice of any mix of ASCII, those symbols, ANSI codes and others', async () => {
    const { original, patched } = await load<SliceAnsi>(SLICE_ANSI, fastSliceAnsi);
    const menu = '❯ Open a snapshot file… ─┐';
    expect(patched.default(menu, 2, 8)).toBe('Open a');
    expect(patched.default(menu, 2, 8)).toBe(original.default(menu, 2, 8));
    const bound = fc.oneof(fc.integer({ min: -3, max: 45 }), fc.constant(undefined));
    fc.assert(
      fc.property(text, fc.integer({ min: -3, max: 45 }), bound, (s, start, end) => {
        expect(patched.default(s, start, end)).toBe(original.default(s, start, end));
      }),
      { numRuns: 2000 },
    );
  });
});

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputModule = { default: new (o: { width: number; height: number }) => OutputLike };

describe("Ink's Output with the fast path", () => {
  it('makes the same screen of writes of any text, clipped or not, over one another', async () => {
    const { original, patched } = await load<OutputModule>(OUTPUT, fastInkOutput);
    const op = fc.oneof(
      fc.record({ type: fc.constant('write' as const), x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 8 }), text: fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')) }),
      fc.record({ type: fc.constant('clip' as const), x1: fc.integer({ min: 0, max: 10 }), x2: fc.integer({ min: 5, max: 30 }), y1: fc.integer({ min: 0, max: 4 }), y2: fc.integer({ min: 2, max: 10 }) }),
      fc.constant({ type: 'unclip' as const }),
    );
    const screen = (Output: OutputModule['default'], ops: { type: string; [k: string]: unknown }[]) => {
      const out = new Output({ width: 30, height: 10 });
      let clips = 0;
      for (const o of ops) {
        if (o.type === 'write') out.write(o.x as number, o.y as number, o.text as string, { transformers: [] });
        else if (o.type === 'clip') {
          out.clip({ x1: o.x1 as number, x2: o.x2 as number, y1: o.y1 as number, y2: o.y2 as number });
          clips++;
        } else if (clips > 0) {
          out.unclip();
          clips--;
        }
      }
      return out.get();
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        expect(screen(patched.default, ops)).toEqual(screen(original.default, ops));
      }),
      { numRuns: 1000 },
    );
  });
});
