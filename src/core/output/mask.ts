import { maskSecrets } from '../report/secrets.js';
import { stripControl } from '../text/sanitize.js';

/**
 * The one step every output's host text goes through (check text and JSON, reports, explain, the
 * wizard): terminal controls removed or shown visibly (the same in every format), then secrets masked.
 */
export function outputText(text: string, literals: readonly string[] = []): string {
  return maskSecrets(stripControl(text), literals);
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
