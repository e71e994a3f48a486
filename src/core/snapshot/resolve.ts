import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import * as z from '../schema.js';
import { InputError } from '../errors.js';
import { decodeText } from '../text/decode.js';
import { readInputFileSync } from '../fs/read-input.js';
import { locateJsonError } from '../text/json-error.js';
import { quoted } from '../text/sanitize.js';
import { describeIssue } from './issues.js';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, snapshotFile, snapshotPatch, type SnapshotData, type SnapshotJson } from './schema.js';

/** Where a snapshot file is: its path on disk, and how messages and provenance name it. */
export interface SnapshotPlace {
  path: string;
  shown: string;
}

export interface ResolvedSnapshot {
  /** The whole snapshot (a patch applied to its bases), its structure checked; fact values are not validated yet. */
  json: SnapshotJson;
  /** The same, as checked: defaults filled in (a fact entry's status). */
  snap: SnapshotData;
  /** The files it extends, nearest first, as shown in messages (empty for a whole snapshot). */
  bases: string[];
  /** The file each fact entry comes from (shown name): where to look when its value is refused. */
  factFile: Map<string, string>;
}

/** Reads a base snapshot; throws an InputError saying why it cannot ("cannot read the base snapshot X: …"). */
export type ReadBytes = (place: SnapshotPlace) => Uint8Array;

/** Snapshots are KB to a few MB; the limit keeps a wrong file (a disk image, a dump) from exhausting memory. */
export const DEFAULT_SNAPSHOT_MAX_MB = 64;

/** The snapshot size limit in bytes: --max-snapshot-mb, else CCDOCTOR_MAX_SNAPSHOT_MB, else 64 MB. */
export function snapshotMaxBytes(mb?: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.CCDOCTOR_MAX_SNAPSHOT_MB);
  const limit = mb ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_SNAPSHOT_MAX_MB);
  return Math.floor(limit * 1024 * 1024);
}

/** Base snapshots are read as every input file is (regular files only), within the snapshot size limit. */
export function baseReader(maxBytes = snapshotMaxBytes()): ReadBytes {
  return (place) => readInputFileSync(place.path, {
    what: `the base snapshot ${place.shown}`,
    shown: place.path,
    maxBytes,
    tooLarge: 'raise the limit with --max-snapshot-mb N or CCDOCTOR_MAX_SNAPSHOT_MB',
  });
}

/** Bases extending bases: deeper than this is a mistake, not a design. */
const MAX_DEPTH = 16;

function versionProblem(version: unknown): string {
  if (version === undefined) return `"version" is missing; this ccdoctor reads version ${SNAPSHOT_VERSION}`;
  if (typeof version === 'number') return `snapshot version ${version} is not supported (this ccdoctor reads version ${SNAPSHOT_VERSION})`;
  const shown = quoted(JSON.stringify(version) ?? String(version), 80);
  return typeof version === 'string'
    ? `"version" is the text ${shown}, expected the number ${SNAPSHOT_VERSION}`
    : `"version" is ${shown}, expected the number ${SNAPSHOT_VERSION}`;
}

/** JSON text of a snapshot or patch, with its "schema" and "version" checked (the messages every loader gives). */
export function snapshotJsonOf(bytes: Uint8Array, file: string): unknown {
  const json = parseJsonInput(bytes, file, 'a snapshot');
  const shown = quoted(file, 300);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`${shown} is not a ccdoctor snapshot: the top level is ${Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`}, expected an object with "schema": "${SNAPSHOT_SCHEMA}"`);
  }
  const o = json as Record<string, unknown>;
  if (o.schema !== SNAPSHOT_SCHEMA) {
    throw new InputError(`${shown} is not a ccdoctor snapshot: "schema" is ${o.schema === undefined ? 'missing' : quoted(JSON.stringify(o.schema) ?? String(o.schema), 80)}, expected "${SNAPSHOT_SCHEMA}"`);
  }
  if (o.version !== SNAPSHOT_VERSION) throw new InputError(`${shown}: ${versionProblem(o.version)}`);
  return json;
}

/**
 * JSON text from a file (UTF-8 or UTF-16), parsed; not text or not JSON is an InputError naming the file
 * and the line and column, never quoting the file's bytes raw.
 */
export function parseJsonInput(bytes: Uint8Array, file: string, what: string): unknown {
  const shown = quoted(file, 300);
  let { text, binary } = decodeText(bytes);
  if (binary) throw new InputError(`${shown} is not ${what}: it is not text (expected JSON in UTF-8 or UTF-16)`);
  try {
    return JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    text = '';
    throw new InputError(`${shown} is not valid JSON: line ${at.line}, column ${at.column}: ${at.problem}`);
  }
}

export function isPatch(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && 'extends' in json;
}

/**
 * A snapshot as a whole: itself, or a patch ("extends") applied to the snapshot it extends, recursively.
 * Bases are read relative to the patch's folder and must lie in it or below; cycles, missing bases and
 * facts removed that the base does not have are refused with one line naming the file and the field.
 */
export function resolveSnapshot(json: unknown, at: SnapshotPlace, read: ReadBytes = baseReader()): ResolvedSnapshot {
  return resolveAt(json, at, read, []);
}

/** Reads a snapshot file (a patch resolved against its bases) as JSON: for tools and tests that look at its facts. */
export function readSnapshotJson(path: string, read: ReadBytes = baseReader()): SnapshotJson {
  const bytes = readInputFileSync(path, { what: `snapshot ${path}`, maxBytes: snapshotMaxBytes() });
  return resolveSnapshot(snapshotJsonOf(bytes, path), { path, shown: path }, read).json;
}

function resolveAt(json: unknown, at: SnapshotPlace, read: ReadBytes, chain: SnapshotPlace[]): ResolvedSnapshot {
  if (!isPatch(json)) {
    const whole = z.safeParse(snapshotFile, json);
    if (!whole.success) throw new InputError(`${quoted(at.shown, 300)}: ${describeIssue(whole.error.issues[0]!, json)}`);
    const snap = json as SnapshotJson;
    return { json: snap, snap: whole.data, bases: [], factFile: new Map(Object.keys(snap.facts).map((id) => [id, at.shown])) };
  }
  const parsed = z.safeParse(snapshotPatch, json);
  if (!parsed.success) throw new InputError(`${quoted(at.shown, 300)}: ${describeIssue(parsed.error.issues[0]!, json)}`);
  const patch = parsed.data;
  const base = basePlace(patch.extends, at);
  const here = [...chain, at];
  const seen = here.find((p) => resolve(p.path) === resolve(base.path));
  if (seen) throw new InputError(`${at.shown}: extends: "${patch.extends}" makes a cycle: ${[...here.slice(here.indexOf(seen)), base].map((p) => p.shown).join(' → ')}`);
  if (here.length >= MAX_DEPTH) throw new InputError(`${at.shown}: extends: more than ${MAX_DEPTH} snapshots extend one another`);
  let bytes: Uint8Array;
  try {
    bytes = read(base);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${quoted(at.shown, 300)}: extends: ${e.message}`);
    throw e;
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
  if (!checked.success) throw new InputError(`${quoted(at.shown, 300)}: ${describeIssue(checked.error.issues[0]!, whole)}`);
  return { json: whole, snap: checked.data, bases: [base.shown, ...resolved.bases], factFile };
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
