import { Box, Text } from 'ink';
import { useWizard } from '../context.js';
import { stripControl } from '../../core/text/sanitize.js';
import { fit } from '../text.js';

/** A one-line text entry: label, the value (its tail when long) and a cursor glyph. */
export function TextField(props: { label: string; value: string; placeholder?: string }) {
  const { theme, layout } = useWizard();
  const room = Math.max(10, layout.width - props.label.length - 4);
  const shown = props.value.length > room ? `…${props.value.slice(-(room - 1))}` : props.value;
  return (
    <Box aria-label={`${props.label} ${props.value}`}>
      <Text wrap="truncate-end">
        <Text bold>{`${props.label} `}</Text>
        {props.value ? <Text>{fit(shown, room)}</Text> : <Text dimColor>{props.placeholder ?? ''}</Text>}
        <Text color={theme.accent}>{theme.glyph.cursor}</Text>
      </Text>
    </Box>
  );
}

/** Applies a text command to a field value; undefined when the command is not text editing. */
export function editText(value: string, cmd: { type: string; text?: string }): string | undefined {
  if (cmd.type === 'erase') return value.slice(0, -1);
  // Pasted text arrives as one chunk; keep it on one line (newlines become spaces).
  if (cmd.type === 'char' && cmd.text) return value + stripControl(cmd.text).replace(/[\r\n\t]+/g, ' ');
  return undefined;
}
