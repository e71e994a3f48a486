/**
 * The fast path of validation: checks a value against a schema that is still a stand-in (see schema.ts)
 * by reading how it was declared, without building zod's objects, which costs more than validating.
 * It gives zod's own result for what it can decide, or FAIL: a value it does not accept (parts it does
 * not know, such as schemas built already, it hands to zod). On FAIL the caller validates with zod from
 * the start, so every error message is zod's.
 */
import { safeParse as zodSafeParse } from 'zod/mini';

/** How a stand-in was declared: zod's function (kind) and its arguments, or a chained call on base. */
export interface Recipe {
  kind: string;
  args: readonly unknown[];
  base?: object;
}

export const FAIL: unique symbol = Symbol('fail');
type Out = unknown | typeof FAIL;

const CONTAINERS = new Set(['string', 'number', 'int', 'boolean', 'literal', 'enum', 'object', 'strictObject', 'array', 'record']);

/** zod's optin/optout of a stand-in (whether an object may lack the key), or undefined when unsure. */
function optionality(recipes: WeakMap<object, Recipe>, schema: unknown): { optin?: string; optout?: string } | undefined {
  const r = typeof schema === 'object' && schema !== null ? recipes.get(schema) : undefined;
  if (!r) return undefined;
  if (CONTAINERS.has(r.kind) || r.kind === 'unknown') return {};
  if (r.kind === 'check') return optionality(recipes, r.base);
  if (r.kind === 'default') return { optin: 'defaulted' };
  if (r.kind === 'nullable') return optionality(recipes, r.args[0]);
  if (r.kind === 'optional') {
    const inner = optionality(recipes, r.args[0]);
    return inner && inner.optin !== 'defaulted' ? { optin: 'optional', optout: 'optional' } : undefined;
  }
  return undefined;
}

const isJsonObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(v, '__proto__');
};

/** A field of an object schema: its key, its schema, and what a value without the key means. */
interface Field {
  key: string;
  schema: unknown;
  /** skip: optional, left out; default: zod puts the default in; fail: required (or unsure: zod decides). */
  absent: 'skip' | 'default' | 'fail';
}

/**
 * An object schema's fields, read once per shape (a snapshot validates the same shapes for every fact
 * of every host); null when the shape has a getter (a recursive schema) or a symbol key: zod's business.
 */
const fieldsOf = new WeakMap<WeakMap<object, Recipe>, WeakMap<object, readonly Field[] | null>>();

function shapeFields(recipes: WeakMap<object, Recipe>, shape: Record<string, unknown>): readonly Field[] | null {
  let byShape = fieldsOf.get(recipes);
  if (!byShape) fieldsOf.set(recipes, (byShape = new WeakMap()));
  let fields = byShape.get(shape);
  if (fields !== undefined) return fields;
  const list: Field[] = [];
  fields = list;
  for (const key of Reflect.ownKeys(shape)) {
    const d = Object.getOwnPropertyDescriptor(shape, key)!;
    if (typeof key !== 'string' || !('value' in d)) {
      fields = null;
      break;
    }
    const o = optionality(recipes, d.value);
    list.push({ key, schema: d.value, absent: o?.optin === 'optional' && o.optout === 'optional' ? 'skip' : o?.optin === 'defaulted' ? 'default' : 'fail' });
  }
  byShape.set(shape, fields);
  return fields;
}

export function fastParse(recipes: WeakMap<object, Recipe>, schema: unknown, value: unknown): Out {
  const r = typeof schema === 'object' && schema !== null ? recipes.get(schema) : undefined;
  if (!r) {
    // Built already, or not a stand-in: zod decides this part.
    const z = zodSafeParse(schema as never, value);
    return z.success ? z.data : FAIL;
  }
  const a = r.args;
  switch (r.kind) {
    case 'string':
      return typeof value === 'string' ? value : FAIL;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : FAIL;
    case 'int':
      return Number.isSafeInteger(value) ? value : FAIL;
    case 'boolean':
      return typeof value === 'boolean' ? value : FAIL;
    case 'unknown':
      return value;
    case 'literal':
      return (Array.isArray(a[0]) ? a[0] : [a[0]]).includes(value) ? value : FAIL;
    case 'enum':
      return Array.isArray(a[0]) && a[0].includes(value) ? value : FAIL;
    case 'optional':
      if (value === undefined) {
        const inner = optionality(recipes, a[0]);
        return inner && inner.optin !== 'defaulted' ? undefined : FAIL;
      }
      return fastParse(recipes, a[0], value);
    case 'default': {
      // Only a default zod hands out as it is (not an object it would copy, not a function it would call).
      if (value !== undefined) return fastParse(recipes, a[0], value);
      const d = a[1];
      return d === null || (typeof d !== 'object' && typeof d !== 'function') ? d : FAIL;
    }
    case 'nullable':
      return value === null ? null : fastParse(recipes, a[0], value);
    case 'array': {
      if (!Array.isArray(value)) return FAIL;
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const v = fastParse(recipes, a[0], value[i]);
        if (v === FAIL) return FAIL;
        out[i] = v;
      }
      return out;
    }
    case 'record': {
      if (!isJsonObject(value)) return FAIL;
      const out: Record<string, unknown> = {};
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key !== 'string' || !Object.prototype.propertyIsEnumerable.call(value, key)) return FAIL;
        if (fastParse(recipes, a[0], key) !== key) return FAIL;
        const v = fastParse(recipes, a[1], value[key]);
        if (v === FAIL) return FAIL;
        out[key] = v;
      }
      return out;
    }
    case 'object':
    case 'strictObject': {
      const shape = a[0];
      if (!isJsonObject(value) || !isJsonObject(shape)) return FAIL;
      const fields = shapeFields(recipes, shape);
      if (!fields) return FAIL;
      const out: Record<string, unknown> = {};
      for (const { key, schema: field, absent } of fields) {
        if (!(key in value)) {
          if (absent === 'skip') continue;
          if (absent === 'fail') return FAIL;
          // zod puts the default in
        } else if (!Object.hasOwn(value, key)) return FAIL;
        const v = fastParse(recipes, field, value[key]);
        if (v === FAIL) return FAIL;
        out[key] = v;
      }
      if (r.kind === 'strictObject') {
        for (const key of Reflect.ownKeys(value)) if (!Object.hasOwn(shape, key)) return FAIL;
      }
      return out;
    }
    case 'check': {
      const base = fastParse(recipes, r.base, value);
      if (base === FAIL) return FAIL;
      const payload: { value: unknown; issues: unknown[] } = { value: base, issues: [] };
      for (const ch of a as { _zod: { def: { when?: (p: unknown) => boolean }; check: (p: unknown) => unknown } }[]) {
        if (ch._zod.def.when && !ch._zod.def.when(payload)) continue;
        if (ch._zod.check(payload) instanceof Promise || payload.issues.length > 0) return FAIL;
      }
      return payload.value;
    }
    case 'pipe': {
      const left = fastParse(recipes, a[0], value);
      return left === FAIL ? FAIL : fastParse(recipes, a[1], left);
    }
    case 'transform': {
      // zod passes its payload too: a transform that reports an issue (or needs more than this) is zod's.
      const payload = { value, issues: [] as unknown[] };
      const out = (a[0] as (v: unknown, p: unknown) => unknown)(value, payload);
      return out instanceof Promise || payload.issues.length > 0 ? FAIL : out;
    }
    default: {
      // Chained calls other than .check(), schemas built already: zod builds and runs this part.
      const z = zodSafeParse(schema as never, value);
      return z.success ? z.data : FAIL;
    }
  }
}
