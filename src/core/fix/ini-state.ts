import { parseIni, iniEntry, iniSection, insertIntoSection, type IniDocument } from '../ini/read.js';
import { decodeText, encodeText, type TextEncodingName } from '../text/decode.js';
import { InputError } from '../errors.js';
import type { CheckResult, Rule } from '../rules/types.js';

export type IniStatePlan =
  | { kind: 'present'; doc: IniDocument; line: number; value: string }
  | {
      kind: 'edit';
      doc: IniDocument;
      /** The exact line added, and its 1-based number in the edited file. */
      line: string;
      lineNo: number;
      before: Uint8Array;
      after: Uint8Array;
      afterText: string;
    };

const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 with BOM', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE',
};

export function describeEncoding(doc: IniDocument, bytes: Uint8Array): string {
  const bom = doc.encoding === 'utf-16le' && !(bytes[0] === 0xff && bytes[1] === 0xfe) ? ' without BOM' : doc.encoding.startsWith('utf-16') ? ' with BOM' : '';
  return `${ENCODING_LABEL[doc.encoding]}${bom}, ${doc.newline === '\r\n' ? 'CRLF' : 'LF'} line ends`;
}

/**
 * What adding "State=<value>" under [Common] does to these bytes. Refuses (InputError) when the file is
 * not text, has no [Common], or when the edit would change any byte besides the inserted line.
 */
export function planIniStateFix(bytes: Uint8Array, path: string, state = ''): IniStatePlan {
  if (decodeText(bytes).binary) throw new InputError(`${path} does not look like a text ini file (it holds NUL bytes or invalid UTF-8): nothing changed`);
  const doc = parseIni(bytes, path);
  const common = iniSection(doc, 'Common');
  if (!common) {
    throw new InputError(`${path} has no [Common] section, so ccdoctor will not guess where State belongs: nothing changed. `
      + 'Compare the file with the template from Export-CcConfigurationSampleFile and add [Common] with its keys by hand.');
  }
  const existing = iniEntry(doc, 'Common', 'State');
  if (existing) return { kind: 'present', doc, line: existing.line, value: existing.value };
  const line = `State=${state}`;
  const afterText = insertIntoSection(doc, 'Common', line);
  let after = encodeText(afterText, doc.encoding);
  if (doc.encoding === 'utf-16le' && !(bytes[0] === 0xff && bytes[1] === 0xfe)) after = after.subarray(2);
  if (!isSingleInsertion(bytes, after, bareLength(`${line}${doc.newline}`, doc.encoding))) {
    const mixed = /\r\n/.test(doc.text) && /(^|[^\r])\n/.test(doc.text);
    throw new InputError(`${path}: adding "${line}" would also change other bytes of the file (${mixed ? 'it mixes CRLF and LF line ends' : 'it holds bytes that do not survive decoding'}), so nothing changed. Add the line under [Common] by hand.`);
  }
  return { kind: 'edit', doc, line, lineNo: firstDifferentLine(doc.text, afterText), before: bytes, after, afterText };
}

/** True when `after` is `before` with exactly `length` bytes inserted at one place. */
export function isSingleInsertion(before: Uint8Array, after: Uint8Array, length: number): boolean {
  if (after.length !== before.length + length) return false;
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return p + s === before.length;
}

/** Bytes the text takes in this encoding, not counting a BOM. */
function bareLength(text: string, encoding: TextEncodingName): number {
  const bom = encoding === 'utf-8-bom' ? 3 : encoding === 'utf-8' ? 0 : 2;
  return encodeText(text, encoding).length - bom;
}

function firstDifferentLine(a: string, b: string): number {
  const x = a.split(/\r?\n/);
  const y = b.split(/\r?\n/);
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return i + 1;
}

/** The ini-state-missing rule's own verdict on these bytes (the same check `ccdoctor check` runs; the caller passes that rule). */
export function recheckIni(rule: Pick<Rule<any, any>, 'check'>, bytes: Uint8Array, path: string, now = new Date()): CheckResult {
  return rule.check({ facts: { 'cce.ini': parseIni(bytes, path) }, version: undefined, now, options: {} });
}
