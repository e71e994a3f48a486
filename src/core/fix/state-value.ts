import ini from 'ini';
import { InputError } from '../errors.js';

export const STATE_MAX_LENGTH = 64;

/**
 * A value for "State=" that reads back as itself: no line breaks or control/format characters, nothing
 * the ini reader would cut (";" or "#" start a comment) or unquote, and short (a state or region name).
 */
export function validateStateValue(value: string): string {
  const bad = (why: string) => new InputError(`ccdoctor fix: --state ${why} (got ${JSON.stringify(value)}). Give a state or region name such as WA, or leave --state out for an empty "State=".`);
  if (value.length > STATE_MAX_LENGTH) throw bad(`is longer than ${STATE_MAX_LENGTH} characters`);
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(value)) throw bad('may not hold line breaks or control characters');
  if (value !== value.trim()) throw bad('may not start or end with spaces');
  if (ini.unsafe(value) !== value) throw bad('would not read back as written (";" and "#" start a comment, quotes are removed)');
  return value;
}
