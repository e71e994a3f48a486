/**
 * Puts pasted or logged text into the one shape signature patterns are written against: terminal
 * escapes and PowerShell error-record framing removed, runs of whitespace (line wraps included) as one
 * space, no space before ':', curly quotes straight, and the document's "For Each-Object" as
 * PowerShell prints it. Keeps, for every output character, the index of the input character it came
 * from, so a match can be traced back to its line.
 */
import { ESCAPE_SEQUENCES } from '../text/sanitize.js';

export interface Normalised {
  text: string;
  /** map[i] = index in the input of text[i]. */
  map: ArrayLike<number>;
}

export interface NormaliseOptions {
  /**
   * How a line break counts: 'space' (a word boundary; the usual case) or 'join' (nothing: for a
   * console that broke a line at its width without a space at the break).
   */
  breaks?: 'space' | 'join';
}

/** The sequences stripControl removes: a cut-off one (an OSC with no end) loses its introducer, not the text after it. */
const ESCAPES = new RegExp(ESCAPE_SEQUENCES.source, 'g');

/** Whole lines that are error-record framing, not message: PS 5.1 "+ ..." lines, PS 7 "Line |", code echo, "~~~". */
const FRAMING_LINE = /^[ \t]*(?:\+(?:[ \t~].*)?|~+[ \t]*|Line[ \t]*\|.*|\d+[ \t]*\|.*|\|[ \t~]*)$/gm;
/** The PS 7 "     | " gutter before the message lines: dropped, the message kept. */
const GUTTER = /^[ \t]*\|[ \t]?/gm;
/** "At line:1 char:1" and "At C:\path\script.ps1:681 char:14", wherever they stand. */
const POSITION = /\bAt (?:line:\d+|[A-Za-z]:\\[^\n]*?:\d+|\S[^\n]*?\.ps[dm]?1:\d+) char:\d+/g;
const FOR_EACH = /\bfor each-object\b/gi;
const HAS_FOR_EACH = /\bfor each-object\b/i;

const SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u2032']);
const DOUBLE_QUOTES = new Set(['\u201c', '\u201d', '\u201e', '\u201f', '\u2033']);
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;
const WHITE = /\s/;

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Scratch space reused across calls (this runs on every candidate of a log scan): less garbage. */
let scratch = { drop: new Uint8Array(4096), out: new Uint16Array(4096), map: new Int32Array(4096) };

export function normalise(input: string, options: NormaliseOptions = {}): Normalised {
  const join = options.breaks === 'join';
  if (scratch.drop.length < input.length) {
    const size = Math.max(input.length, scratch.drop.length * 2);
    scratch = { drop: new Uint8Array(size), out: new Uint16Array(size), map: new Int32Array(size) };
  }
  const { drop, out, map } = scratch;
  drop.fill(0, 0, input.length);
  const mark = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(input); m; m = re.exec(input)) {
      drop.fill(1, m.index, m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  // Each only where it can apply: this runs on every candidate of a log scan.
  if (input.includes('\u001b') || input.includes('\u009b')) mark(ESCAPES);
  if (/[+~|]/.test(input)) mark(FRAMING_LINE);
  if (input.includes('|')) mark(GUTTER);
  if (input.includes(' char:')) mark(POSITION);

  let n = 0;
  let space = -1; // index of the whitespace character to emit before the next visible one, if any
  for (let i = 0; i < input.length; i++) {
    if (drop[i]) continue;
    let code = input.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) {
      if (!join && space < 0) space = i;
      continue;
    }
    if (code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || (code > 0x7f && WHITE.test(input[i]!))) {
      if (space < 0) space = i;
      continue;
    }
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    if (code > 0x2000) {
      if (INVISIBLE.test(input[i]!)) continue;
      if (SINGLE_QUOTES.has(input[i]!)) code = 0x27;
      else if (DOUBLE_QUOTES.has(input[i]!)) code = 0x22;
    }
    if (space >= 0 && n > 0 && code !== 0x3a) {
      out[n] = 0x20;
      map[n++] = space;
    }
    space = -1;
    out[n] = code;
    map[n++] = i;
  }
  return dropForEachSpace({ text: UTF16.decode(out.subarray(0, n)), map: map.slice(0, n) });
}

function dropForEachSpace(n: Normalised): Normalised {
  if (!HAS_FOR_EACH.test(n.text)) return n;
  const cut = new Set<number>();
  for (const m of n.text.matchAll(FOR_EACH)) cut.add(m.index + 3);
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < n.text.length; i++) {
    if (cut.has(i)) continue;
    text += n.text[i];
    map.push(n.map[i]!);
  }
  return { text, map };
}
