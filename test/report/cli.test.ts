import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { reportModel } from '../../src/core/report/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'snapshots', 'demo.json');

async function run(argv: string[], cwd = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'))) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(['report', ...argv], { stdout, stderr, stdin: new PassThrough(), env: { NO_COLOR: '1' }, cwd });
  return { code, out, err, cwd };
}

describe('ccdoctor report', () => {
  it('writes each format to --out, choosing the format from the extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    for (const [file, check] of [
      ['r.md', (t: string) => expect(t).toMatch(/^# ccdoctor report: CCE-DEMO-01/)],
      ['r.html', (t: string) => expect(t).toMatch(/^<!DOCTYPE html>/)],
      ['r.json', (t: string) => expect(reportModel.parse(JSON.parse(t)).host.name).toBe('CCE-DEMO-01')],
      ['r.xml', (t: string) => expect(t).toMatch(/^<\?xml[^>]*>\n<testsuites /)],
    ] as const) {
      const r = await run(['--snapshot', DEMO, '--out', file], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^Wrote ${file.replace('.', '\\.')} \\(`));
      check(readFileSync(join(dir, file), 'utf8'));
    }
    // Nothing but the reports: the atomic writer leaves no temporary files behind.
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json', 'r.md', 'r.xml']);
  });

  it('writes to standard output without --out or with --out -; an --out extension that disagrees with --format is refused', async () => {
    const a = await run(['--snapshot', DEMO]);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^# ccdoctor report/);
    const b = await run(['--snapshot', DEMO, '--format', 'junit', '--out', '-']);
    expect(b.out).toMatch(/^<\?xml/);
    const c = await run(['--snapshot', DEMO, '--format', 'html', '--out', 'x.md']);
    expect(c.code).toBe(2);
    expect(c.err).toContain('--format html does not match --out x.md, whose extension means md');
    expect(existsSync(join(c.cwd, 'x.md'))).toBe(false);
    // Agreeing, or an extension that names no format, is fine; without --format the extension decides.
    const d = await run(['--snapshot', DEMO, '--format', 'junit', '--out', 'x.xml']);
    expect(d.code, d.err).toBe(0);
    const e = await run(['--snapshot', DEMO, '--format', 'json', '--out', 'x.txt']);
    expect(JSON.parse(readFileSync(join(e.cwd, 'x.txt'), 'utf8')).schema).toBe('ccdoctor/report');
    const f = await run(['--snapshot', DEMO, '--out', 'x.htm']);
    expect(readFileSync(join(f.cwd, 'x.htm'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('--tenant adds the tenant\'s side, as for check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    writeFileSync(join(dir, 'site.json'), '{"Identity": "Sydney", "Name": "Sydney", "EnableAutoUpdate": false}');
    const r = await run(['--snapshot', join(ROOT, 'snapshots', 'healthy-2.1.json'), '--tenant', 'site.json', '--format', 'json'], dir);
    expect(r.code, r.err).toBe(0);
    const model = reportModel.parse(JSON.parse(r.out));
    const site = model.results.find((x) => x.rule === 'site-autoupdate-disabled')!;
    expect(site.status).toBe('fail');
    expect(site.evidence[0]!.provenance.ref).toContain('site.json');
    const bad = await run(['--snapshot', DEMO, '--tenant', 'no-such.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('cannot read --tenant no-such.json: no such file');
  });

  it('does not overwrite a file without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    writeFileSync(join(dir, 'r.md'), 'keep me');
    const r = await run(['--snapshot', DEMO, '--out', 'r.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/r\.md already exists: not overwritten \(use --force to replace it\)/);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toBe('keep me');
    const f = await run(['--snapshot', DEMO, '--out', 'r.md', '--force'], dir);
    expect(f.code).toBe(0);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/^# ccdoctor report/);
  });

  it('--redact with --redact-map writes the private map apart; an existing map stops both writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    const r = await run(['--snapshot', DEMO, '--redact', '--redact-map', 'map.json', '--out', 'r.html'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/redaction map to map\.json: keep it/);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const map = JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8'));
    expect(map.schema).toBe('ccdoctor/redaction-map');
    const host = map.entries.find((e: { original: string }) => e.original === 'CCE-DEMO-01');
    expect(host.token).toMatch(/^host-\d+$/);
    expect(html).toContain(`ccdoctor report: <span class="host">${host.token}</span>`);
    const text = html.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&');
    for (const e of map.entries as { original: string }[]) {
      const escaped = e.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(text, e.original).not.toMatch(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'i'));
    }
    const again = await run(['--snapshot', DEMO, '--redact', '--redact-map', 'map.json', '--out', 'r2.md'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/map\.json already exists/);
    expect(existsSync(join(dir, 'r2.md'))).toBe(false);
  });

  it.each([
    [['--format', 'pdf', '--snapshot', DEMO], /--format must be one of md, html, json, junit, sarif, ps1 \(got "pdf"\)/],
    [[], /--snapshot FILE is required/],
    [['--snapshot', DEMO, '--redact-map', 'm.json'], /--redact-map only makes sense with --redact/],
    [['--snapshot', DEMO, '--redact', '--redact-map', '-'], /never written to standard output/],
    [['--snapshot', DEMO, '--redact', '--redact-map', 'same.md', '--out', 'same.md'], /name the same file/],
    [['--snapshot', 'nope.json'], /cannot read snapshot nope\.json: no such file/],
    [['--snapshot', DEMO, '--out', 'no/such/dir/r.md'], /cannot write .*r\.md: the folder .* does not exist/],
    [['--bogus'], /ccdoctor report: Unknown option '--bogus'/],
    [['--snapshot', DEMO, '--out', '.', '--force'], /is a folder: give a file name for the report/],
  ])('bad input %j → exit 2 with a message', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('--help is true to the options the command accepts', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--snapshot', '--tenant', '--format', '--out', '--force', '--redact', '--redact-map', '--cert-expiry-days']) expect(r.out).toContain(flag);
    for (const f of ['md', 'html', 'json', 'junit']) expect(r.out).toContain(f);
    const top = await main(['--help'], { stdout: Object.assign(new PassThrough(), {}), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: ROOT });
    expect(top).toBe(0);
  });

  it('the built CLI (dist/cli.js) writes a report', () => {
    execFileSync(process.execPath, [join(ROOT, 'src', 'tools', 'build.mjs')], { cwd: ROOT });
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'report', '--snapshot', DEMO, '--format', 'junit', '--redact'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml/);
    expect(r.stdout).not.toContain('CCE-DEMO-01');
    const help = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/\n {2}report +write a diagnostic report/);
  });
});

describe('exportReport (the wizard\'s export)', () => {
  it('builds, writes and refuses to overwrite', async () => {
    const { exportReport } = await import('../../src/core/report/index.js');
    const { checkSnapshot } = await import('../helpers/check.js');
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-export-'));
    const run = await checkSnapshot(DEMO);
    const model = await exportReport(run, join(dir, 'r.md'), { format: 'md', redact: true, redactMapPath: join(dir, 'map.json') });
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain(`# ccdoctor report: ${model.host.name}`);
    expect(JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8')).entries.length).toBeGreaterThan(0);
    await expect(exportReport(run, join(dir, 'r.md'), { format: 'md' })).rejects.toThrow(/already exists/);
    await expect(exportReport(run, join(dir, 'r2.md'), { format: 'md', redact: true, redactMapPath: join(dir, 'map.json') })).rejects.toThrow(/map\.json already exists/);
    expect(existsSync(join(dir, 'r2.md'))).toBe(false);
  });
});
