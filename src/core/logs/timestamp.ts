/**
 * The timestamp a log line starts with, as written: ISO-like "2026-11-20 02:14:07.123" or
 * "2026-11-20T02:14:07Z", optionally in brackets. Undefined when the line has none.
 */
const LEADING = /^\uFEFF?[ \t]*\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:[ ]?(?:Z|[+-]\d{2}:?\d{2}))?)(?![\d:])/;

export function lineTimestamp(line: string): string | undefined {
  return LEADING.exec(line.slice(0, 80))?.[1];
}
