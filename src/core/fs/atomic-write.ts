import { open, readdir, rename, unlink, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { nodeCrypto } from '../node-crypto.js';

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
  await removeStaleTemporaries(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
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

/**
 * A write killed half-way (SIGKILL, power loss) leaves its hidden temporary file behind. Before each
 * write to a path, the temporaries of that path (ours: `.<name>.<pid>.<hex>.tmp`, and the backups'
 * `.bak.tmp`) whose process is no longer running are removed, so they never pile up.
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}(?:\.bak)?\.tmp$/.exec(name.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    await unlink(join(dir, name)).then(() => removed.push(name), () => {});
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
