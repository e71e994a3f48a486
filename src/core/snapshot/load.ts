import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import * as z from '../schema.js';
import type { SchemaIssue } from '../schema.js';
import { InputError } from '../errors.js';
import { FactStore } from '../facts/store.js';
import type { FactSpec, FactValue } from '../facts/types.js';
import { decodeText } from '../text/decode.js';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, snapshotFile, type SnapshotHost } from './schema.js';

export interface LoadedSnapshot {
  file: string;
  host: SnapshotHost;
  store: FactStore;
  /** Things in the file that were passed over (unknown or derived fact ids). */
  warnings: string[];
}

/** Reads and validates a snapshot; `shown` is how the file is named in messages and provenance. */
export async function loadSnapshotFile(file: string, specs: ReadonlyMap<string, FactSpec<any>>, shown = file): Promise<LoadedSnapshot> {
  let bytes: Uint8Array;
  try {
    // Synchronous: one small file, and node:fs/promises would cost more to load than the read takes.
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no such file${isAbsolute(shown) ? '' : ` (path relative to ${process.cwd()})`}; try snapshots/demo.json` : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InputError(`cannot read snapshot ${shown}: ${why}`);
  }
  return parseSnapshot(bytes, shown, specs);
}

export function parseSnapshot(bytes: Uint8Array, file: string, specs: ReadonlyMap<string, FactSpec<any>>): LoadedSnapshot {
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
  const parsed = z.safeParse(snapshotFile, json);
  if (!parsed.success) throw new InputError(`${file}: ${formatIssue(parsed.error.issues[0]!)}`);
  const snap = parsed.data;
  const store = new FactStore(specs);
  const warnings: string[] = [];
  const fromScript = snap.host.collector?.mode === 'script';
  for (const [id, entry] of Object.entries(snap.facts)) {
    const spec = specs.get(id);
    if (!spec) {
      warnings.push(`facts["${id}"]: unknown fact, ignored`);
      continue;
    }
    if (spec.derive) {
      warnings.push(`facts["${id}"]: derived fact, recomputed from its inputs instead`);
      continue;
    }
    const provenance: FactValue['provenance'] = {
      source: 'snapshot',
      ref: `${file} facts["${id}"]`,
      ...(entry.collectedAt !== undefined ? { collectedAt: entry.collectedAt } : {}),
      ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
      ...(entry.source ? { origin: { source: entry.source, ref: entry.ref ?? '' } } : {}),
    };
    const base = { id, status: entry.status, provenance, ...(entry.message ? { message: entry.message } : {}), ...(entry.raw ? { raw: entry.raw } : {}) };
    if (entry.status !== 'ok') {
      store.set(base);
      continue;
    }
    if (!('value' in entry)) throw new InputError(`${file}: facts["${id}"] has status "ok" but no "value"`);
    if (fromScript && spec.live?.parse) {
      // collect.ps1 writes each probe's output as PowerShell gave it: read it as a live run does.
      store.set(fromProbeOutput(spec, entry.value, base));
      continue;
    }
    const value = z.safeParse(spec.schema, entry.value);
    if (!value.success) throw new InputError(`${file}: ${formatIssue(value.error.issues[0]!, ['facts', id, 'value'])}`);
    store.set({ ...base, value: value.data });
  }
  return { file, host: snap.host, store, warnings };
}

/** A probe's raw output through the probe's parse, then checked as a stored value; what is not understood is an error fact. */
function fromProbeOutput(spec: FactSpec<any>, output: unknown, base: Omit<FactValue, 'value'>): FactValue {
  const raw = () => {
    const text = JSON.stringify(output) ?? String(output);
    return text.length <= 4000 ? text : `${text.slice(0, 4000)}… (${text.length - 4000} more characters)`;
  };
  let json: unknown;
  try {
    const value = spec.live!.parse!(output);
    json = spec.toJson ? spec.toJson(value) : value;
  } catch (e) {
    return { ...base, status: 'error', message: `the collector's output was not understood: ${e instanceof Error ? e.message : String(e)}`, raw: raw() };
  }
  const value = z.safeParse(spec.schema, json);
  if (!value.success) return { ...base, status: 'error', message: `the collector's output does not fit the fact: ${formatIssue(value.error.issues[0]!)}`, raw: raw() };
  return { ...base, status: 'ok', value: value.data };
}

function formatIssue(issue: SchemaIssue, prefix: PropertyKey[] = []): string {
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
