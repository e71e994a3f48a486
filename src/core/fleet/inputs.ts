import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

/** A snapshot to read: where it is, and how the operator named it. */
export interface SnapshotInput {
  path: string;
  shown: string;
}

/** In a folder, the file collect writes next to the snapshots (not a snapshot itself). */
export const MANIFEST_FILE = 'manifest.json';

const WILD = /[*?]/;

/**
 * The snapshots a run reads, from what the operator gave (`--snapshot` repeated): files, folders (every
 * *.json in the folder and its subfolders) and globs (`*`, `?`, `**`; expanded here, so they work the
 * same in cmd.exe); collect's manifest.json is never a snapshot. In the order given, each folder's and glob's files by
 * name; a file named twice is read once. Anything that names no snapshot is an error, naming it.
 */
export function expandSnapshotInputs(args: readonly string[], cwd: string, command = 'check'): SnapshotInput[] {
  const out: SnapshotInput[] = [];
  const seen = new Set<string>();
  const add = (path: string, shown: string) => {
    const key = process.platform === 'win32' ? path.toLowerCase() : path;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path, shown });
  };
  for (const arg of args) {
    if (WILD.test(arg)) {
      const files = globFiles(arg, cwd).filter(notManifest);
      for (const path of files) add(path, shownPath(path, cwd, arg));
      if (files.length === 0) {
        throw new InputError(`ccdoctor ${command}: --snapshot ${arg}: no file matches this pattern (relative to ${cwd})`);
      }
      continue;
    }
    const path = resolve(cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // Not there: the snapshot reader says so, with the path, when it reads it.
    }
    if (!isDir) {
      add(path, arg);
      continue;
    }
    const files = jsonFilesUnder(path).filter(notManifest);
    if (files.length === 0) throw new InputError(`ccdoctor ${command}: --snapshot ${arg}: the folder holds no .json snapshot`);
    for (const f of files) add(f, shownPath(f, cwd, arg));
  }
  return out;
}

const notManifest = (path: string) => basename(path).toLowerCase() !== MANIFEST_FILE;

/** How a found file is named: relative to the working folder when given relatively, else absolute. */
function shownPath(path: string, cwd: string, arg: string): string {
  if (isAbsolute(arg)) return path;
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}

/** Every *.json under a folder, subfolders included, sorted by path. */
function jsonFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/** The files a glob names (`*` and `?` within a name, `**` for any folders), sorted. */
export function globFiles(pattern: string, cwd: string): string[] {
  const normal = pattern.replace(/\\/g, '/');
  const parts = normal.split('/');
  // The fixed folders before the first wildcard are where the walk starts.
  const first = parts.findIndex((p) => WILD.test(p));
  const base = resolve(cwd, parts.slice(0, first).join('/') || '.');
  const rest = parts.slice(first);
  const found: string[] = [];
  const walk = (dir: string, i: number) => {
    if (i === rest.length) return;
    const part = rest[i]!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (part === '**') {
      walk(dir, i + 1);
      for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name), i);
      return;
    }
    const re = segment(part);
    for (const e of entries) {
      if (!re.test(e.name)) continue;
      const p = join(dir, e.name);
      if (i === rest.length - 1) {
        if (e.isFile()) found.push(p);
      } else if (e.isDirectory()) walk(p, i + 1);
    }
  };
  walk(base, 0);
  return [...new Set(found)].sort();
}

function segment(part: string): RegExp {
  const body = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`, process.platform === 'win32' ? 'i' : '');
}
