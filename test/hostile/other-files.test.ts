/**
 * Every file a command reads, given something that is not a readable file (issue 13 items 4, 6, 7): a
 * missing path, a folder, a device, a path through a file, a name too long, a file that cannot be read
 * (permission, or an I/O error), a name with terminal controls. Each is one line naming the file and
 * why, exit 2, for every command; binary input to explain stops after a bounded amount; a tenant object
 * with a million keys is read in linear time.
 */
import { RULES } from '../helpers/catalogue.js';
import fc from 'fast-check';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { BINARY_LIMIT, BinaryInputError, explainStream } from '../../src/core/explain/stream.js';
import { psProp } from '../../src/core/tenant/ps-json.js';
import { tenantImportFromJson } from '../../src/core/tenant/import.js';
import { cli, DEMO, expectCliInputError, expectCliRan, generate, pool, ROOT, tempDir, GENERATED } from './harness.js';

vi.setConfig({ testTimeout: 180_000 });

const dir = tempDir();
const linux = process.platform === 'linux';
const root = process.getuid?.() === 0;
writeFileSync(join(dir, 'plain.txt'), 'x');
const unreadable = join(dir, 'locked.json');
writeFileSync(unreadable, '{}');
chmodSync(unreadable, 0o000);
const emptyFolder = join(dir, 'empty-folder');
mkdirSync(emptyFolder);

/** Paths that are not a readable file, with the words the message must have. */
const BAD_PATHS: [string, string, string | RegExp][] = [
  ['missing', join(dir, 'missing.json'), /no such file|does not exist/],
  // A folder is a many-host input (issue 12): one with no snapshot in it is the error.
  ['folder', emptyFolder, /directory|folder|not a regular file/],
  ['through a file', join(dir, 'plain.txt', 'x.json'), /not a folder|no such file|does not exist|not a directory/],
  // Words, not one run of letters: error messages are masked like every output, and 120 letters in a row
  // read as encoded data ("[encoded data removed]"), which would hide the name the message must show.
  ['name too long', join(dir, `${'name-too-long-'.repeat(22)}.json`), /too long|no such file|does not exist/],
  ['controls in the name', join(dir, 'bad\u001b[31m\r\u0007name.json'), /no such file|does not exist/],
  ...(linux ? [['a device', '/dev/zero', /not a regular file|binary data/] as [string, string, RegExp]] : []),
  // Root reads any file whatever its mode: there /proc/self/mem (a regular file whose read fails) stands in.
  ...(root ? (linux ? [['unreadable (I/O error)', '/proc/self/mem', /I\/O error|EIO|not valid JSON|not text|not a regular|it is empty/] as [string, string, RegExp]] : [])
    : [['unreadable (permission)', unreadable, /permission denied/] as [string, string, RegExp]]),
];

const COMMANDS: [string, (p: string) => string[]][] = [
  ['check --snapshot', (p) => ['check', '--snapshot', p]],
  ['report --snapshot', (p) => ['report', '--snapshot', p, '--format', 'md']],
  ['check --tenant', (p) => ['check', '--snapshot', DEMO, '--tenant', p]],
  ['explain --file', (p) => ['explain', '--file', p]],
  ['fix ini-state-missing --ini', (p) => ['fix', 'ini-state-missing', '--ini', p, '--dry-run']],
];

/** Every command with every kind of unreadable path. */
export const UNREADABLE_CASES = COMMANDS.flatMap(([c, args]) => BAD_PATHS.map(([kind, path, why]) => ({ name: `${c}: ${kind}`, args: args(path), path, why })));

/** A plain part of a path that the (sanitised) message must show. */
function plainPart(path: string): RegExp {
  const base = path.split('/').filter(Boolean).at(-1)!;
  const plain = base.replace(/[^\w.-]+/g, '.*').slice(0, 60);
  return new RegExp(plain);
}

describe('unreadable files: one line for every command (exit 2, no stack)', () => {
  it(`${UNREADABLE_CASES.length} cases`, async () => {
    const results = await pool(UNREADABLE_CASES, 2, (c) => cli(c.args));
    results.forEach((r, i) => {
      const c = UNREADABLE_CASES[i]!;
      try {
        expectCliInputError(r, plainPart(c.path), c.why);
      } catch (e) {
        throw new Error(`${c.name}: ${(e as Error).message}\nstderr: ${JSON.stringify(r.stderr)}`);
      }
    });
  });
});

