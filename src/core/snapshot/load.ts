import { resolve } from 'node:path';
import * as z from '../schema.js';
import { demoSnapshotPath, demoSnapshotShown } from '../paths.js';
import { InputError } from '../errors.js';
import { FactStore } from '../facts/store.js';
import type { FactSpec, FactValue } from '../facts/types.js';
import { readInputFile } from '../fs/read-input.js';
import { quoted } from '../text/sanitize.js';
import { describeIssue } from './issues.js';
import type { SnapshotHost } from './schema.js';
import { baseReader, resolveSnapshot, snapshotJsonOf, snapshotMaxBytes, type ReadBytes } from './resolve.js';

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
export async function loadSnapshotFile(file: string, specs: ReadonlyMap<string, FactSpec<any>>, shown = file, opts: { maxBytes?: number } = {}): Promise<LoadedSnapshot> {
  const maxBytes = opts.maxBytes ?? snapshotMaxBytes();
  const bytes = await readInputFile(file, {
    what: `snapshot ${shown}`,
    maxBytes,
    tooLarge: 'a snapshot is usually a few MB; if this one is right, raise the limit with --max-snapshot-mb N or CCDOCTOR_MAX_SNAPSHOT_MB',
    missingHint: () => demoHint(file),
    shown,
  });
  // A patch's bases are held to the same limit and read only as regular files.
  return parseSnapshot(bytes, shown, specs, { path: file, read: baseReader(maxBytes) });
}

/**
 * For a snapshot that is not there (asked only then: finding the package folder costs file lookups on
 * every load): the bundled demo, named so it opens from the working folder (relative when it is below
 * it, else absolute); nothing when the demo itself is what failed.
 */
function demoHint(file: string): string | undefined {
  try {
    return resolve(file) === demoSnapshotPath() ? undefined : `try ${demoSnapshotShown()}`;
  } catch {
    return undefined;
  }
}

/**
 * Validates a snapshot's bytes. `file` names it in messages and provenance; a patch ("extends") is resolved
 * against its bases, read relative to `path` (default: `file`) by `read`.
 */
export function parseSnapshot(bytes: Uint8Array, file: string, specs: ReadonlyMap<string, FactSpec<any>>, opts: { path?: string; read?: ReadBytes } = {}): LoadedSnapshot {
  const resolved = resolveSnapshot(snapshotJsonOf(bytes, file), { path: opts.path ?? file, shown: file }, opts.read);
  file = quoted(file, 300);
  const snap = resolved.snap;
  const store = new FactStore(specs);
  const warnings: string[] = [];
  const fromScript = snap.host.collector?.mode === 'script';
  for (const [id, entry] of Object.entries(snap.facts)) {
    const spec = specs.get(id);
    if (!spec) {
      warnings.push(`facts[${quoted(JSON.stringify(id), 80)}]: unknown fact, ignored`);
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
    if (!('value' in entry)) throw new InputError(`${quoted(holder, 300)}: facts["${id}"] has status "ok" but no "value"`);
    if (fromScript && spec.live?.parse) {
      // collect.ps1 writes each probe's output as PowerShell gave it: read it as a live run does.
      store.set(fromProbeOutput(spec, entry.value, base));
      continue;
    }
    const value = z.safeParse(spec.schema, entry.value);
    if (!value.success) throw new InputError(`${quoted(holder, 300)}: ${describeIssue(value.error.issues[0]!, entry.value, ['facts', id, 'value'])}`);
    store.set({ ...base, value: value.data });
  }
  return { file, host: snap.host, store, warnings, bases: resolved.bases };
}

/** A probe's raw output through the probe's parse, then checked as a stored value; what is not understood is an error fact. */
function fromProbeOutput(spec: FactSpec<any>, output: unknown, base: Omit<FactValue, 'value'>): FactValue {
  const raw = () => {
    let text: string;
    try {
      text = JSON.stringify(output) ?? String(output);
    } catch {
      return '(the output is nested too deeply to show)';
    }
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
  if (!value.success) return { ...base, status: 'error', message: `the collector's output does not fit the fact: ${describeIssue(value.error.issues[0]!, json)}`, raw: raw() };
  return { ...base, status: 'ok', value: value.data };
}
