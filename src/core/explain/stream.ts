import type { Rule } from '../rules/types.js';
import { scanStream } from '../logs/scan.js';
import { decodeText } from '../text/decode.js';
import { explainText } from './match.js';
import { closestSymptoms, type NearSymptom } from './near.js';
import { entriesFromMatches, entriesFromScan, mergeEntries, type ExplainEntry, type ExplainInput } from './report.js';

/**
 * Inputs up to this size are also matched as one text, which also finds a truncated paste ("…"),
 * words cut by a console and PowerShell 7's wrapped messages.
 */
const WHOLE_TEXT_LIMIT = 1024 * 1024;

/** After this many NUL bytes (outside UTF-16 text) the input is taken for binary data and reading stops. */
export const BINARY_LIMIT = 16 * 1024 * 1024;

/** Thrown when the input turns out to be binary data (a disk image, /dev/zero): how much was read. */
export class BinaryInputError extends Error {
  override readonly name = 'BinaryInputError';
  constructor(readonly bytesRead: number, readonly nulBytes: number) {
    super(`stopped after ${Math.round(bytesRead / 1024 / 1024)} MB: it holds ${Math.round(nulBytes / 1024 / 1024)} MB of NUL bytes, so it is binary data, not a text log`);
  }
}

/**
 * Explains a stream (a log file, stdin) without holding it in memory: every hit with its line and
 * timestamp; an input of at most 1 MB is also matched as one text.
 */
export async function explainStream(
  source: AsyncIterable<Uint8Array | string>,
  about: { source: 'stdin' | 'file'; name?: string },
  rules: readonly Rule<any, any>[],
): Promise<{ entries: ExplainEntry[]; input: ExplainInput; closest: NearSymptom[] }> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let rawBytes = 0;
  let nulBytes = 0;
  let utf16: boolean | undefined;
  async function* tap() {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      // UTF-16 text has a NUL in every other byte: there only a NUL character (two zero bytes) counts.
      utf16 ??= bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0));
      nulBytes += utf16 ? countNulPairs(bytes, rawBytes) : countByte(bytes, 0);
      rawBytes += bytes.length;
      if (nulBytes >= BINARY_LIMIT) throw new BinaryInputError(rawBytes, nulBytes);
      if (headBytes <= WHOLE_TEXT_LIMIT) {
        head.push(Buffer.from(bytes)); // a copy: file blocks reuse one buffer
        headBytes += bytes.length;
      }
      yield bytes;
    }
  }
  const summary = await scanStream(tap(), { rules });
  let entries = entriesFromScan(summary);
  let closest: NearSymptom[] = [];
  if (headBytes <= WHOLE_TEXT_LIMIT && headBytes > 0) {
    const text = decodeText(Buffer.concat(head)).text;
    entries = mergeEntries(entries, entriesFromMatches(explainText(text, rules), rules));
    // A pasted message, not a log: when nothing matched, what it resembles (labelled as no match).
    if (entries.length === 0 && about.source === 'stdin') closest = closestSymptoms(text, rules);
  }
  const input: ExplainInput = {
    ...about, bytes: rawBytes, lines: summary.lines, encoding: summary.encoding, binary: summary.binary,
  };
  return { entries, input, closest };
}

function countByte(bytes: Buffer, value: number): number {
  let n = 0;
  for (let i = bytes.indexOf(value); i !== -1; i = bytes.indexOf(value, i + 1)) n++;
  return n;
}

/** Zero 16-bit code units at even offsets of the whole stream (`at`: where this chunk starts). */
function countNulPairs(bytes: Buffer, at: number): number {
  let n = 0;
  for (let i = at % 2 === 0 ? 0 : 1; i + 1 < bytes.length; i += 2) if (bytes[i] === 0 && bytes[i + 1] === 0) n += 2;
  return n;
}
