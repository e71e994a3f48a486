import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FAKE_DIR = join(ROOT, 'test', 'fake-powershell');
export const SNAPSHOTS = join(ROOT, 'snapshots');

// git may not keep the executable bit everywhere; the shim must be runnable for PATH lookup.
chmodSync(join(FAKE_DIR, 'powershell'), 0o755);

/** An environment whose PATH finds the fake PowerShell first (and node, which the shim runs). */
export function fakeEnv(extra: Record<string, string> = {}, snapshot = 'healthy-2.1.json'): NodeJS.ProcessEnv {
  return {
    PATH: [FAKE_DIR, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: process.env.HOME ?? tmpdir(),
    FAKE_PS_SNAPSHOT: join(SNAPSHOTS, snapshot),
    ...extra,
  };
}

/** An environment with no PowerShell anywhere on PATH. */
export function noPowerShellEnv(): NodeJS.ProcessEnv {
  return { PATH: [mkdtempSync(join(tmpdir(), 'ccd-nops-')), dirname(process.execPath)].join(':'), HOME: process.env.HOME ?? tmpdir() };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccd-live-'));
}
