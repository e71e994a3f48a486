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

/** The first of the named properties that is present (case-insensitive), or undefined. */
export function psProp(o: PsObject, ...names: string[]): unknown {
  const keys = Object.keys(o);
  for (const name of names) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined && o[key] !== undefined) return o[key];
  }
  return undefined;
}

/** A text value: strings trimmed (empty → null), numbers as text, an object's Value/Name/InstanceId. */
export function psText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isPsObject(value)) return psText(psProp(value, 'Value', 'InstanceId', 'Name', 'Id'));
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
  return psArray(value).map(psText).filter((s): s is string => s !== null);
}
