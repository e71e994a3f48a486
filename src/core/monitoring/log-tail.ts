import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const DEFAULT_TAIL_BYTES = 256 * 1024;
const CHUNK = 64 * 1024;

export interface LogTail {
  size: number;
  /** Byte offset of the excerpt's first byte: a line start (0, or just after a newline). */
  startByte: number;
  /** 1-based line number of the excerpt's first line in the whole file. */
  startLine: number;
  bytes: Uint8Array;
}

/**
 * The last `maxBytes` (or less) of a log, starting at a whole line, with the line number it starts at.
 * The file is streamed in fixed chunks to count the newlines before the tail, so memory stays bounded
 * whatever its size. UTF-16LE logs (BOM FF FE) are aligned on 2-byte newlines.
 */
export function readLogTail(path: string, maxBytes = DEFAULT_TAIL_BYTES): LogTail {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(2);
    const utf16 = readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0xff && head[1] === 0xfe;
    const step = utf16 ? 2 : 1;
    let from = Math.max(0, size - maxBytes);
    if (utf16 && from % 2 === 1) from++;
    let newlines = countNewlines(fd, 0, from, utf16);
    const tail = new Uint8Array(size - from);
    readFully(fd, tail, from);
    let skip = 0;
    if (from > 0 && !endsLine(fd, from, utf16)) {
      // Drop the partial first line: the excerpt starts after the next newline.
      let j = 0;
      while (j + step - 1 < tail.length && !isNewline(tail, j, utf16)) j += step;
      skip = Math.min(j + step, tail.length);
      if (j + step - 1 < tail.length) newlines++;
    }
    return { size, startByte: from + skip, startLine: newlines + 1, bytes: tail.subarray(skip) };
  } finally {
    closeSync(fd);
  }
}

function isNewline(buf: Uint8Array, i: number, utf16: boolean): boolean {
  return buf[i] === 0x0a && (!utf16 || buf[i + 1] === 0x00);
}

/** True when the byte(s) just before `offset` are a newline, so `offset` already starts a line. */
function endsLine(fd: number, offset: number, utf16: boolean): boolean {
  const n = utf16 ? 2 : 1;
  const b = new Uint8Array(n);
  readSync(fd, b, 0, n, offset - n);
  return isNewline(b, 0, utf16);
}

function countNewlines(fd: number, from: number, to: number, utf16: boolean): number {
  const buf = new Uint8Array(CHUNK);
  let count = 0;
  let pos = from;
  while (pos < to) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK, to - pos), pos);
    if (n <= 0) break;
    const step = utf16 ? 2 : 1;
    for (let i = 0; i + step - 1 < n; i += step) if (isNewline(buf, i, utf16)) count++;
    pos += n;
  }
  return count;
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n <= 0) break;
    done += n;
  }
}
