import { open, rename, unlink, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';

export interface AtomicWriteOptions {
  /** Replace an existing file; without it an existing file is an InputError. */
  force?: boolean;
}

/**
 * Writes a file so that readers see the old content or the new, never a part: a temporary file in the
 * same folder, flushed to disk, then renamed over the target. Nothing is left behind on failure.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  if (!opts.force) {
    const exists = await stat(path).then(() => true, (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)));
    if (exists) throw new InputError(`${path} already exists: not overwritten (use --force to replace it)`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot write ${path}: the folder ${dirname(path)} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`cannot write ${path}: permission denied`);
    throw e;
  }
}
