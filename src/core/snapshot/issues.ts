import type { SchemaIssue } from '../schema.js';
import { isSecretKey, maskSecrets } from '../report/secrets.js';
import { quoted } from '../text/sanitize.js';

/** What a field of the snapshot format holds, for the fields a hand-edited file most often gets wrong. */
const FIELD_HINTS: Record<string, string> = {
  host: 'an object with "name", "collectedAt" and "collector"',
  'host.name': 'the host name as text',
  'host.os': 'the operating system as text',
  'host.collectedAt': 'when the facts were collected, an ISO 8601 date-time such as "2024-05-01T10:00:00Z"',
  'host.collector': 'an object {"name": …, "version": …, "mode": "live" | "script" | "checklist" | "handwritten"}',
  'host.collector.name': 'the collecting tool\'s name as text',
  'host.collector.version': 'the collecting tool\'s version as text',
  'host.description': 'a description as text',
  facts: 'an object mapping each fact id to {"status": …, "value": …}',
  extends: 'the file name of the snapshot this one extends (relative to this file, in its folder or below)',
  remove: 'a list of the fact ids to drop from the snapshot this one extends',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text (a string)', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array',
  null: 'null', integer: 'a whole number',
};

/** A schema issue as "where: what is there; what it should hold", in the format's words, not the schema library's. */
export function describeIssue(issue: SchemaIssue, root: unknown, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  const last = path[path.length - 1];
  // A field named like a secret (a Password of the wrong type) is described, never quoted. (Said before the
  // colon: "Password: is …" would read as a password assignment to the masking every message goes through.)
  const secret = typeof last === 'string' && isSecretKey(last);
  const where = secret ? `${formatPath(path)} (its value is not shown: the field is named like a secret)` : formatPath(path);
  const value = valueAt(root, issue.path);
  const describe = secret ? describeSecret : describeValue;
  const hint = FIELD_HINTS[path.map(String).join('.')];
  const should = (fallback: string) => `; it should hold ${hint ?? fallback}`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return `${where}: ${value === undefined ? 'is missing' : `is ${describe(value)}`}${should(expected)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${where}: is empty${should('text of at least one character')}`;
      if (issue.origin === 'number') return `${where}: is ${describe(value)}, below the minimum ${String(issue.minimum)}`;
      return `${where}: has too few items${should(`at least ${String(issue.minimum)}`)}`;
    case 'too_big':
      return `${where}: is ${describe(value)}, above the maximum ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${where}: is ${describe(value)}; it should be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => quoted(JSON.stringify(k), 60)).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'invalid_union':
      return `${where}: ${describe(value)} does not fit any accepted form${hint ? `; it should hold ${hint}` : ''}`;
    default:
      return `${where}: ${quoted(issue.message, 200)}${value === undefined ? '' : ` (it is ${describe(value)})`}${hint ? `; it should hold ${hint}` : ''}`;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 && /^[A-Za-z_$][\w$]*$/.test(String(p)) ? String(p) : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${quoted(JSON.stringify(String(p)), 80)}]`))
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = Object.prototype.hasOwnProperty.call(v, p) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  }
  return v;
}

/** A secret field's value: its kind, never its text. */
function describeSecret(v: unknown): string {
  if (typeof v === 'string') return 'a text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'true or false';
  return describeValue(v);
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  // Masked before it is cut short: a cut can separate a secret from what marks it ("user:pass" from its "@").
  if (typeof v === 'string') return v === '' ? 'an empty text' : `the text "${quoted(maskSecrets(v), 40)}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v === 'number' ? 'the number ' : ''}${String(v)}`;
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}
