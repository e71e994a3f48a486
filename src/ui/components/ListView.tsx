import { Box, Text } from 'ink';
import { useLook } from '../context.js';
import { windowStart } from '../layout.js';
import { clean } from '../text.js';

export interface Row {
  key: string;
  text: string;
  /** Rows that can be selected; headings and notes cannot. */
  selectable: boolean;
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
}

/**
 * A list that scrolls (not rotates) around the selected row. The selected row carries the pointer
 * glyph and bold, so it stays visible without colour.
 */
export function ListView(props: { rows: Row[]; selected: number; height: number }) {
  const { theme } = useLook();
  const selectable = props.rows.map((r, i) => (r.selectable ? i : -1)).filter((i) => i >= 0);
  const selRow = selectable[props.selected] ?? -1;
  const start = windowStart(Math.max(0, selRow), props.height, props.rows.length);
  const visible = props.rows.slice(start, start + props.height);
  const more = props.rows.length > props.height;
  return (
    <Box flexDirection="column" aria-role="list">
      {visible.map((r, i) => {
        const on = start + i === selRow;
        const prefix = r.selectable ? `${on ? theme.glyph.pointer : theme.glyph.blank} ` : '';
        const scrollMark = more && i === visible.length - 1 && start + props.height < props.rows.length ? ' ↓' : '';
        return (
          <Box key={r.key} aria-role={r.selectable ? 'listitem' : undefined} aria-state={r.selectable ? { selected: on } : undefined}>
            <Text wrap="truncate-end" color={on ? theme.accent : r.color} bold={on || (r.bold ?? false)} dimColor={!on && (r.dim ?? false)}>
              {/* A screen reader hears "(selected)" from aria-state instead of the pointer glyph. */}
              <Text aria-hidden>{prefix}</Text>
              {clean(r.text) || ' '}
              <Text aria-hidden>{scrollMark}</Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

/** Moves a cursor over n selectable rows for a list command; undefined when the command is not a move. */
export function moveCursor(type: string, cursor: number, n: number, page: number): number | undefined {
  const last = Math.max(0, n - 1);
  switch (type) {
    case 'up': return Math.max(0, cursor - 1);
    case 'down': return Math.min(last, cursor + 1);
    case 'pageUp': return Math.max(0, cursor - page);
    case 'pageDown': return Math.min(last, cursor + page);
    case 'home': return 0;
    case 'end': return last;
    default: return undefined;
  }
}
