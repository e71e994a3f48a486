import { readInputFile } from '../fs/read-input.js';
import { snapshotMaxBytes } from '../snapshot/resolve.js';
import { InputError } from '../errors.js';
import type { FactStore } from '../facts/store.js';
import { importTenantFile } from './import.js';

export interface TenantFile {
  /** Where to read it. */
  path: string;
  /** How it is named in messages and provenance. */
  shown: string;
}

/** A --tenant file, read and understood: which fact it holds, from which cmdlet. */
export interface ReadTenantFile {
  file: TenantFile;
  fact: string;
  cmdlet: string;
  value: unknown;
}

/**
 * Reads and understands tenant cmdlet JSON files, before anything else runs (a live check reads them
 * before it starts PowerShell, so a bad file fails at once). Two files holding the same fact are an input error.
 */
export async function readTenantFiles(files: readonly TenantFile[]): Promise<ReadTenantFile[]> {
  const out: ReadTenantFile[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const bytes = await readInputFile(f.path, {
      what: `--tenant ${f.shown}`,
      shown: f.shown,
      maxBytes: snapshotMaxBytes(),
      tooLarge: 'raise the limit with CCDOCTOR_MAX_SNAPSHOT_MB',
    });
    const imported = importTenantFile(bytes, f.shown);
    const earlier = seen.get(imported.fact);
    if (earlier) throw new InputError(`--tenant ${f.shown} and --tenant ${earlier} both hold ${imported.cmdlet} output: give one of them`);
    seen.set(imported.fact, f.shown);
    out.push({ file: f, fact: imported.fact, cmdlet: imported.cmdlet, value: imported.value });
  }
  return out;
}

/**
 * Puts read tenant files' facts into the store; a file's fact replaces the store's. Returns notes for the
 * run's warnings. `origin`: also record the file as where the value was collected (for a snapshot written from the store).
 */
export function putTenantFacts(store: FactStore, read: readonly ReadTenantFile[], opts: { origin?: boolean } = {}): string[] {
  const notes: string[] = [];
  for (const r of read) {
    if (store.has(r.fact) && store.get(r.fact).status === 'ok') {
      notes.push(`${r.fact}: the snapshot's value was replaced by ${r.file.shown}`);
    }
    const ref = `${r.file.shown} (${r.cmdlet} | ConvertTo-Json)`;
    store.set({
      id: r.fact,
      status: 'ok',
      value: r.value,
      provenance: { source: 'snapshot', ref, ...(opts.origin ? { origin: { source: 'snapshot' as const, ref } } : {}) },
    });
  }
  return notes;
}

/**
 * Reads tenant cmdlet JSON files into the store; a file's fact replaces the snapshot's. Returns notes
 * for the run's warnings. Two files holding the same fact are an input error.
 */
export async function applyTenantFiles(store: FactStore, files: readonly TenantFile[]): Promise<string[]> {
  return putTenantFacts(store, await readTenantFiles(files));
}
