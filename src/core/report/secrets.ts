/**
 * Secrets must never reach any output (check text and JSON, every report format, explain, the wizard),
 * redacted or not. This masks the secret shapes that can turn up in host values, messages, evidence and
 * log excerpts: URL user info, Authorization headers, Basic/Bearer credentials, password=/pwd=/token=
 * and connection-string keys, PowerShell -Password arguments and SecureString text, private keys.
 */
export const MASK = '[secret removed]';
const PRIVATE_KEY_MASK = '[private key removed]';
const CERTIFICATE_MASK = '[certificate PEM not shown]';
const ENCODED_MASK = '[encoded data removed]';

/** True when text holds what masking put in place of a secret: a command with one must not run as it is. */
export function holdsMask(text: string): boolean {
  return [MASK, PRIVATE_KEY_MASK, CERTIFICATE_MASK, ENCODED_MASK].some((m) => text.includes(m));
}

/** Basic credentials are base64 of "user:password": only such a token is masked, not the word "Basic" in prose. */
function basicCredential(m: string, scheme: string, token: string): string {
  const decoded = Buffer.from(token, 'base64').toString('latin1');
  return decoded.includes(':') ? `${scheme}${MASK}` : m;
}

const PATTERNS: readonly [RegExp, (m: string, ...groups: string[]) => string][] = [
  // PEM private keys, also when the excerpt was cut before the END line.
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, () => PRIVATE_KEY_MASK],
  // Certificates are public, but a report shows who they name, never their encoded bytes.
  [/-----BEGIN CERTIFICATE-----[\s\S]*?(?:-----END CERTIFICATE-----|$)/g, () => CERTIFICATE_MASK],
  // Export-Clixml credentials: <SS N="Password">01000000d08c…</SS>, also when the text was cut before </SS>.
  [/(<SS\b[^>]{0,200}>)(?!\[secret removed\])[^<]{1,100000}/gi, (_m, open) => `${open}${MASK}`],
  [/(<(\w{0,40}(?:password|pwd|secret)\w{0,40})\b[^>]{0,200}>)(?!\[secret removed\])[^<]{1,100000}/gi, (_m, open) => `${open}${MASK}`],
  // DPAPI SecureString export (ConvertFrom-SecureString) and other long encoded blobs.
  [/\b01000000d08c9ddf0115d1118c7a00c04fc297eb[0-9a-f]*/gi, () => MASK],
  [/\b[0-9a-f]{96,}\b/gi, () => MASK],
  [/[A-Za-z0-9+/]{120,}={0,2}/g, () => ENCODED_MASK],
  // 'P@ss' | ConvertTo-SecureString …   and   ConvertTo-SecureString 'P@ss' / -String "P@ss" …
  [/('(?:[^']|'')*'|"(?:[^"`]|`.)*")(\s*\|\s*ConvertTo-SecureString\b)/gi, (_m, _v, rest) => `'${MASK}'${rest}`],
  [/(ConvertTo-SecureString\b)([^|;\r\n]*)/gi, (_m, cmd, args) => (/^\s*:/.test(args) ? `${cmd}${args}` : `${cmd}${maskArguments(args)}`)],
  // -Password 'x', -AccountPassword $x stays ($x is a variable name, not a secret)
  [/(-\w{0,40}(?:password|passwd|pwd|secret|apikey)\s+)(?!'?\[secret removed\])('(?:[^']|'')*'|"(?:[^"`]|`.)*"|[^\s$(][^\s;|]*)/gi, (_m, flag) => `${flag}'${MASK}'`],
  // https://user:SECRET@proxy:8080/ and any other scheme: the password part of the user info.
  [/\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@"'<>]{0,256}:)([^\s/?#@"'<>]{1,1024})@/gi, (_m, pre) => `${pre}${MASK}@`],
  // Authorization: Basic dXNlcjpwYXNz / Proxy-Authorization: Bearer … : the credential token;
  // Authorization: <anything else> (Digest parameters, a raw key): the rest of the value.
  [/(\b(?:proxy-)?authorization['"]?\s*[:=]\s*['"]?(?:basic|bearer|negotiate|ntlm|token)\s+)(?!\[secret removed\])[^\s'"]{1,4096}/gi, (_m, key) => `${key}${MASK}`],
  [/(\b(?:proxy-)?authorization['"]?\s*[:=]\s*['"]?)(?!(?:basic|bearer|negotiate|ntlm|token)\s)(?!\[secret removed\])[^\r\n'"]{1,4096}/gi, (_m, key) => `${key}${MASK}`],
  [/(\bbearer\s+)(?!\[secret removed\])[A-Za-z0-9\-._~+/]{8,4096}=*/gi, (_m, scheme) => `${scheme}${MASK}`],
  [/(\bbasic\s+)([A-Za-z0-9+/]{4,4096}={0,2})(?![A-Za-z0-9+/=])/gi, basicCredential as (m: string, ...g: string[]) => string],
  // Shared access signatures: ?sv=…&sig=SECRET
  [/([?&;]sig=)[^&\s"'<>]{1,4096}/gi, (_m, key) => `${key}${MASK}`],
  // password=…, "password": "…", pwd: …, client_secret=…, connection-string style Password=…;
  [
    /(\b[\w.-]{0,40}?(?:password|passwd|pwd|secret|apikey|api_key|accesskey|access_key|accountkey|sharedaccesskey|token)[\w.-]{0,40}"?\s*[=:]\s*)(?!'?\[secret removed\])("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s;,&"'<>]+)/gi,
    (_m, key) => `${key}${MASK}`,
  ],
];

/** ConvertTo-SecureString's own error text has no arguments ("ConvertTo-SecureString : Key not valid…"). */
function maskArguments(args: string): string {
  // ''x'' first: the whole command was itself inside a quoted PowerShell string (its quotes doubled).
  return args.replace(/(''(?:[^']|'''')+''|'(?:[^']|'')*'|"(?:[^"`]|`.)*"|(?<=^|\s)(?![-:])[^\s'"]+)/g, (m) => {
    if (/^-/.test(m) || /^\$\w+$/.test(m) || m === `'${MASK}'` || m === `''${MASK}''`) return m;
    return m.startsWith("''") ? `''${MASK}''` : `'${MASK}'`;
  });
}

/** Masks secret patterns, and each of `literals` (known secret values, such as an ini password) wherever it occurs. */
export function maskSecrets(text: string, literals: readonly string[] = []): string {
  let out = text;
  for (const secret of literals) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(MASK);
  if (!mayHoldSecret(out)) return out;
  let lower = out.toLowerCase();
  for (let i = 0; i < PATTERNS.length; i++) {
    if (!mayMatch(GATES[i]!, out, lower)) continue;
    const [re, fn] = PATTERNS[i]!;
    const next = out.replace(re, fn as (m: string, ...g: string[]) => string);
    if (next !== out) {
      out = next;
      lower = out.toLowerCase();
    }
  }
  return out;
}

/**
 * What each of PATTERNS (same order) cannot match without: one of these words (in the lower-cased text;
 * the words are ASCII, which case-insensitive matching never maps to or from other characters), or a
 * length. A pattern is compiled and run only on text that has it: most text that trips TRIGGER has one
 * pattern's word, not sixteen.
 */
type Gate = readonly string[] | { minLength: number };
const PASSWORD_WORDS = ['password', 'passwd', 'pwd', 'secret', 'apikey'];
const GATES: readonly Gate[] = [
  ['-----begin'],
  ['-----begin'],
  ['<ss'],
  ['password', 'pwd', 'secret'],
  ['01000000d08c9ddf0115d1118c7a00c04fc297eb'],
  { minLength: 96 },
  { minLength: 120 },
  ['convertto-securestring'],
  ['convertto-securestring'],
  PASSWORD_WORDS,
  ['://'],
  ['authorization'],
  ['authorization'],
  ['bearer'],
  ['basic'],
  ['sig='],
  [...PASSWORD_WORDS, 'api_key', 'accesskey', 'access_key', 'accountkey', 'token'],
];
if (GATES.length !== PATTERNS.length) throw new Error(`secrets.ts: ${PATTERNS.length} patterns but ${GATES.length} gates`);

function mayMatch(gate: Gate, text: string, lower: string): boolean {
  return 'minLength' in gate ? text.length >= gate.minLength : gate.some((w) => lower.includes(w));
}

/** Every pattern run on the text, without the gates: what maskSecrets must equal (for its test). */
export function maskSecretsUngated(text: string): string {
  let out = text;
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  return out;
}

/**
 * Every pattern above needs one of these words, or a run of 96+ base64 characters (the encoded blobs: hex
 * is base64's subset): text with neither cannot match any of them, and most host text is such text.
 */
const TRIGGER = /pass|pwd|secret|apikey|api_key|accesskey|access_key|accountkey|token|authorization|bearer|basic|sig=|:\/\/|-----begin|<ss|securestring|01000000d08c/i;
const LONG_RUN = /[A-Za-z0-9+/]{96}/;

function mayHoldSecret(text: string): boolean {
  return TRIGGER.test(text) || (text.length >= 96 && LONG_RUN.test(text));
}

const SECRET_KEY = /password|passwd|pwd|secret|apikey|api_key|privatekey|accountkey|token/i;
/** Facts about a secret, not the secret: PasswordLastSet, PasswordExpires, TokenLifetime … */
const ABOUT_SECRET = /last|set$|changed|expir|age$|date|time|length|required|policy|never|count|status|type|kind|path|file|name$/i;

/** Whether a value stored under this key is a secret (Password, client_secret), not a fact about one (PasswordLastSet). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !ABOUT_SECRET.test(key);
}

/**
 * Values stored under secret-like keys anywhere in a value (an ini's Password entry, a {name, value}
 * pair): masked as literals wherever else they appear. Bounded in depth and breadth.
 */
export function secretLiterals(value: unknown, key = '', out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 8 || value === null || value === undefined) return out;
  if (typeof value === 'string') {
    if (isSecretKey(key) && value.trim().length >= 4) out.add(value.trim());
    return out;
  }
  if (typeof value !== 'object' || value instanceof Uint8Array) return out;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 2000; i++) secretLiterals(value[i], key, out, depth + 1);
    return out;
  }
  const o = value as Record<string, unknown>;
  for (const k of ['key', 'name']) if (typeof o[k] === 'string' && typeof o.value === 'string') secretLiterals(o.value, o[k] as string, out, depth + 1);
  let n = 0;
  for (const k in o) {
    if (++n > 10000) break;
    if (Object.prototype.hasOwnProperty.call(o, k)) secretLiterals(o[k], k, out, depth + 1);
  }
  return out;
}
