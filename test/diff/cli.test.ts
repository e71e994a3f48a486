import { describe, expect, it } from 'vitest';
import { ccdoctor } from '../helpers/cli.js';

// Through dist/cli.js (node src/tools/build.mjs first), as a user runs it.
describe('ccdoctor diff A B', () => {
  it('prints what differs, rule outcomes first, and exits 1 as diff(1) does', async () => {
    const r = await ccdoctor(['diff', 'snapshots/healthy-2.1.json', 'snapshots/symptom-vm-not-running.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^A: CCE-SYD-01 \(snapshots\/healthy-2\.1\.json, CCE 2\.1\.0\.372/);
    expect(r.stdout).toMatch(/Rule outcomes that changed \(5\):\n {2}vm-not-running +pass -> fail +\[critical\]/);
    expect(r.stdout).toContain('    hyperv.vms: [EDGE01].state Running -> Saved');
  });

  it('exits 0 when nothing differs', async () => {
    const r = await ccdoctor(['diff', 'snapshots/healthy-2.1.json', 'snapshots/healthy-2.1.json']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('No difference.');
  });

  it('--format json, --redact: the ccdoctor/diff (version 1) document with tokens for names', async () => {
    const r = await ccdoctor(['diff', 'snapshots/ha-site-appliance-1.json', 'snapshots/ha-site-appliance-2.json', '--format', 'json', '--redact']);
    expect(r.exitCode).toBe(1);
    const d = JSON.parse(String(r.stdout));
    expect(d).toMatchObject({ schema: 'ccdoctor/diff', version: 1, redacted: true, rules: [], a: { ref: 'ha-site-appliance-1.json' } });
    expect(r.stdout).not.toMatch(/CCE-SYD|contoso|MS01|192\.168\.10\.13/);
    expect(d.areas.map((g: { area: string }) => g.area)).toEqual(['cce', 'certs', 'file', 'host', 'hyperv', 'vm']);
  });

  it('bad usage and unreadable input exit 2 with one line saying what to do', async () => {
    const one = await ccdoctor(['diff', 'snapshots/healthy-2.1.json']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toContain('ccdoctor diff: give two snapshot files, A and B (got 1).');
    const missing = await ccdoctor(['diff', 'snapshots/healthy-2.1.json', 'snapshots/no-such.json']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot read snapshot snapshots\/no-such\.json: no such file/);
    const format = await ccdoctor(['diff', 'a.json', 'b.json', '--format', 'xml']);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain('--format must be one of text, json');
  });

  it('--help says what the command does, its noise list and its exit codes; the command list names it', async () => {
    const help = await ccdoctor(['diff', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ccdoctor diff A\.json B\.json/);
    expect(help.stdout).toContain('0 no difference (noise aside, unless --all); 1 differences; 2 usage or input error');
    const all = await ccdoctor(['--help']);
    expect(all.stdout).toMatch(/\n {2}diff +compare two hosts' snapshots/);
  });
});
