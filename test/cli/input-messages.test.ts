import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { noPowerShellEnv } from '../live/fake.js';

const DEMO = join(ROOT, 'snapshots', 'demo.json');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccdoctor-messages-'));
}

/** The demo with its top-level "version" replaced (undefined: removed). */
function demoWithVersion(dir: string, version: unknown): string {
  const snap = JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>;
  if (version === undefined) delete snap.version;
  else snap.version = version;
  const file = join(dir, 'host.json');
  writeFileSync(file, JSON.stringify(snap));
  return file;
}

describe('input messages say what is wrong and what works', () => {
  it('a missing snapshot: the demo is named by a path that opens from the working folder, never the failing path again', async () => {
    const elsewhere = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'], { cwd: tempDir() });
    expect(elsewhere.exitCode).toBe(2);
    expect(String(elsewhere.stderr).trim()).toBe(
      `cannot read snapshot snapshots/demo.json: no such file (path relative to ${String(elsewhere.stderr).match(/relative to (.*)\)/)![1]}); try ${DEMO}`,
    );
    const below = await ccdoctor(['check', '--snapshot', 'nope.json'], { cwd: join(ROOT, 'snapshots') });
    expect(String(below.stderr)).toMatch(/; try demo\.json$/);
  });

  it('none of the snapshots readable: every file with its own reason, at most 20', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'bin.json'), Buffer.from([0, 1, 2, 255, 254, 0, 7]));
    const r = await ccdoctor(['check', '--snapshot', 'empty.json', '--snapshot', 'bin.json', '--snapshot', 'nope.json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    const lines = String(r.stderr).trimEnd().split('\n');
    expect(lines[0]).toBe('ccdoctor check: none of the 3 snapshots could be read:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}empty\.json: .*not valid JSON/),
      expect.stringMatching(/^ {2}bin\.json: .*not text/),
      expect.stringMatching(/^ {2}nope\.json: cannot read snapshot nope\.json: no such file/),
    ]);
    const many = Array.from({ length: 23 }, (_, i) => ['--snapshot', `nope-${i}.json`]).flat();
    const m = await ccdoctor(['report', ...many], { cwd: dir });
    const shown = String(m.stderr).trimEnd().split('\n');
    expect(shown).toHaveLength(22);
    expect(shown[20]).toMatch(/^ {2}nope-19\.json: /);
    expect(shown[21]).toBe('  and 3 more');
  });

  it('a pattern the shell expanded: the extra paths get a hint to repeat --snapshot or quote the pattern', async () => {
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json', 'snapshots/healthy-2.1.json']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/Unexpected argument 'snapshots\/healthy-2\.1\.json'.*its own --snapshot.*quote a pattern/);
    const other = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json', 'extra']);
    expect(String(other.stderr)).toMatch(/Unexpected argument 'extra'/);
    expect(String(other.stderr)).not.toMatch(/--snapshot \(|quote/);
  });

  it('"version" missing or given as text reads as what it is', async () => {
    const dir = tempDir();
    const missing = await ccdoctor(['check', '--snapshot', demoWithVersion(dir, undefined)]);
    expect(missing.exitCode).toBe(2);
    expect(String(missing.stderr)).toMatch(/host\.json: "version" is missing; this ccdoctor reads version 1$/);
    const text = await ccdoctor(['check', '--snapshot', demoWithVersion(dir, '1')]);
    expect(text.exitCode).toBe(2);
    expect(String(text.stderr)).toMatch(/host\.json: "version" is the text "1", expected the number 1$/);
  });

  it('CCDOCTOR_MAX_SNAPSHOT_MB is checked as --max-snapshot-mb is', async () => {
    for (const command of ['check', 'report']) {
      const r = await ccdoctor([command, '--snapshot', 'snapshots/demo.json'], { env: { CCDOCTOR_MAX_SNAPSHOT_MB: 'abc' } });
      expect(r.exitCode, command).toBe(2);
      expect(String(r.stderr)).toBe(`ccdoctor ${command}: the environment variable CCDOCTOR_MAX_SNAPSHOT_MB must be a whole number of MB from 1 to 65536 (got "abc")`);
    }
    const diff = await ccdoctor(['diff', 'snapshots/demo.json', 'snapshots/demo.json'], { env: { CCDOCTOR_MAX_SNAPSHOT_MB: '0' } });
    expect(diff.exitCode).toBe(2);
    expect(String(diff.stderr)).toMatch(/CCDOCTOR_MAX_SNAPSHOT_MB must be/);
    const fine = await ccdoctor(['check', '--snapshot', 'snapshots/demo.json'], { env: { CCDOCTOR_MAX_SNAPSHOT_MB: '8' } });
    expect(fine.exitCode).toBe(1); // the demo's findings
  });

  it('CCDOCTOR_POWERSHELL naming nothing: the variable and its path, not "no PowerShell found"', async () => {
    const r = await ccdoctor(['check'], { env: { ...noPowerShellEnv(), CCDOCTOR_POWERSHELL: '/nonexistent/pwsh' } });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/CCDOCTOR_POWERSHELL is \/nonexistent\/pwsh, which does not exist/);
    expect(String(r.stderr)).not.toMatch(/no PowerShell found/);
    const collect = await ccdoctor(['collect', '--out', join(tempDir(), 'x.json')], { env: { ...noPowerShellEnv(), CCDOCTOR_POWERSHELL: '/nonexistent/pwsh' } });
    expect(collect.exitCode).toBe(2);
    expect(String(collect.stderr)).toMatch(/CCDOCTOR_POWERSHELL is \/nonexistent\/pwsh, which does not exist/);
  });

  it('explain --file: an absolute path that is not there is not said to be relative to the working folder', async () => {
    const abs = await ccdoctor(['explain', '--file', '/nonexistent/CceManagementService.log']);
    expect(abs.exitCode).toBe(2);
    expect(String(abs.stderr)).toBe('ccdoctor explain: cannot read /nonexistent/CceManagementService.log: there is no such file. Check the path.');
    const rel = await ccdoctor(['explain', '--file', 'nope.log']);
    expect(String(rel.stderr)).toBe(`ccdoctor explain: cannot read nope.log: there is no such file. Check the path (relative to ${ROOT}).`);
  });
});
