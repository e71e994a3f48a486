/**
 * Untrusted text (log lines, ini values, host names) must not drive the terminal: remove ANSI/VT
 * escape sequences (CSI, OSC, DCS, single ESC), C0/C1 control characters other than tab and newline,
 * and bidi overrides that can disguise text.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, (c) => (c === '\r' ? '' : '\uFFFD'));
}

/** One line for display: control-stripped, newlines folded to ' ⏎ ', cut at max characters. */
export function displayLine(text: string, max = 200): string {
  const one = stripControl(text).replace(/\s*\n\s*/g, ' ⏎ ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
