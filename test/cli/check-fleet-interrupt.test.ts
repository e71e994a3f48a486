import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';
import { generateFleet } from '../bench/gen-fleet.mjs';

// Ctrl-C during a long many-host check: the hosts checked so far are still written, as a whole document
// that says it is partial, and the exit code says it was interrupted.
const HOSTS = 400;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccdoctor-interrupt-'));
  generateFleet(dir, HOSTS, 11);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function interrupted(format: 'json' | 'text'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check', '--snapshot', dir, '--format', format], { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && (format === 'text' || stdout.includes('"results"'))) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The text is written at the end: interrupt it once it has started checking.
    if (format === 'text') setTimeout(() => { if (!sent) { sent = true; child.kill('SIGINT'); } }, 700);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Windows has no SIGINT to send to another process (kill() ends it outright): the test is POSIX-only.
describe.skipIf(process.platform === 'win32')('check of many snapshots, interrupted', () => {
  it('JSON: the hosts written so far and a whole document marked partial; exit 130', async () => {
    const r = await interrupted('json');
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout) as { hosts: unknown[]; partial: boolean; complete: boolean; verdict: string };
    expect(doc.partial).toBe(true);
    expect(doc.complete).toBe(false);
    expect(doc.hosts.length).toBeGreaterThan(0);
    expect(doc.hosts.length).toBeLessThan(HOSTS);
    expect(doc.verdict).toContain('the run was stopped before every input was read');
    expect(r.stderr).toMatch(new RegExp(`^Interrupted: \\d+ of ${HOSTS} snapshots were read; the output covers those and says it is partial\\.\\n$`));
  }, 60_000);

  it('text: the hosts checked so far, with a verdict that says the run was stopped; exit 130', async () => {
    const r = await interrupted('text');
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('the run was stopped before every input was read');
    expect(r.stderr).toContain(`snapshots were read; the output covers those and says it is partial.`);
  }, 60_000);
});
