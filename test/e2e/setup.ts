/** What the real-terminal tests share: the built CLI, config folders of their own, and cleaning up after. */
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectTier } from '../tiers/detect.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

// Loaded only where the tier can run: node-pty is a native addon.
export const terminal = detectTier('terminal').missing ? undefined : await import('./terminal.js');

const dirs: string[] = [];

/** A new config folder (CCDOCTOR_CONFIG_DIR), removed after the file's tests. */
export function configDir(prefix = 'ccdoctor-e2e-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

afterAll(() => {
  terminal?.closeAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
