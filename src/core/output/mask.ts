import { maskSecrets } from '../report/secrets.js';
import { oneLine, stripControl } from '../text/sanitize.js';

/**
 * The one step every output's host text goes through (check text and JSON, reports, explain, the
 * wizard): terminal controls removed or shown visibly (the same in every format), then secrets masked.
 */
export function outputText(text: string, literals: readonly string[] = []): string {
  if (OWN_TEXT.has(text)) return text;
  const clean = stripControl(text);
  for (const secret of literals) if (secret.length >= 4 && clean.includes(secret)) return maskSecrets(clean, literals);
  return patternsMasked(clean);
}

/**
 * outputText for host text that labels a line (the host name, OS and CCE version in a header, a title, an
 * XML attribute): its line breaks shown as ⏎, as in the findings, so it cannot start a line of its own.
 */
export function outputLine(text: string): string {
  return oneLine(outputText(text));
}

// ccdoctor's own text (rule titles and remediation steps, as defined): never host text, so nothing to
// clean or mask. Masking it would only mangle it ("its own password: set it back" read as a password
// assignment) or, with a host's secret that happens to be a word of it, point at that secret.
const OWN_TEXT = new Set<string>();

/** Declares text written in ccdoctor's own definitions (see OWN_TEXT). */
export function declareOwnText(texts: Iterable<string | undefined>): void {
  for (const t of texts) if (t) OWN_TEXT.add(t);
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

/**
 * The value with outputText applied to every string but the structural fields; iterative depth is bounded by
 * the value's own (results are shallow). What no masking changed is returned as it is, not copied (callers
 * never change what they get).
 */
export function maskStrings<T>(value: T, literals: readonly string[] = [], key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL.has(key) ? value : outputText(value, literals)) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      const m = maskStrings(v, literals, key);
      if (m !== v && out === undefined) out = value.slice(0, i);
      if (out !== undefined) out.push(m);
    }
    return (out ?? value) as T;
  }
  if (typeof value === 'object' && value !== null) {
    let out: Record<string, unknown> | undefined;
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = o[k];
      const m = maskStrings(v, literals, k);
      if (m !== v && out === undefined) {
        out = {};
        for (let j = 0; j < i; j++) put(out, keys[j]!, o[keys[j]!]);
      }
      if (out !== undefined) put(out, k, m);
    }
    return (out ?? value) as T;
  }
  return value;
}

/** An own property, as Object.fromEntries makes it: host data may have a key "__proto__". */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
