import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPatch, readSnapshotJson } from '../../src/core/snapshot/resolve.js';

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
    FAKE_PS_SNAPSHOT: wholeSnapshot(join(SNAPSHOTS, snapshot)),
    ...extra,
  };
}

/** The fake host answers from a whole snapshot: a patch is resolved (by the loader's resolver) into a temporary copy. */
function wholeSnapshot(path: string): string {
  if (!isPatch(JSON.parse(readFileSync(path, 'utf8')))) return path;
  const copy = join(mkdtempSync(join(tmpdir(), 'ccd-fake-snap-')), 'host.json');
  writeFileSync(copy, JSON.stringify(readSnapshotJson(path)));
  return copy;
}

/** An environment with no PowerShell anywhere on PATH. */
export function noPowerShellEnv(): NodeJS.ProcessEnv {
  return { PATH: [mkdtempSync(join(tmpdir(), 'ccd-nops-')), dirname(process.execPath)].join(':'), HOME: process.env.HOME ?? tmpdir() };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccd-live-'));
}
