import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { encodeText } from '../../src/core/text/decode.js';

const ORIGINAL = encodeText('; Build 6.0\r\n[Common]\r\nCountryCode=US\r\nCity=Redmond\r\n\r\n[Network]\r\nIP=1\r\n', 'utf-16le');

/** Runs `ccdoctor fix …` in-process; `typed` is what the operator types at a terminal prompt. */
async function fix(argv: string[], opts: { tty?: boolean; typed?: string | null; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (opts.typed === null) stdin.end();
  else if (opts.typed !== undefined) stdin.write(opts.typed);
  const code = await main(['fix', ...argv], { stdout, stderr, stdin, env: { NO_COLOR: '1', ...opts.env }, cwd: opts.cwd ?? tmpdir() });
  return { code, out, err };
}

function iniDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-cmd-'));
  const ini = join(dir, 'CloudConnector.ini');
  writeFileSync(ini, ORIGINAL);
  return { dir, ini };
}

const unchanged = (dir: string, ini: string) => {
  expect(readdirSync(dir)).toEqual(['CloudConnector.ini']);
  expect(readFileSync(ini).equals(Buffer.from(ORIGINAL))).toBe(true);
};

describe('ccdoctor fix ini-state-missing', () => {
  it('--dry-run shows the diff and writes nothing (same listing, same bytes), even with --yes', async () => {
    const { dir, ini } = iniDir();
    for (const extra of [[], ['--yes'], ['--state', 'WA']]) {
      const r = await fix(['ini-state-missing', '--ini', ini, '--dry-run', ...extra], { tty: true });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^Dry run: would add one line to .*CloudConnector\.ini \(UTF-16LE with BOM, CRLF line ends;/);
      expect(r.out).toContain(` City=Redmond\n+State=${extra[1] === 'WA' ? 'WA' : ''}\n \n [Network]`);
      expect(r.out).toMatch(/Nothing was written\. Without --dry-run a backup .*CloudConnector\.ini\.ccdoctor-\d{8}T\d{6}Z\.bak is written first/);
      expect(r.err).toBe('');
      unchanged(dir, ini);
    }
  });

  it('at a terminal, typing fix edits the file after a backup and re-checks it', async () => {
    const { dir, ini } = iniDir();
    const r = await fix(['ini-state-missing', '--ini', ini, '--state', 'WA'], { tty: true, typed: 'fix\n' });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Type fix to add "State=WA" to');
    expect(r.out).toMatch(/Fixed: added "State=WA" at line 5 of .*CloudConnector\.ini\. Backup: .*\.ccdoctor-\d{8}T\d{6}Z\.bak\nRe-checked: ini-state-missing passes/);
    expect(readFileSync(ini).equals(Buffer.from(encodeText('; Build 6.0\r\n[Common]\r\nCountryCode=US\r\nCity=Redmond\r\nState=WA\r\n\r\n[Network]\r\nIP=1\r\n', 'utf-16le')))).toBe(true);
    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!)).equals(Buffer.from(ORIGINAL))).toBe(true);
    // Second run: nothing to do, nothing written.
    const again = await fix(['ini-state-missing', '--ini', ini], { tty: true });
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/^Nothing to do: \[Common\] in .* already has State=WA \(line 5\); the file was not changed\.\n$/) });
    expect(readdirSync(dir)).toHaveLength(2);
    const other = await fix(['ini-state-missing', '--ini', ini, '--state', 'QLD', '--yes']);
    expect(other.out).toMatch(/already has State=WA \(line 5\); the file was not changed \(--state is not applied: ccdoctor only adds a missing line\)\.\n$/);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('declined at the prompt (another answer, or end of input): exit 1, nothing changed', async () => {
    const { dir, ini } = iniDir();
    for (const typed of ['yes\n', '\n', null]) {
      const r = await fix(['ini-state-missing', '--ini', ini], { tty: true, typed });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/Cancelled: nothing was changed\.\n$/);
      unchanged(dir, ini);
    }
  });

  it('without a terminal, or in CI, refuses unless --yes is given', async () => {
    const { dir, ini } = iniDir();
    for (const opts of [{ tty: false }, { tty: true, env: { CI: 'true' } }]) {
      const r = await fix(['ini-state-missing', '--ini', ini], opts);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^ccdoctor fix: no terminal to ask for confirmation.*so nothing was changed\. Add --yes to confirm on the command line, or --dry-run/);
      unchanged(dir, ini);
    }
    // A relative --ini is relative to the working directory, and shown resolved.
    const y = await fix(['ini-state-missing', '--ini', 'CloudConnector.ini', '--yes'], { cwd: dir });
    expect(y.code, y.err).toBe(0);
    expect(y.out).toContain(`Fixed: added "State=" at line 5 of ${ini}.`);
  });

  it('refuses bad input with exit 2 and one message', async () => {
    const { dir, ini } = iniDir();
    const cases: [string[], RegExp][] = [
      [['ini-state-missing'], /--ini PATH is required.*Get-CcApplianceDirectory/],
      [['ini-state-missing', '--ini', ini, '--state', 'WA\nSiteName=x', '--yes'], /--state may not hold line breaks/],
      [['ini-state-missing', '--ini', ini, '--cache', 'x'], /--cache does not apply to this rule/],
      [['ini-state-missing', '--ini', join(dir, 'nope.ini'), '--yes'], /nope\.ini does not exist/],
    ];
    for (const [argv, message] of cases) {
      const r = await fix(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    writeFileSync(join(dir, 'other.ini'), '[Network]\nIP=1\n');
    const r = await fix(['ini-state-missing', '--ini', join(dir, 'other.ini'), '--yes']);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/has no \[Common\] section.*nothing changed/) });
    expect(readFileSync(join(dir, 'other.ini'), 'utf8')).toBe('[Network]\nIP=1\n');
    expect(readdirSync(dir).sort()).toEqual(['CloudConnector.ini', 'other.ini']);
    expect(readFileSync(ini).equals(Buffer.from(ORIGINAL))).toBe(true);
  });
});

