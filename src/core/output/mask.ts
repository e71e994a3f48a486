import { maskSecrets } from '../report/secrets.js';
import { stripControl } from '../text/sanitize.js';

/**
 * The one step every output's host text goes through (check text and JSON, reports, explain, the
 * wizard): terminal controls removed or shown visibly (the same in every format), then secrets masked.
 */
export function outputText(text: string, literals: readonly string[] = []): string {
  const clean = stripControl(text);
  for (const secret of literals) if (secret.length >= 4 && clean.includes(secret)) return maskSecrets(clean, literals);
  return patternsMasked(clean);
}

// The same text comes through again and again (a rule's titles and remediation on every host of a
// many-host run): what the patterns make of it is remembered, up to a bound.
const masked = new Map<string, string>();
const MEMO_MAX_TEXT = 2000;
const MEMO_MAX_ENTRIES = 20_000;

function patternsMasked(text: string): string {
  if (text.length > MEMO_MAX_TEXT) return maskSecrets(text);
  let out = masked.get(text);
  if (out === undefined) {
    out = maskSecrets(text);
    if (masked.size >= MEMO_MAX_ENTRIES) masked.clear();
    masked.set(text, out);
  }
  return out;
}

/** Fields that hold identifiers and enum values from code, never host text. */
const STRUCTURAL = new Set(['rule', 'fact', 'id', 'status', 'severity', 'family', 'kind', 'source', 'runsOn', 'versions']);

/** A copy of a value with outputText applied to every string but the structural fields; iterative depth is bounded by the value's own (results are shallow). */
export function maskStrings<T>(value: T, literals: readonly string[] = [], key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL.has(key) ? value : outputText(value, literals)) as T;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = maskStrings(value[i], literals, key);
    return out as T;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskStrings(v, literals, k);
    return out as T;
  }
  return value;
}
