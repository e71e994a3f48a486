import { isX509 } from '../node-crypto.js';
import { summarizeValue } from '../report/values.js';

/** One value inside a fact: how it is shown, and what is compared (content that is never shown is compared too). */
export interface Leaf {
  shown: string;
  key: string;
  /** A list of plain values, compared as a set (what was added, what removed). */
  items?: string[];
}

/** Fields whose content is never shown (file bytes, raw text, PEM): compared, shown by size only. */
const HIDDEN = new Set(['bytes', 'content', 'text', 'raw', 'data', 'base64', 'blob', 'pem', 'der', 'rawdata', 'certificate', 'privatekey']);
/** Fields that name an element of a list, so that "[MS01].state" survives another element being added. */
const ELEMENT_KEYS = ['role', 'name', 'displayName', 'identity', 'id', 'vmName', 'title', 'key', 'thumbprint', 'path', 'subject', 'ip', 'fqdn'];
const MAX_DEPTH = 10;
const MAX_LEAVES = 5000;

/** A path's display: "ips.Mediation", "[MS01].adapters[Corpnet].ipAddresses". */
export function pathText(path: readonly string[]): string {
  return path.reduce((out, seg) => (seg.startsWith('[') || out === '' ? `${out}${seg}` : `${out}.${seg}`), '');
}

/** A fact's value as path -> leaf; the empty path is the value itself when it is plain. */
export function flatten(value: unknown): Map<string, { path: string[]; leaf: Leaf }> {
  const out = new Map<string, { path: string[]; leaf: Leaf }>();
  const put = (path: string[], leaf: Leaf) => {
    if (out.size < MAX_LEAVES) out.set(pathText(path), { path, leaf });
  };
  const walk = (v: unknown, path: string[], depth: number): void => {
    const last = path[path.length - 1]?.toLowerCase() ?? '';
    if (v === null || v === undefined) return put(path, { shown: 'null', key: 'null' });
    if (v instanceof Uint8Array) return put(path, { shown: `<${v.length} bytes>`, key: Buffer.from(v).toString('base64') });
    if (isX509(v)) return put(path, { shown: summarizeValue(v), key: v.fingerprint256 });
    if (typeof v === 'string') {
      if (HIDDEN.has(last) || v.startsWith('-----BEGIN')) return put(path, { shown: `<${v.length} characters, not shown>`, key: v });
      return put(path, { shown: v, key: JSON.stringify(v) });
    }
    if (typeof v !== 'object') return put(path, { shown: String(v), key: JSON.stringify(String(v)) });
    if (HIDDEN.has(last)) return put(path, { shown: '<not shown>', key: safeJson(v) });
    if (depth >= MAX_DEPTH) return put(path, { shown: summarizeValue(v), key: safeJson(v) });
    if (Array.isArray(v)) {
      if (v.length === 0) return put(path, { shown: '(empty)', key: '[]', items: [] });
      if (v.every((x) => x === null || typeof x !== 'object')) {
        const items = v.map((x) => String(x));
        return put(path, { shown: items.join(', '), key: JSON.stringify([...items].sort()), items });
      }
      const keyField = elementKey(v);
      if (keyField) {
        // A name met again gets "#2", "#3": the same update installed twice is two elements.
        const seen = new Map<string, number>();
        for (const x of v) {
          const name = String((x as Record<string, unknown>)[keyField]);
          const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
          seen.set(name.toLowerCase(), n);
          walk(x, [...path, `[${name}${n > 1 ? `#${n}` : ''}]`], depth + 1);
        }
        return;
      }
      // No field names the elements: compared as a set of whole elements (an entry added, one removed).
      const items = v.map((x) => summarizeValue(x, Infinity));
      return put(path, { shown: items.join(', '), key: JSON.stringify([...items].sort()), items });
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return put(path, { shown: '(empty)', key: '{}' });
    for (const [k, x] of entries) walk(x, [...path, k], depth + 1);
  };
  walk(value, [], 0);
  return out;
}

/** The field that names the elements of a list of objects: one that names each uniquely first, else one every element has. */
function elementKey(list: readonly unknown[]): string | undefined {
  if (!list.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) return undefined;
  const objects = list as Record<string, unknown>[];
  const named = ELEMENT_KEYS.filter((k) => objects.every((o) => typeof o[k] === 'string' && o[k] !== ''));
  return named.find((k) => new Set(objects.map((o) => (o[k] as string).toLowerCase())).size === objects.length) ?? named[0];
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x)) ?? 'undefined';
  } catch {
    return summarizeValue(v);
  }
}
