import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, ccdoctor } from '../helpers/cli.js';
import { generateFleet } from '../bench/gen-fleet.mjs';

// stdout and stderr as a file, /dev/null or a shell pipe are written straight to the descriptor (the
// loader, src/cli-loader.cjs); a socket (what execa gives) goes through Node's streams. The output must be
// the same either way, and a reader that stops early (`| head`) must not make ccdoctor print an error.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccdoctor-stdout-'));
  generateFleet(join(dir, 'fleet'), 150, 5);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARGS = ['check', '--snapshot', 'snapshots/demo.json', '--format', 'json'];

describe('the CLI writes the same to a file as to a stream', () => {
  it('a file (stdout and stderr) gets byte for byte what a socket gets', async () => {
    const viaSocket = await ccdoctor([...ARGS]);
    const out = join(dir, 'out.json');
    const err = join(dir, 'err.txt');
    const fdOut = openSync(out, 'w');
    const fdErr = openSync(err, 'w');
    const r = spawnSync(process.execPath, [CLI, ...ARGS], { cwd: ROOT, stdio: ['ignore', fdOut, fdErr] });
    closeSync(fdOut);
    closeSync(fdErr);
    expect(r.status).toBe(viaSocket.exitCode);
    const strip = (s: string) => s.replace(/"(generatedAt|at)": "[^"]*"/g, '');
    expect(strip(readFileSync(out, 'utf8'))).toBe(strip(`${viaSocket.stdout}\n`));
    expect(readFileSync(err, 'utf8')).toBe(viaSocket.stderr);

    const bad = spawnSync(process.execPath, [CLI, 'check', '--snapshot', 'no-such.json'], { cwd: ROOT, stdio: ['ignore', 'ignore', openSync(err, 'w')] });
    expect(bad.status).toBe(2);
    expect(readFileSync(err, 'utf8')).toMatch(/^cannot read snapshot no-such\.json: no such file/);
  });
});

describe.skipIf(process.platform === 'win32')('a reader that stops early', () => {
  it('`| head` ends the output quietly: no error, the exit code of the check', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check --snapshot "${join(dir, 'fleet')}" --format json | head -c 200 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('status 1\n');
  });
});
