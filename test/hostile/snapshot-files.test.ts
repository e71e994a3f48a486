/**
 * Hostile snapshot files (issue 13 items 5, 9, 12): truncated JSON, escape sequences in the bytes and in
 * file names, wrong host fields and fact values, devices, pipes, folders and oversized files. Every one is
 * an input error of one line naming the file and the place (line and column, or the field's path, and what
 * it should hold), never a stack trace; memory stays bounded (the CLI runs under a heap limit).
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FACTS } from '../../src/facts/index.js';
import { InputError } from '../../src/core/errors.js';
import { parseSnapshot } from '../../src/core/snapshot/load.js';
import { cli, demoJson, escapeSequence, expectCliInputError, expectCliRan, expectOneLineError, generate, pool, tempDir, GENERATED } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const DEMO_TEXT = `${JSON.stringify(demoJson(), null, 2)}\n`;
const enc = (s: string) => new TextEncoder().encode(s);

function loadError(bytes: Uint8Array, name = 'host.json'): string {
  try {
    parseSnapshot(bytes, name, FACTS);
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('loaded without an error');
}

/** Truncation points of the demo snapshot (never at its end, where it is complete). */
export const TRUNCATIONS = generate(fc.integer({ min: 1, max: DEMO_TEXT.trimEnd().length - 1 }), GENERATED['item 12: truncated snapshot JSON']);
/** Escape-laden garbage before or instead of JSON. */
export const ESCAPE_PREFIXES = generate(fc.tuple(escapeSequence, fc.string({ maxLength: 20 }), fc.boolean()), GENERATED['item 9/12: escapes in snapshot bytes']);
const HOST_FIELDS = ['name', 'collectedAt', 'collector', 'collector.name', 'collector.version', 'collector.mode', 'os', 'description', 'extraField'] as const;
const BAD_VALUES = [undefined, 42, null, [], {}, '', '\u001b[2Jx\rY', true] as const;
/** A host field missing or of the wrong kind. */
export const HOST_CASES = generate(fc.tuple(fc.constantFrom(...HOST_FIELDS), fc.integer({ min: 0, max: BAD_VALUES.length - 1 })), GENERATED['item 12: host fields']);
const OK_FACTS = Object.entries(demoJson().facts).filter(([, f]) => f.status === 'ok').map(([id]) => id);
/** A fact value replaced by something of another kind. */
export const FACT_CASES = generate(fc.tuple(fc.constantFrom(...OK_FACTS), fc.constantFrom<unknown>(7, 'text', null, [1, 'a'], { x: { y: 1 } }, true, -1.5)), GENERATED['item 12: fact values']);
export const TOP_LEVEL = ['[]', '42', '"text"', 'null', 'true', '[{"schema":"ccdoctor/snapshot"}]'];

describe('snapshot JSON that is cut off: line and column of the end (FORMAT.md)', () => {
  it.each(TRUNCATIONS.map((n) => [n]))('cut after %i characters', (n) => {
    const cut = DEMO_TEXT.slice(0, n);
    const message = loadError(enc(cut));
    expectOneLineError(message, 'host.json is not valid JSON', /line \d+, column \d+: /);
    const [, line, column] = /line (\d+), column (\d+)/.exec(message)!.map(Number);
    const lines = cut.split('\n');
    // The error is on the last line of what is left (a cut-off literal is reported where it starts).
    expect(line).toBe(lines.length);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(column).toBeLessThanOrEqual(lines.at(-1)!.length + 1);
  });
});

describe('escape sequences in the file: never quoted raw', () => {
  it.each(ESCAPE_PREFIXES.map((c, i) => [i, ...c]))('case %i', (_i, esc, text, before) => {
    const body = before ? `${esc}${text}${DEMO_TEXT}` : `{"schema": ${esc}${JSON.stringify(text)}}`;
    const message = loadError(enc(body));
    // (A CR or tab before the value is JSON whitespace: then the file is JSON, and the schema is wrong.)
    expectOneLineError(message, 'host.json', /line 1, column \d+|is not a snapshot: it is not text|is not a ccdoctor snapshot: "schema" is/);
  });
});

describe('host fields: the field path and what it should hold, not the schema library\'s words', () => {
  it.each(HOST_CASES.map(([f, v], i) => [i, f, v]))('case %i: host.%s = value #%i', (_i, field, v) => {
    const snap = demoJson();
    const path = field.split('.');
    let o = snap.host as Record<string, unknown>;
    for (const p of path.slice(0, -1)) o = o[p] as Record<string, unknown>;
    const value = BAD_VALUES[v];
    if (value === undefined) delete o[path.at(-1)!];
    else o[path.at(-1)!] = value;
    const optional = field === 'os' || field === 'description';
    const anyText = optional || field === 'collector.name' || field === 'collector.version';
    const fine = (optional && value === undefined) || (anyText && typeof value === 'string') || (field === 'extraField' && value === undefined);
    if (fine) {
      expect(() => parseSnapshot(enc(JSON.stringify(snap)), 'host.json', FACTS)).not.toThrow();
      return;
    }
    const message = loadError(enc(JSON.stringify(snap)));
    const where = field === 'extraField' ? 'host: unknown field "extraField"' : `host.json: host.${field}: `;
    expectOneLineError(message, 'host.json', where);
    expect(message).not.toMatch(/received|Invalid input/);
    if (field !== 'extraField') expect(message).toMatch(/is missing|is (an?|the|null|true|42)|should/);
  });
});

