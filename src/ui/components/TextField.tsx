import { Box, Text } from 'ink';
import { useWizard } from '../context.js';
import { stripControl } from '../../core/text/sanitize.js';
import { clean } from '../text.js';

/**
 * A one-line text entry: label, the value and a cursor glyph at the caret (`caret` is an index into
 * the value; at its end when left out). A long value shows the part around the caret; line breaks (a
 * multi-line paste) show as ⏎.
 */
export function TextField(props: { label: string; value: string; caret?: number; placeholder?: string }) {
  const { theme, layout } = useWizard();
  const room = Math.max(10, layout.width - props.label.length - 4);
  const at = caretOf(props);
  let before = clean(props.value.slice(0, at));
  let after = clean(props.value.slice(at));
  if (before.length + after.length > room) {
    // Keep the caret in view: after it, what the text before it leaves (at least a third of the room).
    const tail = Math.max(Math.floor(room / 3), room - before.length);
    if (after.length > tail) after = `${after.slice(0, tail - 1)}…`;
    const head = room - after.length;
    if (before.length > head) before = `…${before.slice(-(head - 1))}`;
  }
  return (
    <Box aria-label={`${props.label} ${props.value}`}>
      <Text wrap="truncate-end">
        <Text bold>{`${props.label} `}</Text>
        {props.value ? <Text>{before}</Text> : <Text dimColor>{props.placeholder ?? ''}</Text>}
        <Text color={theme.accent}>{theme.glyph.cursor}</Text>
        {props.value && after ? <Text>{after}</Text> : null}
      </Text>
    </Box>
  );
}

/** A text field's state: its value and the caret (an index into the value; at the end when undefined). */
export interface FieldState {
  input: string;
  caret?: number;
}

function caretOf(f: { value?: string; input?: string; caret?: number }): number {
  const v = f.value ?? f.input ?? '';
  return f.caret === undefined ? v.length : Math.max(0, Math.min(v.length, f.caret));
}

/** Where the word before `at` starts: back over spaces, then over the word (readline's Ctrl-W). */
function wordStart(v: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(v[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(v[i - 1]!)) i--;
  return i;
}

/** The length of the character (one or two UTF-16 units) before / after `at`. */
const unitBefore = (v: string, at: number) => (at >= 2 && /[\uDC00-\uDFFF]/.test(v[at - 1]!) && /[\uD800-\uDBFF]/.test(v[at - 2]!) ? 2 : 1);
const unitAfter = (v: string, at: number) => (/[\uD800-\uDBFF]/.test(v[at] ?? '') && /[\uDC00-\uDFFF]/.test(v[at + 1] ?? '') ? 2 : 1);

/**
 * Applies a text-editing command to a field: typed or pasted text goes in at the caret, Backspace,
 * Delete, Ctrl-U/K/W delete, the caret keys move. Undefined when the command is not text editing.
 * Control characters never go in; line breaks become spaces, except in a `multiline` field, which
 * keeps them (as \n).
 */
export function editField(field: FieldState, cmd: { type: string; text?: string; op?: string }, opts: { multiline?: boolean } = {}): { input: string; caret: number } | undefined {
  const v = field.input;
  const at = caretOf(field);
  const put = (input: string, caret: number) => ({ input, caret });
  if (cmd.type === 'erase') return at === 0 ? put(v, 0) : put(v.slice(0, at - unitBefore(v, at)) + v.slice(at), at - unitBefore(v, at));
  if (cmd.type === 'char') {
    if (!cmd.text) return undefined;
    const lines = cmd.text.replace(/\r\n?/g, '\n');
    // stripControl shows the control characters it meets (as ␀…␟, ␡, U+FFFD): in a field, a key is never text.
    const text = stripControl(lines).replace(/[\u2400-\u241f\u2421\uFFFD]/g, '');
    const typed = opts.multiline ? text.replace(/\t/g, ' ') : text.replace(/[\n\t]+/g, ' ');
    return put(v.slice(0, at) + typed + v.slice(at), at + typed.length);
  }
  if (cmd.type !== 'edit') return undefined;
  switch (cmd.op) {
    case 'left': return put(v, Math.max(0, at - (at > 0 ? unitBefore(v, at) : 0)));
    case 'right': return put(v, Math.min(v.length, at + (at < v.length ? unitAfter(v, at) : 0)));
    case 'start': return put(v, 0);
    case 'end': return put(v, v.length);
    case 'deleteForward': return at >= v.length ? put(v, at) : put(v.slice(0, at) + v.slice(at + unitAfter(v, at)), at);
    case 'killStart': return put(v.slice(at), 0);
    case 'killEnd': return put(v.slice(0, at), at);
    case 'killWord': {
      const from = wordStart(v, at);
      return put(v.slice(0, from) + v.slice(at), from);
    }
    default: return undefined;
  }
}

/** Applies a text command to a value, the caret at its end (the one-line form of editField). */
export function editText(value: string, cmd: { type: string; text?: string; op?: string }): string | undefined {
  return editField({ input: value }, cmd)?.input;
}
