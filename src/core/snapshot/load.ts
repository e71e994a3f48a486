import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import * as z from '../schema.js';
import { InputError } from '../errors.js';
import { FactStore } from '../facts/store.js';
import type { FactSpec, FactValue } from '../facts/types.js';
import { snapshotFile, type SnapshotHost } from './schema.js';
import { formatIssue, resolveSnapshot, snapshotJsonOf, type ReadBytes } from './resolve.js';

export interface LoadedSnapshot {
  file: string;
  host: SnapshotHost;
  store: FactStore;
  /** Things in the file that were passed over (unknown or derived fact ids). */
  warnings: string[];
  /** For a patch: the snapshots it extends, nearest first (its facts' provenance names the patch itself). */
  bases: string[];
}

/** Reads and validates a snapshot; `shown` is how the file is named in messages and provenance. */
export async function loadSnapshotFile(file: string, specs: ReadonlyMap<string, FactSpec<any>>, shown = file): Promise<LoadedSnapshot> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no such file${isAbsolute(shown) ? '' : ` (path relative to ${process.cwd()})`}; try snapshots/demo.json` : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InputError(`cannot read snapshot ${shown}: ${why}`);
  }
  return parseSnapshot(bytes, shown, specs, { path: file });
}

/**
 * Validates a snapshot's bytes. `file` names it in messages and provenance; a patch ("extends") is resolved
 * against its bases, read relative to `path` (default: `file`) by `read`.
 */
export function parseSnapshot(bytes: Uint8Array, file: string, specs: ReadonlyMap<string, FactSpec<any>>, opts: { path?: string; read?: ReadBytes } = {}): LoadedSnapshot {
  const resolved = resolveSnapshot(snapshotJsonOf(bytes, file), { path: opts.path ?? file, shown: file }, opts.read);
  const parsed = z.safeParse(snapshotFile, resolved.json);
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
    // A refused value is named in the file that holds it (a patch's base, for a fact the patch does not change).
    const holder = resolved.factFile.get(id) ?? file;
    if (!('value' in entry)) throw new InputError(`${holder}: facts["${id}"] has status "ok" but no "value"`);
    if (fromScript && spec.live?.parse) {
      // collect.ps1 writes each probe's output as PowerShell gave it: read it as a live run does.
      store.set(fromProbeOutput(spec, entry.value, base));
      continue;
    }
    const value = z.safeParse(spec.schema, entry.value);
    if (!value.success) throw new InputError(`${holder}: ${formatIssue(value.error.issues[0]!, ['facts', id, 'value'])}`);
    store.set({ ...base, value: value.data });
  }
  return { file, host: snap.host, store, warnings, bases: resolved.bases };
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