describe('fact values of the wrong kind: the fact named, one line', () => {
  it.each(FACT_CASES.map(([id, v], i) => [i, id, v]))('case %i: %s', (_i, id, value) => {
    const snap = demoJson();
    snap.facts[id]!.value = value;
    let message: string | undefined;
    try {
      parseSnapshot(enc(JSON.stringify(snap)), 'host.json', FACTS);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      message = (e as Error).message;
    }
    // Some facts accept any value (free-form ones): then it loads; otherwise the error names the fact.
    if (message !== undefined) {
      expectOneLineError(message, 'host.json', `facts["${id}"].value`);
      expect(message).not.toMatch(/received|Invalid input/);
    }
  });
});

describe('not an object at the top', () => {
  it.each(TOP_LEVEL.map((t) => [t]))('%s', (t) => {
    expectOneLineError(loadError(enc(t)), 'host.json', /the top level is|not a ccdoctor snapshot/);
  });
});

describe('the CLI on hostile snapshot files (exit 2, one line on stderr, bounded memory and time)', () => {
  const dir = tempDir();
  const emptyFolder = join(dir, 'empty-folder');
  mkdirSync(emptyFolder);
  const ESC_NAME = 'evil\u001b]0;pwned\u0007\u001b[2J\rname.json';
  writeFileSync(join(dir, 'cut.json'), DEMO_TEXT.slice(0, 1234));
  writeFileSync(join(dir, 'escapes.json'), `\u001b[2J\u001b]0;title\u0007${DEMO_TEXT}`);
  writeFileSync(join(dir, ESC_NAME), '{"schema": 1');
  const noName = demoJson();
  delete (noName.host as { name?: string }).name;
  writeFileSync(join(dir, 'no-name.json'), JSON.stringify(noName, null, 2));
  writeFileSync(join(dir, 'binary.json'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0xfe, 0]));
  // Sparse: 70 MB on disk costs nothing, and is over the 64 MB default limit.
  const big = join(dir, 'big.json');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 70 * 1024 * 1024);
  closeSync(fd);
  let fifo: string | undefined;
  if (process.platform !== 'win32') {
    fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
  }

  const cases: [string, string[], string | RegExp, string | RegExp][] = [
    ['truncated', ['check', '--snapshot', join(dir, 'cut.json')], 'cut.json is not valid JSON', /line \d+, column \d+/],
    ['escapes in the bytes', ['check', '--snapshot', join(dir, 'escapes.json')], 'escapes.json is not valid JSON', 'line 1, column 1'],
    ['escapes in the name', ['check', '--snapshot', join(dir, ESC_NAME)], /evil.*name\.json/, /line 1, column/],
    ['missing host name', ['report', '--snapshot', join(dir, 'no-name.json'), '--format', 'md'], 'no-name.json: host.name: is missing', 'it should hold the host name'],
    ['binary', ['check', '--snapshot', join(dir, 'binary.json')], 'binary.json is not a snapshot', 'it is not text'],
    ['over the size limit', ['check', '--snapshot', big], 'big.json', /70\.0 MB, more than the limit of 64\.0 MB .*--max-snapshot-mb/],
    ['over a lowered limit', ['check', '--snapshot', join(dir, 'cut.json'), '--max-snapshot-mb', '1', '--format', 'json'], 'cut.json', /is not valid JSON|more than the limit/],
    ['a raised limit reads it', ['check', '--snapshot', big, '--max-snapshot-mb', '100'], 'big.json is not a snapshot', 'it is not text'],
    ['a bad limit', ['check', '--snapshot', big, '--max-snapshot-mb', 'lots'], '--max-snapshot-mb', 'whole number of MB'],
    ['a device', ['check', '--snapshot', '/dev/zero'], 'snapshot /dev/zero', 'not a regular file'],
    // A folder is a many-host input (issue 12): one with no snapshot in it is the error.
    ['a folder', ['report', '--snapshot', emptyFolder, '--format', 'json'], `--snapshot ${emptyFolder}`, 'the folder holds no .json snapshot'],
    ['missing', ['check', '--snapshot', join(dir, 'nope\u001b[31m.json')], /nope.*\.json/, 'no such file'],
    ...(fifo ? [['a pipe', ['check', '--snapshot', fifo], 'pipe.json', 'not a regular file'] as [string, string[], string, string]] : []),
  ];
  it(`${cases.length} cases`, async () => {
    const results = await pool(cases, 2, ([, args]) => cli(args));
    results.forEach((r, i) => {
      const [, , file, place] = cases[i]!;
      expectCliInputError(r, file, place);
    });
  });

  it('a 40 MB snapshot is read within a heap of 192 MB (memory a small multiple of the file)', async () => {
    const snap = demoJson();
    snap.host.description = 'x'.repeat(40 * 1024 * 1024);
    const file = join(dir, 'forty.json');
    writeFileSync(file, JSON.stringify(snap));
    snap.host.description = '';
    expectCliRan(await cli(['check', '--snapshot', file, '--format', 'json']));
  });
});
