import { execa, type Options } from 'execa';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** Runs the built CLI as a user would (no TTY, no stdin), never rejecting. */
export function ccdoctor(args: string[], opts: Options & { env?: Record<string, string | undefined> } = {}) {
  return execa('node', [CLI, ...args], {
    cwd: ROOT,
    reject: false,
    stdin: 'ignore',
    ...opts,
    env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env },
    extendEnv: true,
  });
}
