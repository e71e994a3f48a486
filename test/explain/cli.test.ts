import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { main } from '../../src/cli/main.js';
import { encodeText } from '../../src/core/text/decode.js';
import { CATALOGUE, RULES } from '../helpers/catalogue.js';
import { DOCUMENTED } from './documented.js';
import { unfilledCommand } from '../../src/core/powershell/template.js';

const text = (rule: string) => DOCUMENTED.find((d) => d.rule === rule)!.text;
const tmp = mkdtempSync(join(tmpdir(), 'ccdoctor-explain-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function logFile(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const MATCH_KEYS = ['rule', 'title', 'severity', 'signature', 'matched', 'score', 'remediation'];

describe('ccdoctor explain (built CLI)', () => {
  it('explains a pasted error: the rule, what matched, then its remediation steps; exit 0', async () => {
    const r = await ccdoctor(['explain', text('module-analysis-cache-stale')]);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Explained by 1 rule:/);
    expect(out).toContain('1. module-analysis-cache-stale  [error]');
    expect(out).toContain("Matched:    The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet");
    const rule = RULES.find((x) => x.id === 'module-analysis-cache-stale')!;
    for (const step of rule.remediation) {
      expect(out).toContain(step.title);
      if (step.command) expect(out).toContain(`PS> ${unfilledCommand(step.command)}`);
    }
  });

  it('says plainly when nothing matches and points at check, never a guess; exit 1', async () => {
    const r = await ccdoctor(['explain', "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program."]);
    expect(r.exitCode).toBe(1);
    expect(String(r.stdout)).toContain('No documented symptom matches this text.');
    expect(String(r.stdout)).toContain('ccdoctor check');
    // Issue 14 item 16: the closest documented symptom is named, but only under "NOT a match".
    const out = String(r.stdout);
    expect(out).not.toMatch(/Explained by/);
    expect(out.indexOf('module-analysis-cache-stale')).toBeGreaterThan(out.indexOf('NOT a match'));
    expect(out.indexOf('NOT a match')).toBeGreaterThan(0);
    const json = await ccdoctor(['explain', '--format', 'json', "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program."]);
    expect(json.exitCode).toBe(1);
    const parsed = JSON.parse(String(json.stdout));
    expect(parsed.matches).toEqual([]);
    expect(parsed.closest[0]).toMatchObject({ rule: 'module-analysis-cache-stale', match: false });
  });

  it('matches a documented text copied without its command prefix or behind PowerShell 7\'s "Error: "; exit 0', async () => {
    for (const t of ['Key not valid for use in specified state.', 'Error: Dismount-WindowsImage failed. Error code = 0xc1550115']) {
      const r = await ccdoctor(['explain', t]);
      expect(r.exitCode, t).toBe(0);
      expect(String(r.stdout)).toMatch(/^Explained by 1 rule:/);
    }
  });

  it('reads stdin with "-": piped PowerShell output, wrapped and framed', async () => {
    const piped = `PS C:\\> Enter-CcUpdate\n${text('module-analysis-cache-stale').replace('cmdlet, ', 'cmdlet,\n')}\nAt line:1 char:1\n+ Stop-CsWindowsService\n+ ~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : ObjectNotFound: (Stop-CsWindowsService:String) [], CommandNotFoundException\n`;
    const r = await ccdoctor(['explain', '--format', 'json', '-'], { stdin: undefined, input: piped });
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(String(r.stdout));
    expect(json.matches).toHaveLength(1);
    expect(json.matches[0]).toMatchObject({ rule: 'module-analysis-cache-stale', line: 2, count: 1 });
    expect(json.input).toMatchObject({ source: 'stdin', lines: 7 });
  });

  it('stdin: PowerShell 7 output and words cut by the console are found too (small input is also matched whole)', async () => {
    const ps7 = `Import-Module: \n     | The specified module 'CloudConnector' was not loaded because no valid module\n     | file was found in any module directory.\n`;
    const r = await ccdoctor(['explain', '--format', 'json', '-'], { stdin: undefined, input: ps7 });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(String(r.stdout)).matches[0]).toMatchObject({ rule: 'cloudconnector-module-not-found', score: 1 });
    const cut = 'The term \'Stop-CsWindowsService\' is not recog\nnized as the name of a cmdlet, function, script file, or operable program.\n';
    const c = await ccdoctor(['explain', '-'], { stdin: undefined, input: cut });
    expect(c.exitCode).toBe(0);
    expect(String(c.stdout)).toContain('module-analysis-cache-stale');
  });

  it('explains a truncated paste from stdin as a partial match', async () => {
    const r = await ccdoctor(['explain', '-'], { stdin: undefined, input: 'Cannot register appliance because your current input/configuration ...\n' });
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toContain('registration-conflict');
    expect(String(r.stdout)).toContain('Partial match');
  });

  it('--file: hits with line numbers and timestamps; JSON shape', async () => {
    const path = logFile('CceManagementService.log', [
      '2026-11-20 02:14:00.001 CceService Information: 0 : Reporting status to online',
      `2026-11-20 02:14:07.123 ${text('tenant-admin-logon-failed')}`,
      '   at Microsoft.Rtc.CCE.ManagementService.OnlineReporter.ReportStatus()',
      `2026-11-20 03:14:07.456 ${text('tenant-admin-logon-failed')}`,
      `2026-11-20 03:15:00.000 CceService Error: 0 : ${text('credential-store-unreadable')}`,
      '',
    ].join('\r\n'));
    const r = await ccdoctor(['explain', '--format', 'json', '--file', path]);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(String(r.stdout));
    expect(json.schema).toBe('ccdoctor/explain@1');
    expect(json.input).toMatchObject({ source: 'file', lines: 5, encoding: 'utf-8', binary: false });
    expect(json.matches.map((m: { rule: string }) => m.rule)).toEqual(['tenant-admin-logon-failed', 'credential-store-unreadable']);
    const [logon, cred] = json.matches;
    for (const key of MATCH_KEYS) expect(logon).toHaveProperty(key);
    expect(logon).toMatchObject({ line: 2, timestamp: '2026-11-20 02:14:07.123', count: 2, hits: [{ line: 2, timestamp: '2026-11-20 02:14:07.123' }, { line: 4, timestamp: '2026-11-20 03:14:07.456' }] });
    expect(cred).toMatchObject({ line: 5, count: 1, severity: 'critical' });
    expect(logon.remediation[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), text: expect.any(String), runsOn: expect.any(String), destructive: expect.any(Boolean) });
    expect(logon.remediation.some((s: { command?: string }) => s.command?.includes('Set-CcCredential'))).toBe(true);

    const t = await ccdoctor(['explain', '--file', path]);
    expect(String(t.stdout)).toContain('Seen 2 times: line 2 (2026-11-20 02:14:07.123), line 4 (2026-11-20 03:14:07.456)');
  });

  it('--file: a UTF-16LE log with BOM (as Windows writes it)', async () => {
    const path = logFile('utf16.log', encodeText(`x\r\n${text('dism-stale-mount')}\r\n`, 'utf-16le'));
    const r = await ccdoctor(['explain', '--format', 'json', '--file', path]);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(String(r.stdout));
    expect(json.input.encoding).toBe('utf-16le');
    expect(json.matches[0]).toMatchObject({ rule: 'dism-stale-mount', line: 2 });
  });

  it('--file with no match: JSON with an empty list; exit 1', async () => {
    const path = logFile('quiet.log', '2026-11-20 02:14:00.001 CceService Information: 0 : all good\n');
    const r = await ccdoctor(['explain', '--format', 'json', '--file', path]);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(String(r.stdout))).toMatchObject({ schema: 'ccdoctor/explain@1', matches: [] });
  });

  it('binary input: scanned, flagged, no crash', async () => {
    const bytes = Buffer.concat([Buffer.from([0x4d, 0x5a, 0, 0, 0xff, 0x00]), Buffer.alloc(5000, 0), Buffer.from(`\n${text('dism-stale-mount')}\n`)]);
    const r = await ccdoctor(['explain', '--file', logFile('binary.bin', bytes)]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('NUL bytes');
    expect(String(r.stdout)).toContain('dism-stale-mount');
  });

  it('strips terminal control sequences from echoed input', async () => {
    const evil = `\u001b]0;pwned\u0007${text('dism-stale-mount')}\u001b[2J`;
    const r = await ccdoctor(['explain', evil]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).not.toMatch(/\u001b/);
    const path = logFile('evil.log', `2026-11-20 02:14:07.123 \u001b[31m${text('ini-state-missing')}\u001b[0m\u0007\n`);
    const j = await ccdoctor(['explain', '--file', path]);
    expect(String(j.stdout)).not.toMatch(/[\u001b\u0007]/);
    expect(String(j.stdout)).toContain('ini-state-missing');
  });

  it('usage errors exit 2 with a message that says what to do', async () => {
    const cases: [string[], RegExp][] = [
      [['explain', 'some text', '--file', 'x.log'], /either a text .* or --file, not both/],
      [['explain', '--file', join(tmp, 'missing.log')], /cannot read .*missing\.log: there is no such file/],
      [['explain', '--file', tmp], /is a folder/],
      [['explain', '--format', 'xml', 'x'], /--format must be one of text, json/],
      [['explain', '--bogus'], /Unknown option '--bogus'/],
      [['explain', '   '], /empty/],
      [['explain', '-', 'more'], /stands alone/],
    ];
    for (const [args, message] of cases) {
      const r = await ccdoctor(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(String(r.stderr), args.join(' ')).toMatch(message);
    }
    const empty = await ccdoctor(['explain', '-'], { stdin: undefined, input: '' });
    expect(empty.exitCode).toBe(2);
    expect(String(empty.stderr)).toContain('stdin was empty');
  });

  it('never loads ink or react', async () => {
    const log = join(tmp, 'imports.log');
    writeFileSync(log, '');
    const env = { CCDOCTOR_IMPORT_LOG: log, NODE_OPTIONS: `--import ${join(ROOT, 'test', 'helpers', 'record-imports.mjs')}` };
    expect((await ccdoctor(['explain', text('dism-stale-mount')], { env })).exitCode).toBe(0);
    expect((await ccdoctor(['explain', '--file', logFile('ink.log', text('dism-stale-mount'))], { env })).exitCode).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((s) => /^(ink|react|ink-select-input|react-reconciler|yoga-layout)(\/|$)/.test(s))).toEqual([]);
  });

  it('--help is listed and describes the command', async () => {
    const top = await ccdoctor(['--help']);
    expect(String(top.stdout)).toMatch(/explain\s+say which documented symptom/);
    const r = await ccdoctor(['explain', '--help']);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toContain('Usage: ccdoctor explain');
    expect(String(r.stdout)).toContain('--file LOG');
  });
});

describe('explain with a terminal on stdin and no text', () => {
  it('is a usage error telling how to use it (exit 2), without waiting for input', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (d) => (stderr += d));
    const io = { stdin, stdout: out, stderr: err, env: {}, cwd: tmp };
    expect(await main(['explain'], io)).toBe(2);
    expect(stderr).toContain('nothing to explain');
    expect(stderr).toContain('ccdoctor explain --file CceManagementService.log');
    await expect(explainCommand.run([], io, { catalogue: async () => CATALOGUE, rules: async () => CATALOGUE })).rejects.toThrow(/nothing to explain/);
  });
});
