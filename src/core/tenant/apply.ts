import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { FactStore } from '../facts/store.js';
import { importTenantFile } from './import.js';

export interface TenantFile {
  /** Where to read it. */
  path: string;
  /** How it is named in messages and provenance. */
  shown: string;
}

/**
 * Reads tenant cmdlet JSON files into the store; a file's fact replaces the snapshot's. Returns notes
 * for the run's warnings. Two files holding the same fact are an input error.
 */
export async function applyTenantFiles(store: FactStore, files: readonly TenantFile[]): Promise<string[]> {
  const notes: string[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(f.path));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new InputError(`cannot read --tenant ${f.shown}: ${why}`);
    }
    const imported = importTenantFile(bytes, f.shown);
    const earlier = seen.get(imported.fact);
    if (earlier) throw new InputError(`--tenant ${f.shown} and --tenant ${earlier} both hold ${imported.cmdlet} output: give one of them`);
    seen.set(imported.fact, f.shown);
    if (store.has(imported.fact) && store.get(imported.fact).status === 'ok') {
      notes.push(`${imported.fact}: the snapshot's value was replaced by ${f.shown}`);
    }
    store.set({
      id: imported.fact,
      status: 'ok',
      value: imported.value,
      provenance: { source: 'snapshot', ref: `${f.shown} (${imported.cmdlet} | ConvertTo-Json)` },
    });
  }
  return notes;
}
