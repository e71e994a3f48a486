import { lstat, readFile, unlink } from 'node:fs/promises';
import { basename, win32 } from 'node:path';
import { InputError } from '../errors.js';
import { fsInput, why } from '../fs/read-input.js';
import type { CheckResult, Rule } from '../rules/types.js';
import { writeBackup } from './backup.js';

export interface CacheFile {
  path: string;
  size: number;
  mtime: Date;
  ino: number;
  mtimeMs: number;
}

/** %LOCALAPPDATA%\Microsoft\Windows\PowerShell\ModuleAnalysisCache, on Windows with LOCALAPPDATA set. */
export function defaultCachePath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const base = env.LOCALAPPDATA;
  if (platform !== 'win32' || !base) return undefined;
  return win32.join(base, 'Microsoft', 'Windows', 'PowerShell', 'ModuleAnalysisCache');
}

/**
 * ccdoctor deletes the file itself (Node, no PowerShell started), but a PowerShell that stays open keeps
 * the cache in memory and writes it back some seconds after it next loads a module: the one ccdoctor was
 * started from included, hence "close this one too" after the deletion.
 */
const CLOSE = 'Close every other PowerShell window first: an open PowerShell writes its cache back a few seconds after it loads a module, and the deleted file would return (PowerShell rebuilds it when it next starts).';

/** Said after the deletion. */
export const AFTER_DELETE = 'Close this PowerShell window too (it could write its cache back), open a new elevated PowerShell and run Enter-CcUpdate again.';

/** Refuses anything but a file named ModuleAnalysisCache* (so a typo cannot delete something else). */
export function checkCacheName(path: string): void {
  const file = basename(path);
  if (!/^ModuleAnalysisCache/i.test(file)) {
    throw new InputError(`ccdoctor fix: refusing ${path}: only a file named ModuleAnalysisCache… is deleted (it lives in %LOCALAPPDATA%\\Microsoft\\Windows\\PowerShell)`);
  }
  if (/\.ccdoctor-[^\\/]*\.bak$/i.test(file)) throw new InputError(`ccdoctor fix: refusing ${path}: that is a ccdoctor backup, not the cache`);
}

/** The cache file as it is now; undefined when there is none. */
export async function inspectCache(path: string): Promise<CacheFile | undefined> {
  checkCacheName(path);
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
    if (e.code === 'EACCES' || e.code === 'EPERM') throw new InputError(`ccdoctor fix: cannot read ${path}: permission denied`);
    throw new InputError(`ccdoctor fix: cannot read ${path}: ${why(e, path)}`);
  });
  if (!st) return undefined;
  if (!st.isFile() || st.isSymbolicLink()) throw new InputError(`ccdoctor fix: refusing ${path}: it is not a regular file`);
  return { path, size: st.size, mtime: st.mtime, ino: st.ino, mtimeMs: st.mtimeMs };
}

export interface CacheDeleteResult {
  backup?: string;
  check: CheckResult;
}

/**
 * Deletes the inspected cache file, only if it is still that file (same identity, size and time):
 * a PowerShell that rewrote it meanwhile is still running. With `backup`, a copy is kept first. `rule` is
 * module-analysis-cache-stale, which judges the result.
 */
export async function deleteCache(file: CacheFile, opts: { backup: boolean; now: Date; rule: Pick<Rule<any, any>, 'check'> }): Promise<CacheDeleteResult> {
  const current = await inspectCache(file.path);
  if (!current) throw new InputError(`ccdoctor fix: ${file.path} is already gone: nothing to delete`);
  if (current.ino !== file.ino || current.size !== file.size || current.mtimeMs !== file.mtimeMs) {
    throw new InputError(`ccdoctor fix: ${file.path} changed while you were asked, so a PowerShell is still using it: nothing deleted. ${CLOSE}`);
  }
  const backup = opts.backup ? await writeBackup(file.path, new Uint8Array(await fsInput('read', `ccdoctor fix: ${file.path}`, file.path, () => readFile(file.path))), opts.now) : undefined;
  await unlink(file.path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EBUSY' || e.code === 'EPERM' || e.code === 'EACCES') {
      throw new InputError(`ccdoctor fix: cannot delete ${file.path} (${e.code}: in use or not permitted): nothing deleted. ${CLOSE}`);
    }
    throw e;
  });
  const after = await inspectCache(file.path);
  const check = opts.rule.check({
    facts: {
      'ps.moduleAnalysisCache': { path: file.path, exists: after !== undefined, size: after?.size ?? null, lastWriteTime: after?.mtime.toISOString() ?? null },
      // Not consulted when the cache is absent; the module's state is not collected here.
      'ps.cloudConnectorModule': { path: '', exists: false, lastWriteTime: null },
    },
    version: undefined, now: opts.now, options: {},
  });
  return { ...(backup ? { backup } : {}), check };
}

export const CLOSE_POWERSHELL = CLOSE;
