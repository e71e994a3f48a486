import { displayLine } from '../text/sanitize.js';

/**
 * A unified diff of one inserted line (line `lineNo` of `afterText`) with `context` lines either side.
 * File text is untrusted: every line is shown control-stripped.
 */
export function insertionDiff(path: string, afterText: string, lineNo: number, context = 3): string {
  const lines = afterText.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const i = lineNo - 1;
  const from = Math.max(0, i - context);
  const to = Math.min(lines.length, i + 1 + context);
  const oldCount = to - from - 1;
  const shown = displayLine(path, 400);
  const out = [
    `--- ${shown}`,
    `+++ ${shown} (after ccdoctor fix)`,
    `@@ -${oldCount === 0 ? from : from + 1},${oldCount} +${from + 1},${to - from} @@`,
  ];
  for (let k = from; k < to; k++) out.push(`${k === i ? '+' : ' '}${displayLine(lines[k] ?? '', 300)}`);
  return out.join('\n');
}
