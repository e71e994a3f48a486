/**
 * Untrusted text (log lines, ini values, host names, file names) must not drive the terminal: ANSI/VT
 * escape sequences (CSI, OSC, DCS, single ESC) are removed; the other control characters are shown
 * visibly, the same way in every output (CR as ␍, NUL as ␀, …; C1 controls and bidi overrides that
 * can disguise text as U+FFFD), so a command shown is the command that would run. Tab and newline stay.
 */
// A sequence that is cut off (an OSC with no terminator) loses only its introducer, never the text after it.
// eslint-disable-next-line no-control-regex
export const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b\n]*(?:\u0007|\u001b\\)|\u001b\]\d*;?|\u001b[PX^_][^\u001b\n]*\u001b\\|\u001b[PX^_]|\u001b[@-Z\\-_]?|\u009b[0-?]*[ -/]*[@-~]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** How a control character is shown: C0 as its Unicode control picture (U+2400…), DEL as ␡, others U+FFFD. */
export function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\uFFFD';
}

// Every escape sequence above starts with a control character (ESC or CSI), as does CR: text without
// any of these (most text) comes back as it is, without three passes over it.
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function stripControl(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, controlPicture);
}

/** Control-stripped, newlines folded to ' ⏎ ': text that must stay on its line (a header's host name). */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s*\n\s*/g, ' ⏎ ');
}

/** One line for display: oneLine, cut at max characters. */
export function displayLine(text: string, max = 200): string {
  const one = oneLine(text);
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * A piece of input quoted in a message (a file name, a value): one line, bounded, and every control
 * character shown (ESC as ␛, so a name holding an escape sequence reads as it is, and drives nothing).
 */
export function quoted(text: string, max = 200): string {
  const one = text.replace(/\r?\n/g, ' ⏎ ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\t]/g, controlPicture);
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
