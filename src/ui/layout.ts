export interface Size {
  columns: number;
  rows: number;
}

export interface Layout {
  /** Usable columns: the last one stays empty (a full-width line wraps on Windows consoles). */
  width: number;
  /** Rows the app may use: one fewer than the terminal, so Ink never clears the screen to redraw. */
  height: number;
  /** Rows for a screen's content: height minus the title, the status line and the key hints. */
  body: number;
}

/** Rows the frame takes besides the title: the status line(s) and the key hints (each 1 or 2 rows). */
export interface Chrome {
  status: number;
  hints: number;
}

export function layoutFor(size: Size, chrome: Chrome = { status: 1, hints: 1 }): Layout {
  const width = Math.max(30, size.columns - 1);
  const height = Math.max(10, size.rows - 1);
  return { width, height, body: height - 1 - chrome.status - chrome.hints };
}

/** First visible row of a window of `height` rows over `total` that keeps `row` in view, centred when it can. */
export function windowStart(row: number, height: number, total: number): number {
  if (total <= height) return 0;
  return Math.min(Math.max(0, row - Math.floor(height / 2)), total - height);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), Math.max(lo, hi));
}
