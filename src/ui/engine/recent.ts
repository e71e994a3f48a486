import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from '../../core/schema.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';

const MAX = 8;
const recentFile = z.object({ version: z.literal(1), files: z.array(z.string().check(z.minLength(1), z.maxLength(4096))).check(z.maxLength(100)) });

/** The user's config folder for ccdoctor (CCDOCTOR_CONFIG_DIR overrides it, e.g. for tests). */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.CCDOCTOR_CONFIG_DIR) return env.CCDOCTOR_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'ccdoctor');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'ccdoctor');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'ccdoctor');
}

/** Recently opened snapshots, newest first. A missing or damaged file is an empty list, never an error. */
export async function loadRecent(file: string): Promise<string[]> {
  try {
    const parsed = recentFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.files.slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export async function addRecent(file: string, path: string): Promise<string[]> {
  const files = [path, ...(await loadRecent(file)).filter((p) => p !== path)].slice(0, MAX);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, { force: true });
  return files;
}
