import type { Key } from 'ink';

/** Caret moves and deletions inside a text field (as at a shell prompt). */
export type EditOp = 'left' | 'right' | 'start' | 'end' | 'deleteForward' | 'killStart' | 'killEnd' | 'killWord';

export type Command =
  | { type: 'up' } | { type: 'down' } | { type: 'pageUp' } | { type: 'pageDown' } | { type: 'home' } | { type: 'end' }
  | { type: 'enter' } | { type: 'back' } | { type: 'quit' } | { type: 'help' } | { type: 'tab' }
  | { type: 'erase' } | { type: 'edit'; op: EditOp } | { type: 'char'; text: string };

export interface KeyOptions {
  /** The field keeps line breaks (the error-message field): a chunk holding one is a paste, never Enter. */
  multiline?: boolean;
  /** The raw sequence Ink read for this key, when known: tells Delete (ESC[3~) from Backspace (0x7f). */
  raw?: string;
}

/** Ctrl+letter on a text field, as readline binds it. */
const CTRL_EDIT: Record<string, EditOp> = {
  a: 'start', e: 'end', b: 'left', f: 'right', d: 'deleteForward', u: 'killStart', k: 'killEnd', w: 'killWord',
};

/**
 * One control character (C0 or DEL) as a key; undefined when it has no meaning here. Used for the
 * characters of a chunk (Ink passes several keys typed in one read as one string).
 */
function controlKey(ch: string, textEntry: boolean): Command | undefined {
  if (ch === '\r' || ch === '\n') return { type: 'enter' };
  if (ch === '\u007f' || ch === '\b') return textEntry ? { type: 'erase' } : { type: 'back' };
  if (ch === '\t') return { type: 'tab' };
  const code = ch.charCodeAt(0);
  if (textEntry && code >= 1 && code <= 26) {
    const op = CTRL_EDIT[String.fromCharCode(code + 96)];
    return op ? { type: 'edit', op } : undefined;
  }
  return undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Turns one key press into a command. On text screens printable keys are text (so q, j, k and ? can
 * be typed) and the editing keys edit; elsewhere printable keys are shortcuts. Ink 6 reports Backspace
 * (0x7f) as key.delete, like the Delete key (ESC[3~): `raw` tells them apart. A line feed is Enter too:
 * keys typed before the terminal is in raw mode arrive with Enter as "\n".
 */
export function toCommand(input: string, key: Key, textEntry: boolean, opts: KeyOptions = {}): Command | undefined {
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  if (key.pageUp) return { type: 'pageUp' };
  if (key.pageDown) return { type: 'pageDown' };
  if (key.home) return textEntry ? { type: 'edit', op: 'start' } : { type: 'home' };
  if (key.end) return textEntry ? { type: 'edit', op: 'end' } : { type: 'end' };
  if (key.return || input === '\n' || input === '\r') return { type: 'enter' };
  if (key.escape) return { type: 'back' };
  if (key.leftArrow) return textEntry ? { type: 'edit', op: 'left' } : { type: 'back' };
  if (key.rightArrow) return textEntry ? { type: 'edit', op: 'right' } : undefined;
  if (key.tab) return { type: 'tab' };
  if (key.delete && opts.raw?.startsWith('\u001b[')) return textEntry ? { type: 'edit', op: 'deleteForward' } : { type: 'back' };
  // Alt+Backspace deletes the word before the caret, as in readline.
  if ((key.backspace || key.delete) && key.meta) return textEntry ? { type: 'edit', op: 'killWord' } : { type: 'back' };
  if (key.backspace || key.delete) return textEntry ? { type: 'erase' } : { type: 'back' };
  if (key.ctrl) {
    const op = textEntry && input.length === 1 ? CTRL_EDIT[input] : undefined;
    return op ? { type: 'edit', op } : undefined;
  }
  if (key.meta) return undefined;
  // A control character is a key or nothing: never text.
  if (input.length === 1 && CONTROL.test(input)) return controlKey(input, textEntry);
  if (textEntry) return input ? { type: 'char', text: input } : undefined;
  switch (input) {
    case 'k': return { type: 'up' };
    case 'j': return { type: 'down' };
    case 'g': return { type: 'home' };
    case 'G': return { type: 'end' };
    case 'q': return { type: 'quit' };
    case '?': return { type: 'help' };
    default: return input ? { type: 'char', text: input } : undefined;
  }
}

/**
 * Several keys can arrive as one chunk (fast typing or key repeat, a slow start, tmux send-keys, a
 * paste). Ink splits escape sequences off but passes a run of plain characters as one string, control
 * characters included, so the chunk is split here into its keys:
 * - elsewhere than a text screen, each character is a key of its own;
 * - on a text screen, runs of printable characters are text and each control character is its key
 *   (Backspace, Ctrl-U, Ctrl-W, …); line breaks inside the chunk are pasted text, and a chunk that ends
 *   in one is the text and then Enter;
 * - in a multi-line field (`multiline`), a chunk with a line break is a paste: all of it is text, its
 *   line breaks kept, and it is never Enter (a console without bracketed paste sends each pasted line
 *   followed by \r).
 */
export function toCommands(input: string, key: Key, textEntry: boolean, opts: KeyOptions = {}): Command[] {
  const plain = input.length > 1 && !key.ctrl && !key.meta && !key.escape;
  if (!plain) {
    const one = toCommand(input, key, textEntry, opts);
    return one ? [one] : [];
  }
  const chars = [...input];
  if (!textEntry) {
    return chars.flatMap((ch) => {
      const c = CONTROL.test(ch) ? controlKey(ch, false) : toCommand(ch, key, false);
      return c ? [c] : [];
    });
  }
  const paste = opts.multiline === true && /[\r\n]/.test(input);
  const trailing = paste ? '' : (/[\r\n]+$/.exec(input)?.[0] ?? '');
  const body = chars.slice(0, chars.length - trailing.length);
  const out: Command[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'char', text });
    text = '';
  };
  for (const ch of body) {
    if (ch === '\r' || ch === '\n' || ch === '\t') text += ch;
    else if (CONTROL.test(ch)) {
      const c = controlKey(ch, true);
      if (c) {
        flush();
        out.push(c);
      }
    } else text += ch;
  }
  flush();
  if (trailing) out.push({ type: 'enter' });
  return out;
}

export interface KeyHelp {
  keys: string;
  does: string;
  /** Listed by `?` only, not in the footer (which must fit 80 columns). */
  helpOnly?: boolean;
}

/** Keys several screens share (each screen lists its own keys next to its key handler). */
export const MOVE: KeyHelp = { keys: '↑↓ j/k', does: 'move' };
export const PAGE: KeyHelp = { keys: 'PgUp/PgDn Home/End', does: 'page, first, last', helpOnly: true };
export const BACK: KeyHelp = { keys: 'Esc', does: 'back' };
export const BACKSPACE: KeyHelp = { keys: 'Backspace ←', does: 'back', helpOnly: true };
export const QUIT: KeyHelp = { keys: 'q', does: 'quit' };
export const HELP: KeyHelp = { keys: '?', does: 'help' };

export const GLOBAL_KEYS: KeyHelp[] = [
  { keys: '?', does: 'show or hide this help (on text screens: Esc first)' },
  { keys: 'q', does: 'quit (asks again while a run is active)' },
  { keys: 'Ctrl+C', does: 'quit at once' },
];