describe('ccdoctor fix: which rules', () => {
  it('refuses other rule ids, listing the fixable ones', async () => {
    const known = await fix(['dism-stale-mount']);
    expect(known.code).toBe(2);
    expect(known.err).toBe('ccdoctor fix: "dism-stale-mount" is not a fix ccdoctor performs itself (ccdoctor check shows its remediation steps). ccdoctor can fix: ini-state-missing, module-analysis-cache-stale\n');
    const unknown = await fix(['no-such-rule\u001b[2J']);
    expect(unknown.err).toBe('ccdoctor fix: unknown rule "no-such-rule". ccdoctor can fix: ini-state-missing, module-analysis-cache-stale\n');
    expect((await fix([])).err).toMatch(/name the rule to fix: ini-state-missing or module-analysis-cache-stale/);
    expect((await fix(['ini-state-missing', 'module-analysis-cache-stale'])).err).toMatch(/one rule at a time/);
  });

  it('--help names both rules and every option', async () => {
    const r = await fix(['--help']);
    expect(r.code).toBe(0);
    for (const s of ['ccdoctor fix ini-state-missing --ini PATH', 'ccdoctor fix module-analysis-cache-stale [--cache PATH]', '--state VALUE', '--backup', '--dry-run', '--yes', 'Exit codes']) {
      expect(r.out).toContain(s);
    }
  });
});

describe('ccdoctor fix module-analysis-cache-stale', () => {
  function cacheDir() {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-cache-'));
    const cache = join(dir, 'ModuleAnalysisCache');
    writeFileSync(cache, Buffer.alloc(1234, 7));
    return { dir, cache };
  }

  it('--dry-run names the file, its size and time, and deletes nothing', async () => {
    const { dir, cache } = cacheDir();
    const r = await fix(['module-analysis-cache-stale', '--cache', cache, '--dry-run', '--backup']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Dry run: would delete .*ModuleAnalysisCache \(1234 bytes, last written \d{4}-\d\d-\d\dT[\d:.]+Z\), after copying it to .*\.bak\.\nNothing was deleted\. Close every other PowerShell window first/);
    expect(readdirSync(dir)).toEqual(['ModuleAnalysisCache']);
  });

  it('typing delete at the prompt deletes it (with --backup, a copy is kept); anything else keeps it', async () => {
    const { dir, cache } = cacheDir();
    const no = await fix(['module-analysis-cache-stale', '--cache', cache], { tty: true, typed: 'fix\n' });
    expect(no).toMatchObject({ code: 1, out: expect.stringMatching(/Cancelled: nothing was deleted\.\n$/) });
    expect(readdirSync(dir)).toEqual(['ModuleAnalysisCache']);
    const yes = await fix(['module-analysis-cache-stale', '--cache', cache, '--backup'], { tty: true, typed: 'delete\n' });
    expect(yes.code, yes.err).toBe(0);
    expect(yes.err).toContain('Type delete to delete it');
    expect(yes.out).toMatch(/Deleted .*ModuleAnalysisCache\. Copy kept: .*\.bak\.\nRe-checked: module-analysis-cache-stale passes/);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^ModuleAnalysisCache\.ccdoctor-\d{8}T\d{6}Z\.bak$/)]);
    const again = await fix(['module-analysis-cache-stale', '--cache', cache, '--yes']);
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/^Nothing to do: there is no .*ModuleAnalysisCache/) });
  });

  it('refuses a wrong name, a folder, no terminal without --yes, and no default path off Windows', async () => {
    const { dir, cache } = cacheDir();
    const other = join(dir, 'important.txt');
    writeFileSync(other, 'keep');
    expect(await fix(['module-analysis-cache-stale', '--cache', other, '--yes'])).toMatchObject({ code: 2, err: expect.stringMatching(/refusing .*important\.txt: only a file named ModuleAnalysisCache/) });
    expect(await fix(['module-analysis-cache-stale', '--cache', dir, '--yes'])).toMatchObject({ code: 2 });
    expect(await fix(['module-analysis-cache-stale', '--cache', cache])).toMatchObject({ code: 2, err: expect.stringMatching(/no terminal to ask for confirmation/) });
    expect((await fix(['module-analysis-cache-stale', '--cache', cache, '--state', 'WA'])).err).toMatch(/--state does not apply/);
    expect(readdirSync(dir).sort()).toEqual(['ModuleAnalysisCache', 'important.txt']);
    if (process.platform !== 'win32') {
      expect((await fix(['module-analysis-cache-stale', '--yes'], { env: { LOCALAPPDATA: dir } })).err).toMatch(/this is not Windows, so there is no default cache: give the file with --cache PATH/);
    }
  });
});
