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

/**
 * A stand-in's state, which is also its Proxy's target: how it was declared (zod's function and its
 * arguments, or a chained call on base; read by schema-fast.ts) and the real schema once made. One
 * handler serves every stand-in, so a stand-in costs two small objects, not a dozen closures.
 */
interface StandIn extends Recipe {
  make?: (...args: any[]) => object;
  real?: object;
  proxy?: object;
}
/** Each stand-in (the Proxy) and its state. */
const STATE = new WeakMap<object, StandIn>();

function build(s: StandIn): object {
  if (s.real === undefined) {
    s.real = s.base !== undefined
      ? (build(STATE.get(s.base)!) as Record<string, (...a: unknown[]) => object>)[s.kind]!(...s.args)
      : s.make!(...s.args.map(real));
  }
  return s.real;
}

const HANDLER: ProxyHandler<StandIn> = {
  get(s, key) {
    if (s.real === undefined && typeof key === 'string' && CHAINED.has(key)) {
      return (...args: unknown[]) => standIn({ kind: key, args, base: s.proxy, make: undefined, real: undefined, proxy: undefined });
    }
    return Reflect.get(build(s), key);
  },
  has: (s, key) => Reflect.has(build(s), key),
  ownKeys: (s) => Reflect.ownKeys(build(s)),
  getOwnPropertyDescriptor(s, key) {
    const d = Reflect.getOwnPropertyDescriptor(build(s), key);
    return d && { ...d, configurable: true };
  },
  getPrototypeOf: (s) => Reflect.getPrototypeOf(build(s)),
  set: (s, key, value) => Reflect.set(build(s), key, value),
  defineProperty: (s, key, d) => Reflect.defineProperty(build(s), key, d),
  deleteProperty: (s, key) => Reflect.deleteProperty(build(s), key),
};

function standIn(s: StandIn): object {
  const proxy = new Proxy(s, HANDLER);
  s.proxy = proxy;
  STATE.set(proxy, s);
  return proxy;
}

/** Whether v is a stand-in: asking it anything (`'id' in v`) builds its schema. */
export const isDeferredSchema = (v: unknown): boolean => typeof v === 'object' && v !== null && STATE.has(v);

// A real schema holds the real schemas of its parts (an object's shape included), so validating does not go
// through a stand-in's traps at every step. A shape with getters (recursive schemas) is left as it is.
function real(arg: unknown): unknown {
  if (typeof arg !== 'object' || arg === null) return arg;
  const s = STATE.get(arg);
  if (s) return build(s);
  if (Object.getPrototypeOf(arg) !== Object.prototype) return arg;
  const descriptors = Object.getOwnPropertyDescriptors(arg);
  if (!Object.values(descriptors).some((d) => 'value' in d && STATE.has(d.value as object)) || Object.values(descriptors).some((d) => !('value' in d))) return arg;
  return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, real(v)]));
}
const deferred = <F extends (...args: any[]) => object>(make: F, kind: string): F =>
  ((...args: unknown[]) => standIn({ kind, args, base: undefined, make, real: undefined, proxy: undefined })) as F;

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
export const partial = deferred(zm.partial, 'partial');

/** Whether a stand-in has made its real schema (for tests). */
export const isBuilt = (schema: unknown): boolean => STATE.get(schema as object)?.real !== undefined;

/**
 * zod's safeParse, first trying the fast path (schema-fast.ts) on a stand-in: a check builds no schema
 * for a valid snapshot. Anything the fast path does not accept goes to zod, so results and error
 * messages are zod's.
 */
export const safeParse: typeof zm.safeParse = (schema, value, ctx) => {
  if (ctx === undefined && STATE.has(schema)) {
    try {
      const out = fastParse(STATE, schema, value);
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
