import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useWizard } from '../context.js';
import { SCREEN_KEYS } from '../keymap.js';
import { Line } from './Line.js';

/** Title row, the screen's body (exactly layout.body rows), a status row and the key hints. */
export function Frame(props: { title: string; keys: string; children: ReactNode }) {
  const { layout, theme, state } = useWizard();
  const hints = (SCREEN_KEYS[props.keys] ?? []).filter((k) => !k.helpOnly).map((k) => `${k.keys} ${k.does}`).join('  ');
  const status = state.quitArmed ? 'A run is active: press q again to quit, any other key to stay.' : state.toast;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Line bold color={theme.accent}>{`ccdoctor ${theme.glyph.sep} ${props.title}`}</Line>
      <Box flexDirection="column" height={layout.body} overflow="hidden">
        {props.children}
      </Box>
      <Line color={state.quitArmed ? theme.danger : theme.accent} bold={state.quitArmed}>{status ?? ''}</Line>
      <Box aria-hidden>
        <Text wrap="truncate-end" dimColor>{hints}</Text>
      </Box>
    </Box>
  );
}