/** Binary streams: zeros in chunks of random sizes, past the limit. */
export const BINARY_STREAMS = generate(fc.array(fc.integer({ min: 1, max: 4 * 1024 * 1024 }), { minLength: 1, maxLength: 6 }), GENERATED['item 4/6: binary streams to explain']);

describe('binary input to explain stops after a bounded amount, with a message', () => {
  it.each(BINARY_STREAMS.map((sizes, i) => [i, sizes]))('stream %i', async (_i, sizes) => {
    let given = 0;
    async function* zeros() {
      // Endless, as /dev/zero is: the limit must stop it.
      for (let k = 0; ; k++) {
        const n = sizes[k % sizes.length]!;
        given += n;
        yield new Uint8Array(n);
      }
    }
    const err = await explainStream(zeros(), { source: 'stdin' }, RULES).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(BinaryInputError);
    expect(given).toBeLessThan(BINARY_LIMIT + 8 * 1024 * 1024);
  });

  it('UTF-16 text is not binary (its zero bytes are half of each character)', async () => {
    const text = Buffer.from(`\uFEFF${'line of a UTF-16 log\r\n'.repeat(300_000)}`, 'utf16le');
    async function* chunks() {
      for (let i = 0; i < text.length; i += 65536) yield text.subarray(i, i + 65536);
    }
    const { input } = await explainStream(chunks(), { source: 'stdin' }, RULES);
    expect(input.bytes).toBe(text.length);
  });

  it('the CLI: explain --file of a device is refused unread and 20 MB of NULs on stdin stop; exit 2 and one line', async () => {
    const [zero, empty, stdin] = await Promise.all([
      linux ? cli(['explain', '--file', '/dev/zero']) : Promise.resolve(undefined),
      linux ? cli(['explain', '--file', '/dev/null']) : Promise.resolve(undefined),
      cli(['explain', '-'], { input: Buffer.alloc(20 * 1024 * 1024) }),
    ]);
    if (zero) expectCliInputError(zero, '/dev/zero', /not a regular file/);
    if (empty) expectCliInputError(empty, '/dev/null', /not a regular file/);
    expectCliInputError(stdin, 'stdin', /stopped after \d+ MB: .*binary data/);
  });

  it.runIf(linux)('the CLI: explain --file of a named pipe is refused without waiting for a writer', async () => {
    const fifo = join(tempDir(), 'log.fifo');
    execFileSync('mkfifo', [fifo]);
    expectCliInputError(await cli(['explain', '--file', fifo]), fifo, /not a regular file/);
  });
});

/** Objects whose keys differ in case from the names looked up, among many others. */
export const KEY_CASES = generate(fc.tuple(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 50 }), fc.constantFrom('Name', 'name', 'NAME', 'nAmE', 'MediationServerFqdn', 'mediationserverfqdn'), fc.string()), GENERATED['item 7: tenant key lookups']);

describe('tenant objects: property lookups (case-insensitive, first spelling wins, linear)', () => {
  it.each(KEY_CASES.map((c, i) => [i, ...c]))('case %i', (_i, keys, name, value) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) o[k] = 'other';
    o[name] = value;
    const expected = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
    expect(psProp(o, name.toUpperCase())).toBe(o[expected!]);
  });

  it('reading an object with many keys is linear: each key is lower-cased once, whatever the lookups', () => {
    const big: Record<string, string> = { MediationServerFqdn: 'ms.contoso.com', Name: 'appliance-1', Identity: 'site/appliance-1' };
    for (let i = 0; i < 100_000; i++) big[`Extra${i}`] = 'x';
    const lower = String.prototype.toLowerCase;
    let calls = 0;
    String.prototype.toLowerCase = function (this: string) {
      calls++;
      return lower.call(this);
    };
    try {
      const imported = tenantImportFromJson([big]);
      expect(imported.fact).toBe('tenant.appliances');
    } finally {
      String.prototype.toLowerCase = lower;
    }
    // A scan per lookup (about a dozen lookups) would be more than a million calls.
    expect(calls).toBeLessThan(100_000 + 1_000);
  });

  it('a tenant file whose object has 300,000 keys is read well within the process timeout', async () => {
    const big: Record<string, string> = { MediationServerFqdn: 'ms.contoso.com', Name: 'appliance-1', Identity: 'site/appliance-1' };
    for (let i = 0; i < 300_000; i++) big[`Extra${i}`] = 'x';
    const file = join(dir, 'appliances-300k.json');
    writeFileSync(file, JSON.stringify([big]));
    expectCliRan(await cli(['check', '--snapshot', DEMO, '--tenant', file, '--format', 'json'], { heapMb: 768, cwd: ROOT }));
  });
});
