import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import * as z from '../schema.js';
import type { SchemaIssue } from '../schema.js';
import { InputError } from '../errors.js';
import { decodeText } from '../text/decode.js';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, snapshotFile, snapshotPatch, type SnapshotJson } from './schema.js';

/** Where a snapshot file is: its path on disk, and how messages and provenance name it. */
export interface SnapshotPlace {
  path: string;
  shown: string;
}

export interface ResolvedSnapshot {
  /** The whole snapshot (a patch applied to its bases), its structure checked; fact values are not validated yet. */
  json: SnapshotJson;
  /** The files it extends, nearest first, as shown in messages (empty for a whole snapshot). */
  bases: string[];
  /** The file each fact entry comes from (shown name): where to look when its value is refused. */
  factFile: Map<string, string>;
}

export type ReadBytes = (path: string) => Uint8Array;

const readBytes: ReadBytes = (path) => new Uint8Array(readFileSync(path));

/** Bases extending bases: deeper than this is a mistake, not a design. */
const MAX_DEPTH = 16;

/** JSON text of a snapshot or patch, with its "schema" and "version" checked (the messages every loader gives). */
export function snapshotJsonOf(bytes: Uint8Array, file: string): unknown {
  const { text, binary } = decodeText(bytes);
  if (binary) throw new InputError(`${file} is not a snapshot: it is not text (expected JSON in UTF-8 or UTF-16)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${jsonErrorWhere(text, (e as Error).message)}`);
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    if (o.schema !== SNAPSHOT_SCHEMA) {
      throw new InputError(`${file} is not a ccdoctor snapshot: "schema" is ${JSON.stringify(o.schema) ?? 'missing'}, expected "${SNAPSHOT_SCHEMA}"`);
    }
    if (o.version !== SNAPSHOT_VERSION) {
      throw new InputError(`${file}: snapshot version ${JSON.stringify(o.version)} is not supported (this ccdoctor reads version ${SNAPSHOT_VERSION})`);
    }
  }
  return json;
}

export function isPatch(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && 'extends' in json;
}

/**
 * A snapshot as a whole: itself, or a patch ("extends") applied to the snapshot it extends, recursively.
 * Bases are read relative to the patch's folder and must lie in it or below; cycles, missing bases and
 * facts removed that the base does not have are refused with one line naming the file and the field.
 */
export function resolveSnapshot(json: unknown, at: SnapshotPlace, read: ReadBytes = readBytes): ResolvedSnapshot {
  return resolveAt(json, at, read, []);
}

/** Reads a snapshot file (a patch resolved against its bases) as JSON: for tools and tests that look at its facts. */
export function readSnapshotJson(path: string, read: ReadBytes = readBytes): SnapshotJson {
  return resolveSnapshot(snapshotJsonOf(read(path), path), { path, shown: path }, read).json;
}

function resolveAt(json: unknown, at: SnapshotPlace, read: ReadBytes, chain: SnapshotPlace[]): ResolvedSnapshot {
  if (!isPatch(json)) {
    const whole = z.safeParse(snapshotFile, json);
    if (!whole.success) throw new InputError(`${at.shown}: ${formatIssue(whole.error.issues[0]!)}`);
    const snap = json as SnapshotJson;
    return { json: snap, bases: [], factFile: new Map(Object.keys(snap.facts).map((id) => [id, at.shown])) };
  }
  const parsed = z.safeParse(snapshotPatch, json);
  if (!parsed.success) throw new InputError(`${at.shown}: ${formatIssue(parsed.error.issues[0]!)}`);
  const patch = parsed.data;
  const base = basePlace(patch.extends, at);
  const here = [...chain, at];
  const seen = here.find((p) => resolve(p.path) === resolve(base.path));
  if (seen) throw new InputError(`${at.shown}: extends: "${patch.extends}" makes a cycle: ${[...here.slice(here.indexOf(seen)), base].map((p) => p.shown).join(' → ')}`);
  if (here.length >= MAX_DEPTH) throw new InputError(`${at.shown}: extends: more than ${MAX_DEPTH} snapshots extend one another`);
  let bytes: Uint8Array;
  try {
    bytes = read(base.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InputError(`${at.shown}: extends: cannot read the base snapshot ${base.shown}: ${why}`);
  }
  const resolved = resolveAt(snapshotJsonOf(bytes, base.shown), base, read, here);
  const facts = { ...resolved.json.facts };
  const factFile = new Map(resolved.factFile);
  // The entries as written (not as parsed, which fills in defaults): a resolved patch is the file it stands for.
  const own = (json as { facts?: Record<string, SnapshotJson['facts'][string]> }).facts ?? {};
  (patch.remove ?? []).forEach((id, i) => {
    if (id in own) throw new InputError(`${at.shown}: remove[${i}]: "${id}" is also in facts (a fact is replaced or removed, not both)`);
    if (!(id in facts)) throw new InputError(`${at.shown}: remove[${i}]: "${id}" is not a fact of the base snapshot ${base.shown}`);
    delete facts[id];
    factFile.delete(id);
  });
  for (const [id, entry] of Object.entries(own)) {
    facts[id] = entry;
    factFile.set(id, at.shown);
  }
  const whole = {
    schema: SNAPSHOT_SCHEMA,
    version: SNAPSHOT_VERSION,
    host: { ...resolved.json.host, ...(json as { host?: object }).host },
    facts,
  } as SnapshotJson;
  const checked = z.safeParse(snapshotFile, whole);
  if (!checked.success) throw new InputError(`${at.shown}: ${formatIssue(checked.error.issues[0]!)}`);
  return { json: whole, bases: [base.shown, ...resolved.bases], factFile };
}

/** The base a patch names: relative to the patch's folder, in it or below (a snapshot shared with someone cannot reach elsewhere). */
function basePlace(ref: string, at: SnapshotPlace): SnapshotPlace {
  const rel = ref.replace(/\\/g, '/');
  if (isAbsolute(ref) || rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) {
    throw new InputError(`${at.shown}: extends: "${ref}" must be a path relative to this file's folder, not an absolute path`);
  }
  const normal = posix.normalize(rel);
  if (normal === '..' || normal.startsWith('../')) {
    throw new InputError(`${at.shown}: extends: "${ref}" is outside this file's folder (a base must be in the same folder or below it)`);
  }
  return { path: join(dirname(at.path), normal), shown: join(dirname(at.shown), normal) };
}

export function formatIssue(issue: SchemaIssue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  const where = path.length === 0 ? 'the top level' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(p)}]`)).join('');
  return `${where}: ${issue.message}`;
}

/** "Unexpected token } in JSON at position 120" → "line 7, column 3: Unexpected token …" */
function jsonErrorWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*$/s, '')}`;
}
