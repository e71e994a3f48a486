import type { Key } from 'ink';

export type Command =
  | { type: 'up' } | { type: 'down' } | { type: 'pageUp' } | { type: 'pageDown' } | { type: 'home' } | { type: 'end' }
  | { type: 'enter' } | { type: 'back' } | { type: 'quit' } | { type: 'help' } | { type: 'tab' }
  | { type: 'erase' } | { type: 'char'; text: string };

/**
 * Turns one key press into a command. On text screens printable keys are text (so q, j, k and ? can
 * be typed); elsewhere they are shortcuts. Ink 6 reports Backspace (0x7f) as key.delete.
 */
export function toCommand(input: string, key: Key, textEntry: boolean): Command | undefined {
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  if (key.pageUp) return { type: 'pageUp' };
  if (key.pageDown) return { type: 'pageDown' };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.return) return { type: 'enter' };
  if (key.escape) return { type: 'back' };
  if (key.leftArrow) return textEntry ? undefined : { type: 'back' };
  if (key.tab) return { type: 'tab' };
  if (key.backspace || key.delete) return textEntry ? { type: 'erase' } : { type: 'back' };
  if (key.ctrl || key.meta) return undefined;
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
 * Several keys can arrive as one chunk (fast typing, tmux send-keys, a paste). Ink splits escape
 * sequences but not plain characters, so: on a text screen a chunk ending in Enter is the text and
 * then Enter; elsewhere each character is a key of its own.
 */
export function toCommands(input: string, key: Key, textEntry: boolean): Command[] {
  const plain = input.length > 1 && !key.ctrl && !key.meta && !key.escape;
  if (plain && textEntry && /[\r\n]$/.test(input)) {
    const text = input.replace(/[\r\n]+$/, '');
    return [...(text ? [{ type: 'char' as const, text }] : []), { type: 'enter' }];
  }
  if (plain && !textEntry) {
    return [...input].flatMap((ch) => {
      const c = ch === '\r' ? ({ type: 'enter' } as const) : toCommand(ch, key, false);
      return c ? [c] : [];
    });
  }
  const one = toCommand(input, key, textEntry);
  return one ? [one] : [];
}

export interface KeyHelp {
  keys: string;
  does: string;
  /** Listed by `?` only, not in the footer (which must fit 80 columns). */
  helpOnly?: boolean;
}

const MOVE: KeyHelp = { keys: '↑↓ j/k', does: 'move' };
const PAGE: KeyHelp = { keys: 'PgUp/PgDn Home/End', does: 'page, first, last', helpOnly: true };
const BACK: KeyHelp = { keys: 'Esc', does: 'back' };
const BACKSPACE: KeyHelp = { keys: 'Backspace ←', does: 'back', helpOnly: true };
const QUIT: KeyHelp = { keys: 'q', does: 'quit' };
const HELP: KeyHelp = { keys: '?', does: 'help' };

/** The keys of each screen: the footer shows them and `?` lists them. */
export const SCREEN_KEYS: Record<string, KeyHelp[]> = {
  home: [MOVE, { keys: 'Enter', does: 'open' }, HELP, QUIT],
  open: [{ keys: 'type', does: 'a path' }, { keys: '↑↓', does: 'move' }, { keys: 'Enter', does: 'open' }, { keys: 'Esc', does: 'back' }],
  symptoms: [{ keys: 'type', does: 'filter' }, { keys: '↑↓', does: 'move' }, { keys: 'PgUp/PgDn', does: 'page' }, { keys: 'Enter', does: 'details' }, { keys: 'Esc', does: 'back' }],
  rule: [{ keys: '↑↓ PgUp/PgDn', does: 'scroll' }, BACK, BACKSPACE, HELP, QUIT],
  run: [{ keys: 'Esc c', does: 'cancel (keeps partial results)' }, { keys: 'q', does: 'quit (asks again)' }, HELP],
  findings: [MOVE, PAGE, { keys: 'Enter', does: 'open' }, { keys: 's', does: 'save answers (checklist runs)', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT],
  detail: [{ keys: '↑↓', does: 'step' }, { keys: 'Space', does: 'done' }, { keys: 'x', does: 'mark step done', helpOnly: true }, { keys: 'v', does: 'verify' }, { keys: 'p', does: 'open the guided procedure (when the finding names one)', helpOnly: true }, { keys: 'PgUp/PgDn Home/End', does: 'scroll', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT],
  'checklist-pick': [{ keys: 'type', does: 'filter' }, { keys: '↑↓', does: 'move' }, { keys: 'Enter', does: 'start' }, { keys: 'Esc', does: 'back' }],
  checklist: [{ keys: 'Enter', does: 'answer' }, { keys: '↑↓ j/k', does: 'choose' }, { keys: 'Tab', does: "don't know" }, { keys: 'Esc', does: 'previous question' }],
  save: [{ keys: 'type', does: 'a file name' }, { keys: 'Enter', does: 'save' }, { keys: 'Esc', does: 'back' }],
  help: [{ keys: '? Esc', does: 'close help' }, { keys: 'q', does: 'quit' }],
  explain: [{ keys: 'paste', does: 'the error' }, { keys: 'Enter', does: 'explain, then open' }, { keys: '↑↓', does: 'move' }, { keys: 'Esc', does: 'back' }],
  procedures: [MOVE, { keys: 'Enter', does: 'open' }, BACK, BACKSPACE, HELP, QUIT],
  'procedure-resume': [MOVE, { keys: 'Enter', does: 'choose' }, BACK, BACKSPACE, HELP, QUIT],
  'procedure-branch': [{ keys: '↑↓ j/k', does: 'choose' }, { keys: 'Enter', does: 'answer' }, { keys: 'Esc', does: 'previous question' }, HELP, QUIT],
  procedure: [{ keys: '↑↓', does: 'step' }, { keys: 'Space', does: 'done' }, { keys: 'x Enter', does: 'mark step done (again: undo)', helpOnly: true }, { keys: 'n', does: 'note' }, { keys: 'PgUp/PgDn Home/End', does: 'scroll, first, last', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT],
  'procedure-note': [{ keys: 'type', does: 'a note' }, { keys: 'Enter', does: 'save' }, { keys: 'Esc', does: 'back' }],
};

export const GLOBAL_KEYS: KeyHelp[] = [
  { keys: '?', does: 'show or hide this help (on text screens: Esc first)' },
  { keys: 'q', does: 'quit (asks again while a run is active)' },
  { keys: 'Ctrl+C', does: 'quit at once' },
];
