import { quoted } from './sanitize.js';

/** Where JSON text stops being valid, and what was expected there, in words a person can act on. */
export interface JsonErrorPlace {
  line: number;
  column: number;
  problem: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Finds the first syntax error of text that JSON.parse refused (Node's own message has no position for
 * some errors and quotes the file's start raw). Iterative, so no nesting depth can overflow the stack.
 */
export function locateJsonError(text: string): JsonErrorPlace {
  const { pos, problem } = firstError(text);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return { line, column, problem };
}

function firstError(text: string): { pos: number; problem: string } {
  const stack: ('{' | '[')[] = [];
  type Want = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'end';
  let want: Want = 'value';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const found = (at: number) => `found "${quoted(JSON.stringify(text.slice(at, at + 12)).slice(1, -1), 40)}"`;
  const afterValue = (): Want => (stack.length === 0 ? 'end' : 'commaOrEnd');
  for (;;) {
    while (i < text.length && WS.has(text[i]!)) i++;
    if (i >= text.length) {
      if (want === 'end') return { pos: i, problem: 'no error found' };
      return { pos: i, problem: `the text ends too early (truncated?): ${stack.length > 0 ? `${stack.length} unclosed ${stack.at(-1) === '{' ? 'object' : 'array'}${stack.length > 1 ? 's' : ''}` : 'no value'}` };
    }
    const c = text[i]!;
    switch (want) {
      case 'end':
        return { pos: i, problem: `unexpected text after the end of the JSON value, ${found(i)}` };
      case 'colon':
        if (c !== ':') return { pos: i, problem: `expected ":" after the property name, ${found(i)}` };
        i++;
        want = 'value';
        continue;
      case 'commaOrEnd': {
        const close = stack.at(-1) === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          want = stack.at(-1) === '{' ? 'key' : 'value';
        } else if (c === close) {
          i++;
          stack.pop();
          want = afterValue();
        } else return { pos: i, problem: `expected "," or "${close}", ${found(i)}` };
        continue;
      }
      case 'key':
      case 'keyOrEnd':
        if (want === 'keyOrEnd' && c === '}') {
          i++;
          stack.pop();
          want = afterValue();
          continue;
        }
        if (c !== '"') return { pos: i, problem: `expected a property name in double quotes, ${found(i)}` };
        {
          const s = scanString(text, i);
          if (typeof s !== 'number') return s;
          i = s;
        }
        want = 'colon';
        continue;
      case 'value':
      case 'valueOrEnd':
        if (want === 'valueOrEnd' && c === ']') {
          i++;
          stack.pop();
          want = afterValue();
          continue;
        }
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          want = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
          continue;
        }
        if (c === '"') {
          const s = scanString(text, i);
          if (typeof s !== 'number') return s;
          i = s;
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return { pos: i, problem: `not a valid number, ${found(i)}` };
          i = NUMBER.lastIndex;
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) return { pos: i, problem: `expected a value (a string, number, object, array, true, false or null), ${found(i)}` };
          i += word.length;
        }
        want = afterValue();
        continue;
    }
  }
}

/** The index after a string's closing quote, or the error inside it. */
function scanString(text: string, start: number): number | { pos: number; problem: string } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { pos: i, problem: 'the text ends inside a string (truncated?)' };
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { pos: i, problem: `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()}) inside a string: write it as an escape` };
    if (code === 0x5c) {
      const e = text[i + 1];
      if (e === undefined) return { pos: i + 1, problem: 'the text ends inside a string (truncated?)' };
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { pos: i, problem: 'a \\u escape needs four hex digits' };
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(e)) return { pos: i, problem: `an invalid escape in a string, ${JSON.stringify(`\\${e}`)}` };
      i += 2;
      continue;
    }
    i++;
  }
}
