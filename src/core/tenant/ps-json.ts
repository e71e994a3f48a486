/**
 * Reading what Windows PowerShell 5.1's ConvertTo-Json writes: a single object where a list of one
 * was meant, null for an empty list, enums as numbers, booleans sometimes as "True"/"False", and
 * property names whose case depends on the cmdlet.
 */
export type PsObject = Record<string, unknown>;

/** A list from a value that may be one item, a list, or null. */
export function psArray(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function isPsObject(value: unknown): value is PsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each object's keys by lower case, built once: looking a property up is then O(1), whatever the object's size. */
const KEY_INDEX = new WeakMap<PsObject, Map<string, string>>();

function keyIndex(o: PsObject): Map<string, string> {
  let index = KEY_INDEX.get(o);
  if (!index) {
    index = new Map();
    for (const k of Object.keys(o)) {
      const lower = k.toLowerCase();
      // The first spelling wins, as the first match of a scan did.
      if (!index.has(lower)) index.set(lower, k);
    }
    KEY_INDEX.set(o, index);
  }
  return index;
}

/** The first of the named properties that is present (case-insensitive), or undefined. */
export function psProp(o: PsObject, ...names: string[]): unknown {
  const index = keyIndex(o);
  for (const name of names) {
    const key = index.get(name.toLowerCase());
    if (key !== undefined && o[key] !== undefined) return o[key];
  }
  return undefined;
}

/** ConvertTo-Json writes 2 levels by default; a value nested deeper than this is not PowerShell's. */
const MAX_TEXT_DEPTH = 8;

/** A text value: strings trimmed (empty → null), numbers as text, an object's Value/Name/InstanceId. */
export function psText(value: unknown, depth = 0): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isPsObject(value) && depth < MAX_TEXT_DEPTH) return psText(psProp(value, 'Value', 'InstanceId', 'Name', 'Id'), depth + 1);
  return null;
}

export function psBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '$true' || t === '1') return true;
    if (t === 'false' || t === '$false' || t === '0') return false;
  }
  return null;
}

export function psTextList(value: unknown): string[] {
  return psArray(value).map((v) => psText(v)).filter((s): s is string => s !== null);
}
