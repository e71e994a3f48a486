/**
 * The output stream for a terminal that can only print (TERM=dumb): every frame goes out as plain
 * lines, one after the other, ASCII only, with no escape sequence at all (no cursor movement, no
 * erasing, no colour). Ink renders in its linear (debug) mode into this stream.
 */
const ASCII: Record<string, string> = {
  '…': '...', '·': '-', '↑': '^', '↓': 'v', '←': '<', '→': '>', '❯': '>', '⏎': '|', '✔': 'OK', '✖': 'X', '█': '_',
  '≥': '>=', '≤': '<=', '–': '-', '—': '-', '‘': "'", '’': "'", '‚': "'", '‛': "'", '“': '"', '”': '"', '„': '"',
  '\u00a0': ' ', '×': 'x', '�': '?',
};

// eslint-disable-next-line no-control-regex
const SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b./g;

/** Text as a printing terminal can show it: escape sequences out, other characters as ASCII. */
export function toAscii(text: string): string {
  return text
    .replace(SEQUENCES, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[^\n\r\t\u0020-\u007e]/gu, (c) => ASCII[c] ?? (c.charCodeAt(0) < 0x20 || c === '\u007f' ? '' : '?'));
}

/** A view of `stdout` whose writes are made ASCII and end each frame on a line of its own. */
export function asciiStream<T extends NodeJS.WritableStream>(stdout: T): T {
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => {
          const text = toAscii(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
          return (target.write as (c: string, ...r: unknown[]) => boolean)(text.endsWith('\n') || text === '' ? text : `${text}\n`, ...rest);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
