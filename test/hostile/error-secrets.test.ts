/**
 * Secrets in error messages: a snapshot value that fails validation is quoted in the message, and is
 * masked there as in every other output, in every command, for one input and for the inputs a many-host
 * run could not read (text, JSON and report formats). Also a secret in an internal error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';
import { cli, DEMO, demoJson, expectCliInputError, pool, ROOT, tempDir } from './harness.js';

vi.setConfig({ testTimeout: 180_000 });

const dir = tempDir();
/** A copy of the demo snapshot with one fact's value replaced (a value of the wrong type). */
function planted(name: string, fact: string, value: unknown): string {
  const snap = demoJson();
  snap.facts[fact] = { ...snap.facts[fact]!, value };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(snap));
  return file;
}

const CASES = [
  { file: planted('dotnet.json', 'dotnet.release', 'password=Hunter22'), secret: 'Hunter22', place: 'facts["dotnet.release"].value' },
  { file: planted('proxy.json', 'host.winhttpProxy', 'http://admin:S3cr3tP4ss@proxy.corp:8080'), secret: 'S3cr3tP4ss', place: 'facts["host.winhttpProxy"].value' },
  // Long enough that the quoted value is cut before the "@" that marks the password as one.
  { file: planted('long.json', 'host.winhttpProxy', 'http://admin:Sup3rS3cretPassw0rdForTheProxy@proxy.corp:8080'), secret: 'Sup3rS3cret', place: 'facts["host.winhttpProxy"].value' },
];

function expectMasked(text: string, secret: string, what: string): void {
  expect(text, `${what} shows the secret`).not.toContain(secret);
  expect(text, `${what} says a secret was removed`).toContain('[secret removed]');
}

describe('a secret in a value that fails validation is masked in the error message', () => {
  it.each(CASES.map((c) => [c.place, c.secret, c]))('%s = …%s…: check, report, diff', async (_p, _s, c) => {
    const runs = await pool(
      [
        ['check', '--snapshot', c.file],
        ['check', '--snapshot', c.file, '--format', 'json'],
        ['report', '--snapshot', c.file, '--format', 'md', '--out', '-'],
        ['diff', c.file, DEMO],
      ],
      2,
      (args) => cli(args),
    );
    for (const r of runs) {
      expectCliInputError(r, c.file, c.place);
      expectMasked(r.stderr, c.secret, 'stderr');
      expect(r.stdout).toBe('');
    }
  });

  it('a field named like a secret, of the wrong type: its value is described, never quoted, and the message reads whole', async () => {
    for (const [value, kind] of [[12345678, 'a number'], [true, 'true or false']] as const) {
      const file = planted(`env-${kind.length}.json`, 'host.env', { PATH: 'C:\\Windows', DB_PASSWORD: value });
      const r = await cli(['check', '--snapshot', file]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).not.toContain(`is ${String(value)};`);
      expect(r.stderr).not.toContain('12345678');
      expect(r.stderr).toContain(`facts["host.env"].value.DB_PASSWORD (its value is not shown: the field is named like a secret): is ${kind}; it should hold text (a string)`);
    }
  });

  it('any other input error: a file name with credentials, a wrong "schema" value', async () => {
    const snap = demoJson();
    snap.schema = 'password=Hunter22';
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify(snap));
    const url = 'https://admin:Hunter22@files.corp/cce01.json';
    const runs = await pool([['check', '--snapshot', schema], ['report', '--snapshot', schema], ['check', '--snapshot', url], ['diff', url, DEMO]], 2, (args) => cli(args));
    expectCliInputError(runs[0]!, schema, /"schema" is "password=\[secret removed\]"/);
    expectCliInputError(runs[1]!, schema, /"schema" is "password=\[secret removed\]"/);
    expectCliInputError(runs[2]!, 'https://admin:[secret removed]@files.corp/cce01.json', 'no such file');
    expectCliInputError(runs[3]!, 'https://admin:[secret removed]@files.corp/cce01.json');
    for (const r of runs) expect(r.stderr).not.toContain('Hunter22');
  });

  it('many hosts: the inputs not read are named with their messages masked (check text and JSON, every report format)', async () => {
    const many = ['--snapshot', DEMO, ...CASES.flatMap((c) => ['--snapshot', c.file])];
    const formats = ['md', 'html', 'json', 'junit', 'sarif'];
    const runs = await pool(
      [['check', ...many], ['check', ...many, '--format', 'json'], ...formats.map((f) => ['report', ...many, '--format', f, '--out', '-'])],
      2,
      (args) => cli(args),
    );
    runs.forEach((r, i) => {
      expect([0, 1], r.stderr).toContain(r.exitCode);
      for (const c of CASES) {
        expect(r.stdout + r.stderr, `run ${i}: shows ${c.secret}`).not.toContain(c.secret);
        expect(r.stdout, `run ${i} names the input not read`).toContain('dotnet.json');
      }
      expect(r.stdout, `run ${i}`).toMatch(/\\?\[secret removed\\?\]/); // md escapes the brackets
    });
  });

  it('many hosts, none readable: the error names each file once, with its reason masked', async () => {
    const r = await cli(['check', ...CASES.flatMap((c) => ['--snapshot', c.file])]);
    expect(r.exitCode, r.stderr).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('ccdoctor check: none of the 3 snapshots could be read:');
    expect(lines).toHaveLength(4);
    CASES.forEach((c, i) => {
      expect(lines[i + 1]).toContain(`  ${c.file}: ${c.place}: is the text`);
      expect(lines[i + 1]!.split(c.file)).toHaveLength(2);
      expect(r.stderr).not.toContain(c.secret);
    });
    expect(r.stderr).toContain('[secret removed]');
  });
});

describe('an internal error is masked too', () => {
  it('a secret in the error text is not printed', async () => {
    const t = captureIo({}, ROOT);
    t.io.stdout.write = () => {
      throw new Error('write failed for https://admin:Hunter22@proxy.corp/ password=Hunter22');
    };
    expect(await main(['--version'], t.io)).toBe(70);
    expect(t.err()).toMatch(/^ccdoctor: internal error: Error: write failed for https:\/\/admin:\[secret removed\]@proxy\.corp\//);
    expect(t.err()).not.toContain('Hunter22');
  });
});
