/**
 * The hostile-input suite's shared pieces: the built CLI run under a memory limit and a generous process
 * timeout, the checks every error must pass (exit code, one line naming the file and the place, no stack
 * trace, no terminal control), and deterministic case generators (fast-check with a fixed seed), so the
 * count of generated cases is the same on every run (test/hostile/count.test.ts adds them up).
 */
import { execa } from 'execa';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const DEMO = join(ROOT, 'snapshots', 'demo.json');
export const SEED = 13;

/** Heap limit for every CLI case: a run that needed more memory (the /dev/zero case did) fails instead of swapping. */
export const HEAP_MB = 192;
/** Per-process limit: generous on a loaded 2-core machine; a hang ends as a failed case, never a stuck suite. */
export const PROCESS_TIMEOUT_MS = 60_000;

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  signal: string | undefined;
}

/** The built CLI as a user runs it (no TTY), with the heap limit; never rejects. */
export async function cli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string | undefined>; heapMb?: number } = {}): Promise<CliResult> {
  const r = await execa('node', [`--max-old-space-size=${opts.heapMb ?? HEAP_MB}`, CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    reject: false,
    timeout: PROCESS_TIMEOUT_MS,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
    env: { NO_COLOR: '1', FORCE_COLOR: undefined, CI: '1', ...opts.env },
    extendEnv: true,
    stripFinalNewline: false,
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), timedOut: r.timedOut === true, signal: r.signal ?? undefined };
}

// eslint-disable-next-line no-control-regex
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** An error message as the user sees it: one line, no stack, no terminal control, naming `file` and `place`. */
export function expectOneLineError(message: string, file: string | RegExp, place?: string | RegExp): void {
  const text = message.replace(/\n$/, '');
  expect(text, 'one line').not.toContain('\n');
  expect(text, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(text, 'no internal error').not.toMatch(/internal error/);
  expect(text, 'no terminal control').not.toMatch(TERMINAL_CONTROL);
  if (typeof file === 'string') expect(text).toContain(file);
  else expect(text).toMatch(file);
  if (place !== undefined) {
    if (typeof place === 'string') expect(text).toContain(place);
    else expect(text).toMatch(place);
  }
}

/** A CLI input error: exit 2, nothing on stdout, one line on stderr (see expectOneLineError). */
export function expectCliInputError(r: CliResult, file: string | RegExp, place?: string | RegExp): void {
  expect(r.timedOut, `timed out: ${r.stderr}`).toBe(false);
  expect(r.signal, r.stderr).toBeUndefined();
  expect(r.exitCode, r.stderr).toBe(2);
  expectOneLineError(r.stderr, file, place);
}

/** A CLI run that finished normally (exit 0 or 1), without a crash, stack trace or terminal control on stdout. */
export function expectCliRan(r: CliResult): void {
  expect(r.timedOut, `timed out: ${r.stderr}`).toBe(false);
  expect(r.signal, r.stderr).toBeUndefined();
  expect([0, 1], r.stderr).toContain(r.exitCode);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  // Colour is off (NO_COLOR): anything control-like on stdout came from the input.
  expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
}

/**
 * How many cases each generator of the suite produces, by issue item (count.test.ts adds them up and prints
 * the total). The CLI cases (a representative set per class) come on top.
 */
export const GENERATED = {
  'item 1: wizard pastes (ink-testing-library)': 30,
  "item 1: any input through Ink's key reader": 300,
  'item 2: NUL in a command parameter': 30,
  'item 3: 100k+ evidence lines': 2,
  'item 3: deep nesting': 4,
  'item 4/6: binary streams to explain': 8,
  'item 7: tenant key lookups': 40,
  'item 8: secret plantings (every shape, every string fact)': 24,
  'item 8: secret shapes in explain': 24,
  'item 9: escapes before error texts': 40,
  'item 9: sanitiser inputs': 60,
  'item 9/12: escapes in snapshot bytes': 30,
  'item 10: control characters in every format': 24,
  'item 11: garbage versions': 40,
  'item 12: truncated snapshot JSON': 80,
  'item 12: host fields': 40,
  'item 12: fact values': 30,
} as const;

/** Deterministic generated cases: the same on every run, so the suite's count is stable. */
export function generate<T>(arb: fc.Arbitrary<T>, numRuns: number, seed = SEED): T[] {
  return fc.sample(arb, { numRuns, seed });
}

export function demoJson(): { schema: string; version: number; host: Record<string, unknown>; facts: Record<string, { status: string; value?: unknown; message?: string }> } {
  return JSON.parse(readFileSync(DEMO, 'utf8'));
}

/** A temporary folder removed after the file's tests. */
export function tempDir(prefix = 'ccdoctor-hostile-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temp.push(d);
  return d;
}
const temp: string[] = [];
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

/** Runs async work with at most `limit` at a time (CLI processes on a 2-core machine). */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  }));
  return out;
}

// --- generators shared by several files ---

const ESC = '\u001b';
/** Terminal escape and control sequences of every kind, cut-off ones included. */
export const escapeSequence: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }), fc.constantFrom('m', 'J', 'H', 'K', 'A', 'h', 'l', 'q', '~', 'u')).map(([p, f]) => `${ESC}[${p.join(';')}${f}`),
  fc.constantFrom(`${ESC}[2J`, `${ESC}[31;1m`, `${ESC}[0m`, `${ESC}[?1049h`, `${ESC}[200~`, `${ESC}[201~`, `${ESC}[?2004h`, `${ESC}[6n`, `${ESC}[38;2;255;0;0m`),
  fc.string({ maxLength: 12 }).map((t) => `${ESC}]0;${t.replace(/[\u0007\u001b\n]/g, '')}\u0007`),
  fc.string({ maxLength: 12 }).map((t) => `${ESC}]8;;http://x/${t.replace(/[\u0007\u001b\n]/g, '')}${ESC}\\`),
  fc.constantFrom(`${ESC}]0;`, `${ESC}]8;;`, `${ESC}[`, `${ESC}[31`, `${ESC}P`, `${ESC}Pq#0`, `${ESC}`, '\u009b31m', '\u009b', `${ESC}X`, `${ESC}_`),
  fc.constantFrom('\u0000', '\u0007', '\u0008', '\r', '\u000b', '\u000c', '\u007f', '\u0085', '\u202e', '\u2066'),
);
