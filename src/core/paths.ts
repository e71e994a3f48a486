import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { existsSync } from 'node:fs';

/** The package root: dist/cli.js and src/core/paths.ts sit one and two levels below it. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'snapshots'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the ccdoctor package folder (package.json next to snapshots/)');
}

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'snapshots', 'demo.json');
}

/** The bundled demo as a hint names it: a path that opens from `cwd` (relative when below it, else absolute). */
export function demoSnapshotShown(cwd: string = process.cwd()): string {
  const demo = demoSnapshotPath();
  const below = relative(cwd, demo);
  return below && !below.startsWith('..') && !isAbsolute(below) ? below : demo;
}

declare const __CCDOCTOR_VERSION__: string | undefined;

export const VERSION: string = typeof __CCDOCTOR_VERSION__ === 'string' ? __CCDOCTOR_VERSION__ : '0.0.0-dev';
