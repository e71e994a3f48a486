// The fast path of validation (src/core/schema-fast.ts) must give exactly zod's result: the same
// success, the same data (keys, their order, undefined keys included), or hand over to zod. Checked
// against zod itself on every fact value of every bundled snapshot and on random mutations of them.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as zm from 'zod/mini';
import * as z from '../../src/core/schema.js';
import { FACTS } from '../../src/facts/index.js';
import { snapshotFile } from '../../src/core/snapshot/schema.js';

const dir = join(import.meta.dirname, '..', '..', 'snapshots');
const snapshots = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { facts: Record<string, { value?: unknown }> });
const samples: [string, unknown][] = snapshots.flatMap((s) => Object.entries(s.facts).filter(([id, e]) => FACTS.has(id) && 'value' in e).map(([id, e]) => [id, e.value] as [string, unknown]));

/** Same data in the same shape: deep equality plus the same keys in the same order at every level. */
function same(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (typeof a !== 'object' || a === null) return true;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b as object);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]));
}

function agrees(schema: unknown, value: unknown): void {
  const fast = z.safeParse(schema as never, value);
  const zod = zm.safeParse(schema as never, value);
  expect(fast.success).toBe(zod.success);
  if (fast.success && zod.success) expect(same(fast.data, zod.data)).toBe(true);
  else expect(fast.error!.issues).toEqual(zod.error!.issues);
}

const clone = (v: unknown): unknown => structuredClone(v);
const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constant([]), fc.constant({}), fc.constant(''), fc.constant('x'));

/** Every path to a value inside v. */
function paths(v: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  const out = [at];
  if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) out.push(...paths((v as Record<string, unknown>)[k], [...at, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function mutate(value: unknown, path: PropertyKey[], how: 'delete' | 'set' | 'extra', to: unknown): unknown {
  const root = { v: clone(value) } as Record<PropertyKey, unknown>;
  const full = ['v', ...path];
  let parent = root;
  for (const k of full.slice(0, -1)) parent = parent[k] as Record<PropertyKey, unknown>;
  const last = full.at(-1)!;
  if (how === 'delete') delete parent[last];
  else if (how === 'set') parent[last] = to;
  else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>).extraKey = to;
  return root.v;
}

describe('fast validation path', () => {
  it('has fact values to check', () => {
    expect(samples.length).toBeGreaterThan(200);
  });

  it('validates the demo snapshot without building a schema', async () => {
    vi.resetModules();
    const schema = await import('../../src/core/schema.js');
    const { FACTS: facts } = await import('../../src/facts/index.js');
    const { parseSnapshot } = await import('../../src/core/snapshot/load.js');
    const { snapshotFile: envelope, snapshotHost, snapshotPatch } = await import('../../src/core/snapshot/schema.js');
    const snap = parseSnapshot(readFileSync(join(dir, 'demo.json')), 'demo.json', facts);
    expect(snap.store.collected().length).toBeGreaterThan(30);
    expect(schema.isBuilt(envelope)).toBe(false);
    // The patch format's z.partial(snapshotHost) is deferred too: declaring it builds nothing.
    expect(schema.isBuilt(snapshotHost)).toBe(false);
    expect(schema.isBuilt(snapshotPatch)).toBe(false);
    expect([...facts.values()].filter((f) => schema.isBuilt(f.schema)).map((f) => f.id)).toEqual([]);
  });

  it('gives zod’s result on every fact value of every bundled snapshot', () => {
    for (const [id, value] of samples) agrees(FACTS.get(id)!.schema, value);
  });

  it('gives zod’s result on every bundled snapshot file', () => {
    for (const s of snapshots) agrees(snapshotFile, s);
  });

  it('gives zod’s result on mutated fact values (deleted, replaced and extra keys, wrong types)', () => {
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.nat(), fc.constantFrom('delete', 'set', 'extra'), junk, (i, p, how, to) => {
        const [id, value] = samples[i]!;
        const all = paths(value);
        const path = all[p % all.length]!;
        if (path.length === 0 && how === 'delete') return;
        agrees(FACTS.get(id)!.schema, mutate(value, path, how as 'delete' | 'set' | 'extra', to));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives zod’s result on mutated snapshot files', () => {
    fc.assert(
      fc.property(fc.nat(snapshots.length - 1), fc.nat(), fc.constantFrom('delete', 'set', 'extra'), junk, (i, p, how, to) => {
        const snap = snapshots[i]!;
        const all = paths(snap).filter((q) => q.length <= 4);
        const path = all[p % all.length]!;
        if (path.length === 0) return;
        agrees(snapshotFile, mutate(snap, path, how as 'delete' | 'set' | 'extra', to));
      }),
      { numRuns: 500 },
    );
  });

  it('gives zod’s result on arbitrary JSON for every fact', () => {
    const ids = [...FACTS.keys()];
    fc.assert(
      fc.property(fc.nat(ids.length - 1), fc.jsonValue(), (i, value) => {
        agrees(FACTS.get(ids[i]!)!.schema, value);
      }),
      { numRuns: 1000 },
    );
  });
});
