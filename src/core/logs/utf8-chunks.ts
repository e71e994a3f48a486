import { StringDecoder } from 'node:string_decoder';
import { detectEncoding, type TextEncodingName } from '../text/decode.js';

export interface StreamEncoding {
  encoding: TextEncodingName;
  /** NUL bytes in the first block of a file that is not UTF-16: probably not text. */
  binary: boolean;
}

/** Enough bytes to tell the encoding (BOM, or UTF-16LE without one) and to spot a binary file. */
const SNIFF = 4;
const BINARY_SNIFF = 64 * 1024;

/**
 * Re-chunks a byte stream as UTF-8: a UTF-8 BOM is dropped, UTF-16LE/BE (by BOM, as Windows writes
 * them) is transcoded, anything else passes through untouched (invalid UTF-8 and binary bytes
 * included: the scanner copes). `info` is filled in once the first bytes are seen.
 */
export async function* utf8Chunks(source: AsyncIterable<Uint8Array>, info: Partial<StreamEncoding> = {}): AsyncGenerator<Buffer> {
  let head: Buffer = Buffer.alloc(0);
  let convert: ((chunk: Buffer) => Buffer) | undefined;
  let flush: (() => Buffer) | undefined;
  const start = (bytes: Buffer): Buffer => {
    const encoding = detectEncoding(bytes);
    info.encoding = encoding;
    info.binary = false;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      const decoder = new StringDecoder('utf16le');
      let odd: number | undefined;
      const swap = encoding === 'utf-16be';
      convert = (chunk) => {
        if (swap) chunk = swapPairs(chunk, odd, (rest) => (odd = rest));
        return Buffer.from(decoder.write(chunk), 'utf8');
      };
      flush = () => Buffer.from(decoder.end(), 'utf8');
      const hasBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      return convert(hasBom ? bytes.subarray(2) : bytes);
    }
    info.binary = bytes.subarray(0, BINARY_SNIFF).includes(0);
    return encoding === 'utf-8-bom' ? bytes.subarray(3) : bytes;
  };
  for await (const raw of source) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (info.encoding === undefined) {
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < SNIFF) continue;
      const first = start(head);
      head = Buffer.alloc(0);
      if (first.length) yield first;
      continue;
    }
    const out = convert ? convert(chunk) : chunk;
    if (out.length) yield out;
  }
  if (info.encoding === undefined) {
    const first = start(head);
    if (first.length) yield first;
  }
  if (flush) {
    const rest = flush();
    if (rest.length) yield rest;
  }
}

/** UTF-16BE to LE: swaps byte pairs, carrying an odd trailing byte to the next chunk. */
function swapPairs(chunk: Buffer, carried: number | undefined, carry: (b: number | undefined) => void): Buffer {
  const bytes = carried === undefined ? chunk : Buffer.concat([Buffer.from([carried]), chunk]);
  const even = bytes.length - (bytes.length % 2);
  const out = Buffer.from(bytes.subarray(0, even));
  out.swap16();
  carry(even < bytes.length ? bytes[even] : undefined);
  return out;
}
