import { Box } from 'ink';
import { useWizard } from '../context.js';
import { clamp } from '../layout.js';
import type { DetailLayout } from '../screens/detail-lines.js';
import { Line } from './Line.js';

/**
 * The scrolled rows of a page that lists steps (a finding's remediation, a procedure): each step's
 * first row carries its done state for a screen reader; a ↓ on the last row says more follows.
 */
export function StepList(props: { layout: DetailLayout; scroll: number; height: number; isDone(step: number): boolean }) {
  const { layout: l, theme } = useWizard();
  const { layout, height } = props;
  const scroll = clamp(props.scroll, 0, layout.lines.length - height);
  const visible = layout.lines.slice(scroll, scroll + height);
  const more = scroll + height < layout.lines.length;
  return (
    <Box flexDirection="column">
      {visible.map((line, i) => (
        <Box key={scroll + i} aria-state={line.step !== undefined && layout.stepStarts[line.step] === scroll + i ? { checked: props.isDone(line.step) } : undefined}>
          <Line color={line.color} bold={line.bold ?? false} dim={line.dim ?? false}>
            {i === visible.length - 1 && more ? `${line.text.slice(0, l.width - 4)} ${theme.glyph.more}` : line.text || ' '}
          </Line>
        </Box>
      ))}
    </Box>
  );
}
