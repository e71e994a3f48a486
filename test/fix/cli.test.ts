/**
 * The built CLI (dist/cli.js) as an operator runs it: without a terminal it needs --yes; in a real
 * terminal (a pseudo-terminal from util-linux `script`) it asks for the typed word.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeText } from '../../src/core/text/decode.js';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const ORIGINAL = encodeText('[Common]\r\nSiteName=Sydney\r\nCity=Sydney\r\n\r\n[Network]\r\nIP=1\r\n', 'utf-8-bom');
const EDITED = encodeText('[Common]\r\nSiteName=Sydney\r\nCity=Sydney\r\nState=NSW\r\n\r\n[Network]\r\nIP=1\r\n', 'utf-8-bom');
const { CI: _ci, CONTINUOUS_INTEGRATION: _cic, ...INHERITED } = process.env;
const ENV = { ...INHERITED, NO_COLOR: '1' };

function iniDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-cli-'));
  const ini = join(dir, 'CloudConnector.ini');
  writeFileSync(ini, ORIGINAL);
  return { dir, ini };
}

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, 'fix', ...args], { encoding: 'utf8', env: ENV, input: '' });

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'src', 'tools', 'build.mjs')], { cwd: ROOT });
});

describe('node dist/cli.js fix', () => {
  it('without a terminal: refuses without --yes, dry-runs, then fixes with --yes', () => {
    const { dir, ini } = iniDir();
    const refused = cli(['ini-state-missing', '--ini', ini, '--state', 'NSW']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/no terminal to ask for confirmation, so nothing was changed\. Add --yes/);
    const dry = cli(['ini-state-missing', '--ini', ini, '--state', 'NSW', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('+State=NSW');
    expect(readdirSync(dir)).toEqual(['CloudConnector.ini']);
    expect(readFileSync(ini).equals(Buffer.from(ORIGINAL))).toBe(true);
    const done = cli(['ini-state-missing', '--ini', ini, '--state', 'NSW', '--yes']);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Fixed: added "State=NSW" at line 4/);
    expect(readFileSync(ini).equals(Buffer.from(EDITED))).toBe(true);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('deletes a ModuleAnalysisCache with --yes, and refuses another file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-cli-'));
    writeFileSync(join(dir, 'ModuleAnalysisCache'), 'cache');
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    expect(cli(['module-analysis-cache-stale', '--cache', join(dir, 'notes.txt'), '--yes']).status).toBe(2);
    const r = cli(['module-analysis-cache-stale', '--cache', join(dir, 'ModuleAnalysisCache'), '--yes']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  /** Runs the fix in a pseudo-terminal, types `keys` at the prompt; the exit code and everything shown. */
  async function inTerminal(ini: string, keys: string) {
    const cmd = `'${process.execPath}' '${CLI}' fix ini-state-missing --ini '${ini}' --state NSW`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('(anything else cancels): ')) resolve();
      });
    });
    child.stdin.write(keys);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, out };
  }

  it('in a terminal: asks, and the typed word makes the edit', async () => {
    const { ini } = iniDir();
    const { code, out } = await inTerminal(ini, 'fix\r');
    expect(code, out).toBe(0);
    expect(out).toContain('Type fix to add "State=NSW"');
    expect(out).toMatch(/Fixed: added "State=NSW" at line 4/);
    expect(readFileSync(ini).equals(Buffer.from(EDITED))).toBe(true);
  });

  it('in a terminal: Ctrl-C at the prompt cancels (exit 1), the file untouched', async () => {
    const { dir, ini } = iniDir();
    const { code, out } = await inTerminal(ini, '\u0003');
    expect(code, out).toBe(1);
    expect(out).toContain('Cancelled: nothing was changed.');
    expect(readdirSync(dir)).toEqual(['CloudConnector.ini']);
    expect(readFileSync(ini).equals(Buffer.from(ORIGINAL))).toBe(true);
  });
});
