/**
 * The schema library for every fact, answer and file format: zod's tree-shakeable "mini" build with
 * English messages. (The classic `zod` entry point bundles ~450 KB and costs start-up time; schemas
 * written with it still type-check and validate here, since both share zod's core.)
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

// Re-exported by name (import * as z from '.../schema.js'): passing zod's namespace object around as a
// value would keep every one of its exports, locales included, in the bundle.
export * from 'zod/mini';
import * as zm from 'zod/mini';
import { fastParse, FAIL, type Recipe } from './schema-fast.js';

/**
 * Schemas are built when first used, not when their module loads: the fact and answer schemas are
 * hundreds of objects, and most runs (the wizard's start, `rules`, `explain`) use few or none of them.
 * A schema is a stand-in that makes the real one on its first use (a property read, `instanceof`, …);
 * chained calls (`.check(…)`, `.clone()`, `.brand()`) give stand-ins too. Same objects, same results.
 */
const CHAINED = new Set(['check', 'clone', 'brand', 'register']);
/** Each stand-in and how to get its real schema. */
const REAL = new WeakMap<object, () => object>();
/** Each stand-in as declared, for validating without building it (schema-fast.ts). */
const RECIPE = new WeakMap<object, Recipe>();
const BUILT = new WeakSet<object>();
function lazy<T extends object>(make: () => T, recipe: Recipe): T {
  let real: T | undefined;
  const get = (): T => {
    if (real === undefined) {
      real = make();
      BUILT.add(proxy);
    }
    return real;
  };
  const proxy: T = new Proxy({} as T, {
    get(_target, key) {
      if (real === undefined && typeof key === 'string' && CHAINED.has(key)) {
        return (...args: unknown[]) => lazy(() => (get() as Record<string, (...a: unknown[]) => object>)[key]!(...args), { kind: key, args, base: proxy });
      }
      return Reflect.get(get(), key);
    },
    has: (_target, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
    set: (_target, key, value) => Reflect.set(get(), key, value),
    defineProperty: (_target, key, d) => Reflect.defineProperty(get(), key, d),
    deleteProperty: (_target, key) => Reflect.deleteProperty(get(), key),
  });
  REAL.set(proxy, get);
  RECIPE.set(proxy, recipe);
  return proxy;
}

/** Whether v is a schema not built yet: asking it anything would build it. */
export const isDeferredSchema = (v: unknown): boolean => typeof v === 'object' && v !== null && REAL.has(v);

// A real schema holds the real schemas of its parts (an object's shape included), so validating does not go
// through a stand-in's traps at every step. A shape with getters (recursive schemas) is left as it is.
function real(arg: unknown): unknown {
  if (typeof arg !== 'object' || arg === null) return arg;
  const get = REAL.get(arg);
  if (get) return get();
  if (Object.getPrototypeOf(arg) !== Object.prototype) return arg;
  const descriptors = Object.getOwnPropertyDescriptors(arg);
  if (!Object.values(descriptors).some((d) => 'value' in d && REAL.has(d.value as object)) || Object.values(descriptors).some((d) => !('value' in d))) return arg;
  return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, real(v)]));
}
const deferred = <F extends (...args: any[]) => object>(make: F, kind: string): F =>
  ((...args: Parameters<F>) => lazy(() => make(...(args.map(real) as Parameters<F>)), { kind, args })) as F;

export const string = deferred(zm.string, 'string');
export const number = deferred(zm.number, 'number');
export const int = deferred(zm.int, 'int');
export const boolean = deferred(zm.boolean, 'boolean');
export const unknown = deferred(zm.unknown, 'unknown');
export const literal = deferred(zm.literal, 'literal');
export const optional = deferred(zm.optional, 'optional');
export const nullable = deferred(zm.nullable, 'nullable');
export const object = deferred(zm.object, 'object');
export const strictObject = deferred(zm.strictObject, 'strictObject');
export const array = deferred(zm.array, 'array');
export const record = deferred(zm.record, 'record');
// `enum` is a reserved word: exported under its zod name from a local of another name.
const enumSchema = deferred(zm.enum, 'enum');
export { enumSchema as enum };
export const transform = deferred(zm.transform, 'transform');
export const pipe = deferred(zm.pipe, 'pipe');
export const _default = deferred(zm._default, 'default');

/**
 * zod's safeParse, first trying the fast path (schema-fast.ts) on a schema that is still a stand-in: a
 * check run builds no schema for a valid snapshot. Anything the fast path does not accept goes to zod,
 * so results and error messages are zod's.
 */
/** Whether a stand-in has made its real schema (for tests). */
export const isBuilt = (schema: unknown): boolean => BUILT.has(schema as object);

export const safeParse: typeof zm.safeParse = (schema, value, ctx) => {
  if (ctx === undefined && RECIPE.has(schema)) {
    try {
      const out = fastParse(RECIPE, schema, value);
      if (out !== FAIL) return { success: true, data: out as never };
    } catch {
      // zod says what is wrong (or throws the same).
    }
  }
  return zm.safeParse(schema, value, ctx);
};
import type { $ZodType, $ZodIssue } from 'zod/v4/core';
export type { $ZodIssue as SchemaIssue, output as SchemaOutput, input as SchemaInput } from 'zod/v4/core';

/** Any zod schema (mini or classic) producing O: what facts and answers declare. */
export interface Schema<O = unknown, I = unknown> extends $ZodType<O, I> {
  safeParse(data: unknown): { success: true; data: O } | { success: false; error: { issues: $ZodIssue[] } };
}
