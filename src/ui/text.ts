import { oneLine } from '../core/text/sanitize.js';

/** Untrusted text made safe for one terminal line: controls stripped, newlines folded. */
export function clean(text: string): string {
  return oneLine(text).replace(/\t/g, ' ');
}

/** Word-wraps clean text to width columns (long words are cut), so screens can count their rows exactly. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const w = Math.max(8, width - indent.length);
  const out: string[] = [];
  let line = '';
  for (const word of clean(text).split(' ')) {
    let rest = word;
    while (rest.length > w) {
      if (line) { out.push(line); line = ''; }
      out.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
    else { out.push(line); line = rest; }
  }
  if (line || out.length === 0) out.push(line);
  return out.map((l) => indent + l);
}

/** Cuts to width with an ellipsis. */
export function fit(text: string, width: number): string {
  const t = clean(text);
  return t.length > width ? `${t.slice(0, Math.max(0, width - 1))}…` : t;
}

/**
 * A duration as "1.2s". The wizard's clock is re-read on a timer, so a step that started after the last
 * tick would show a negative time ("-0.0s"): anything below zero shows as 0.0s.
 */
export function seconds(ms: number): string {
  const s = Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
  return `${s.toFixed(1)}s`;
}

/** Characters PowerShell reads as a single or a double quote (as psQuote escapes them). */
const SQ = /['\u2018\u2019\u201A\u201B]/;
const DQ = /["\u201C\u201D\u201E]/;

/**
 * A command's words: split at spaces outside quotes (single-quoted strings with '' inside, double-quoted
 * with `" and "" inside), so a quoted path with spaces stays one word.
 */
export function commandWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: 'single' | 'double' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === undefined && c === ' ') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += c;
    if (quote === 'double' && c === '`' && i + 1 < command.length) {
      word += command[++i];
      continue;
    }
    const isQuote = quote === 'single' ? SQ.test(c) : quote === 'double' ? DQ.test(c) : SQ.test(c) ? 'single' : DQ.test(c) ? 'double' : undefined;
    if (quote === undefined) quote = isQuote === 'single' || isQuote === 'double' ? isQuote : undefined;
    else if (isQuote) {
      const next = command[i + 1] ?? '';
      if ((quote === 'single' ? SQ : DQ).test(next)) word += command[++i]; // a doubled quote stays inside
      else quote = undefined;
    }
  }
  if (word) words.push(word);
  return words;
}

/**
 * A PowerShell command as rows of at most `width` columns ("PS> " on the first): broken only at spaces
 * outside quotes, each broken row ending in PowerShell's line continuation " `", so rows copied from
 * the screen still run as one command. A word wider than a row is never broken: its row runs past the
 * width (the screen cuts it with an ellipsis; `c` copies the whole command).
 */
export function wrapCommand(command: string, width: number, indent = ''): { rows: string[]; cut: boolean } {
  const first = `${indent}PS> `;
  const next = `${indent}    `;
  const rows: string[] = [];
  let row = '';
  let cut = false;
  const room = (prefix: string) => width - prefix.length - 2;
  for (const w of commandWords(clean(command))) {
    const prefix = rows.length === 0 ? first : next;
    if (!row) row = w;
    else if (row.length + 1 + w.length <= room(prefix)) row += ` ${w}`;
    else {
      rows.push(`${prefix}${row} \``);
      row = w;
    }
    if (row.length > room(rows.length === 0 ? first : next)) cut = true;
  }
  rows.push(`${rows.length === 0 ? first : next}${row}`);
  return { rows, cut: cut && rows.some((r) => r.length > width) };
}
