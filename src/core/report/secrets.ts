/**
 * Secrets must never reach a report, redacted or not. Reports carry no file bytes at all; this masks
 * the obvious secret shapes that can still turn up in messages, evidence and log excerpts.
 */
const MASK = '[secret removed]';

const PATTERNS: readonly [RegExp, (m: string, ...groups: string[]) => string][] = [
  // PEM private keys, also when the excerpt was cut before the END line.
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, () => '[private key removed]'],
  // Certificates are public, but a report shows who they name, never their encoded bytes.
  [/-----BEGIN CERTIFICATE-----[\s\S]*?(?:-----END CERTIFICATE-----|$)/g, () => '[certificate PEM not shown]'],
  // Export-Clixml credentials: <SS N="Password">01000000d08c…</SS>
  [/(<SS\b[^>]{0,200}>)[^<]{0,100000}(<\/SS>)/gi, (_m, open, close) => `${open}${MASK}${close}`],
  [/(<(\w{0,40}(?:password|pwd|secret)\w{0,40})\b[^>]{0,200}>)[^<]{0,100000}(<\/\2>)/gi, (_m, open, _n, close) => `${open}${MASK}${close}`],
  // DPAPI SecureString export (ConvertFrom-SecureString) and other long encoded blobs.
  [/\b01000000d08c9ddf0115d1118c7a00c04fc297eb[0-9a-f]*/gi, () => MASK],
  [/\b[0-9a-f]{96,}\b/gi, () => MASK],
  [/[A-Za-z0-9+/]{120,}={0,2}/g, () => '[encoded data removed]'],
  // 'P@ss' | ConvertTo-SecureString …   and   ConvertTo-SecureString 'P@ss' / -String "P@ss" …
  [/('(?:[^']|'')*'|"(?:[^"`]|`.)*")(\s*\|\s*ConvertTo-SecureString\b)/gi, (_m, _v, rest) => `'${MASK}'${rest}`],
  [/(ConvertTo-SecureString\b)([^|;\r\n]*)/gi, (_m, cmd, args) => (/^\s*:/.test(args) ? `${cmd}${args}` : `${cmd}${maskArguments(args)}`)],
  // -Password 'x', -AccountPassword $x stays ($x is a variable name, not a secret)
  [/(-\w{0,40}(?:password|passwd|pwd|secret|apikey)\s+)(?!'?\[secret removed\])('(?:[^']|'')*'|"(?:[^"`]|`.)*"|[^\s$(][^\s;|]*)/gi, (_m, flag) => `${flag}'${MASK}'`],
  // password=…, "password": "…", pwd: …, client_secret=…, connection-string style Password=…;
  [
    /(\b[\w.-]{0,40}?(?:password|passwd|pwd|secret|apikey|api_key|accesskey|access_key|token)[\w.-]{0,40}"?\s*[=:]\s*)(?!'?\[secret removed\])("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s;,&"'<>]+)/gi,
    (_m, key) => `${key}${MASK}`,
  ],
];

/** ConvertTo-SecureString's own error text has no arguments ("ConvertTo-SecureString : Key not valid…"). */
function maskArguments(args: string): string {
  return args.replace(/('(?:[^']|'')*'|"(?:[^"`]|`.)*"|(?<=^|\s)(?![-:])[^\s'"]+)/g, (m) => {
    if (/^-/.test(m) || /^\$\w+$/.test(m)) return m;
    return `'${MASK}'`;
  });
}

/** Masks secret patterns, and each of `literals` (known secret values, such as an ini password) wherever it occurs. */
export function maskSecrets(text: string, literals: readonly string[] = []): string {
  let out = text;
  for (const secret of literals) if (secret.length >= 4) out = out.split(secret).join(MASK);
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  return out;
}
