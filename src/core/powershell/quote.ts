/**
 * The one way a value goes into a PowerShell command: as a single-quoted string literal.
 * Inside single quotes PowerShell expands nothing ($, `, ( are literal) and ends the string at any
 * single-quote character, which includes the Unicode quotes ‘ ’ ‚ ‛ (U+2018–U+201B). Each of them is
 * escaped by doubling it, exactly as PowerShell's own CodeGeneration.EscapeSingleQuotedStringContent does.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psQuote(value: string): string {
  if (value.includes('\u0000')) throw new Error('a NUL character cannot be passed to PowerShell');
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** True for the characters PowerShell treats as a single quote. */
export function isPsSingleQuote(ch: string): boolean {
  return ch === "'" || (ch >= '\u2018' && ch <= '\u201B');
}
