import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { InputError } from '../errors.js';
import { quoted } from '../text/sanitize.js';

export interface ReadInputOptions {
  /** How the file is named in messages ("snapshot host.json", "--tenant site.json"). */
  what: string;
  /** Refuse a larger file (bytes), with `tooLarge` saying how to raise the limit. */
  maxBytes?: number;
  tooLarge?: string;
  /** Added to the "no such file" message (where to find the file); a function is asked only then. */
  missingHint?: string | (() => string | undefined);
  /** The path as the user gave it (a relative one is said to be relative to the working folder). */
  shown?: string;
}

/**
 * Reads a file the user named: only a regular file, never more than maxBytes; any failure is one
 * InputError line "cannot read WHAT: WHY" (missing, a folder, a device or pipe, permission denied, …).
 */
export async function readInputFile(path: string, opts: ReadInputOptions): Promise<Buffer> {
  return readInputFileSync(path, opts);
}

/**
 * readInputFile, synchronously: the files are small (a snapshot, a tenant file, an ini), and loading
 * node:fs/promises would cost every check more than the read itself.
 */
export function readInputFileSync(path: string, opts: ReadInputOptions): Buffer {
  const what = quoted(opts.what, 300);
  let fd: number | undefined;
  try {
    // Checked before opening: opening a pipe would wait for a writer, a device could be endless.
    const before = statSync(path);
    if (before.isDirectory()) throw new InputError(`cannot read ${what}: it is a directory, not a file`);
    if (!before.isFile()) throw new InputError(`cannot read ${what}: it is not a regular file (a device, a pipe or a socket)`);
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`cannot read ${what}: it is not a regular file (a device, a pipe or a socket)`);
    if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
      throw new InputError(`cannot read ${what}: it is ${mb(st.size)}, more than the limit of ${mb(opts.maxBytes)}${opts.tooLarge ? ` (${opts.tooLarge})` : ''}`);
    }
    // One buffer of the size the file has; a file that grows meanwhile is read only up to that size.
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const bytesRead = readSync(fd, buf, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${what}: ${why(e as NodeJS.ErrnoException, opts.shown ?? path, opts.missingHint)}`);
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already reported the read's own error, if any
      }
    }
  }
}

/** A file-system error in words, for any read or open. */
export function why(e: NodeJS.ErrnoException, path: string, missingHint?: ReadInputOptions['missingHint']): string {
  switch (e.code) {
    case 'ENOENT': {
      const hint = typeof missingHint === 'function' ? missingHint() : missingHint;
      return `no such file${isAbsolute(path) ? '' : ` (path relative to ${process.cwd()})`}${hint ? `; ${hint}` : ''}`;
    }
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an I/O error (a failing disk or network share)';
    case 'EBUSY':
      return 'the file is locked by another program';
    default:
      return quoted(e.message, 200);
  }
}

export function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

/** Runs a file-system operation on a file the user named; its failure is one InputError line (what, why). */
export async function fsInput<T>(verb: 'read' | 'write' | 'delete', what: string, path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof InputError || typeof (e as NodeJS.ErrnoException)?.code !== 'string') throw e;
    throw new InputError(`cannot ${verb} ${quoted(what, 300)}: ${why(e as NodeJS.ErrnoException, path)}`);
  }
}
