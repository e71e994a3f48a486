import { stripControl } from '../core/text/sanitize.js';

/** Untrusted text made safe for one terminal line: controls stripped, newlines folded. */
export function clean(text: string): string {
  return stripControl(text).replace(/\s*\n\s*/g, ' ⏎ ').replace(/\t/g, ' ');
}

/** Word-wraps clean text to width columns (long words are cut), so screens can count their rows exactly. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const w = Math.max(8, width - indent.length);
  const out: string[] = [];
  let line = '';
  for (const word of clean(text).split(' ')) {
    let rest = word;
    while (rest.length > w) {
      if (line) { out.push(line); line = ''; }
      out.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
    else { out.push(line); line = rest; }
  }
  if (line || out.length === 0) out.push(line);
  return out.map((l) => indent + l);
}

/** Cuts to width with an ellipsis. */
export function fit(text: string, width: number): string {
  const t = clean(text);
  return t.length > width ? `${t.slice(0, Math.max(0, width - 1))}…` : t;
}

/**
 * A duration as "1.2s". The wizard's clock is re-read on a timer, so a step that started after the last
 * tick would show a negative time ("-0.0s"): anything below zero shows as 0.0s.
 */
export function seconds(ms: number): string {
  const s = Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
  return `${s.toFixed(1)}s`;
}
