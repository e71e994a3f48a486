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

/**
 * Schemas are built when first used, not when their module loads: the fact and answer schemas are
 * hundreds of objects, and most runs (the wizard's start, `rules`, `explain`) use few or none of them.
 * A schema is a stand-in that makes the real one on its first use (a property read, `instanceof`, …);
 * chained calls (`.check(…)`, `.clone()`, `.brand()`) give stand-ins too. Same objects, same results.
 */
const CHAINED = new Set(['check', 'clone', 'brand', 'register']);
/** Each stand-in and how to get its real schema. */
const REAL = new WeakMap<object, () => object>();
function lazy<T extends object>(make: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= make());
  const proxy = new Proxy({} as T, {
    get(_target, key) {
      if (real === undefined && typeof key === 'string' && CHAINED.has(key)) {
        return (...args: unknown[]) => lazy(() => (get() as Record<string, (...a: unknown[]) => object>)[key]!(...args));
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
const deferred = <F extends (...args: any[]) => object>(make: F): F => ((...args: Parameters<F>) => lazy(() => make(...(args.map(real) as Parameters<F>)))) as F;

export const string = deferred(zm.string);
export const number = deferred(zm.number);
export const int = deferred(zm.int);
export const boolean = deferred(zm.boolean);
export const unknown = deferred(zm.unknown);
export const literal = deferred(zm.literal);
export const optional = deferred(zm.optional);
export const nullable = deferred(zm.nullable);
export const object = deferred(zm.object);
export const strictObject = deferred(zm.strictObject);
export const array = deferred(zm.array);
export const record = deferred(zm.record);
// `enum` is a reserved word: exported under its zod name from a local of another name.
const enumSchema = deferred(zm.enum);
export { enumSchema as enum };
export const transform = deferred(zm.transform);
export const pipe = deferred(zm.pipe);
import type { $ZodType, $ZodIssue } from 'zod/v4/core';
export type { $ZodIssue as SchemaIssue, output as SchemaOutput, input as SchemaInput } from 'zod/v4/core';

/** Any zod schema (mini or classic) producing O: what facts and answers declare. */
export interface Schema<O = unknown, I = unknown> extends $ZodType<O, I> {
  safeParse(data: unknown): { success: true; data: O } | { success: false; error: { issues: $ZodIssue[] } };
}
