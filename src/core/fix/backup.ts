import { constants } from 'node:fs';
import { copyFile, link, open, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { nodeCrypto } from '../node-crypto.js';
import { fsInput } from '../fs/read-input.js';
import { removeStaleTemporaries } from '../fs/atomic-write.js';

/** "20261122T062000Z": sortable and valid in a Windows file name. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function backupPath(file: string, now: Date, n = 0): string {
  return `${file}.ccdoctor-${backupStamp(now)}${n === 0 ? '' : `-${n}`}.bak`;
}

const NO_HARD_LINKS = new Set(['ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EPERM']);

/**
 * Writes `data` as `<file>.ccdoctor-<timestamp>.bak` next to the file: complete and flushed under a
 * temporary name first, then given its name by a hard link, which fails rather than replace an existing
 * file (a taken name gets a -1, -2 … suffix). The copy is read back before this returns its path.
 */
export async function writeBackup(file: string, data: Uint8Array, now: Date): Promise<string> {
  await removeStaleTemporaries(file);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.bak.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 0; n < 100; n++) {
      const target = backupPath(file, now, n);
      try {
        await link(tmp, target).catch((e: NodeJS.ErrnoException) => {
          if (!NO_HARD_LINKS.has(e.code ?? '')) throw e;
          // A file system without hard links: an exclusive copy still never replaces a backup.
          return copyFile(tmp, target, constants.COPYFILE_EXCL);
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw e;
      }
      const back = new Uint8Array(await fsInput('read', `the backup ${target}`, target, () => readFile(target)));
      if (!sameBytes(back, data)) throw new InputError(`the backup ${target} does not read back as written: nothing else was changed`);
      return target;
    }
    throw new InputError(`${file}: 100 backups with this timestamp already exist: nothing changed`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`cannot write a backup next to ${file}: permission denied; nothing changed`);
    throw e;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
