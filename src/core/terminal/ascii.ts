/**
 * Output for a terminal that can only print (TERM=dumb): ASCII only, with no escape sequence at all (no
 * cursor movement, no erasing, no colour). The wizard renders in Ink's linear (debug) mode into such a
 * stream; the CLI's text goes through one when it writes to such a terminal.
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

/** Whether `stream` is a terminal that can only print (TERM=dumb). */
export function printingTerminal(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.TERM === 'dumb';
}

/** A view of `stdout` whose writes are made ASCII; `frames`: each write ends on a line of its own (Ink's frames). */
export function asciiStream<T extends NodeJS.WritableStream>(stdout: T, opts: { frames?: boolean } = { frames: true }): T {
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => {
          const text = toAscii(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
          const out = opts.frames && !text.endsWith('\n') && text !== '' ? `${text}\n` : text;
          return (target.write as (c: string, ...r: unknown[]) => boolean)(out, ...rest);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
