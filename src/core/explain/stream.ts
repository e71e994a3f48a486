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
  async function* tap() {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      rawBytes += bytes.length;
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
