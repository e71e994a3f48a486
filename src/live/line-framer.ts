/**
 * pwsh on Linux and macOS writes terminal modes (ESC[?1h ESC[?1l, keypad mode from terminfo) to stdout as
 * its console starts and ends, even into a pipe and with no TERM: they are no part of a line.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_MODES = /^(?:\x1b\[\?[\d;]*[hl]|\x1b[=>])+/;

/** Cuts PowerShell's stdout into lines (LF or CRLF), terminal modes removed; empty lines are dropped. */
export class LineFramer {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    this.pending += chunk;
    // A file's content is one long line: only look for its end in what just arrived.
    if (!chunk.includes('\n')) return;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      this.line(this.pending.slice(0, nl));
      this.pending = this.pending.slice(nl + 1);
    }
  }

  /** The output ended: what is left is a last line without its newline. */
  flush(): void {
    if (this.pending === '') return;
    const rest = this.pending;
    this.pending = '';
    this.line(rest);
  }

  private line(text: string): void {
    const line = text.replace(/\r$/, '').replace(TERMINAL_MODES, '');
    if (line !== '') this.onLine(line);
  }
}
