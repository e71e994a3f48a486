import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { useWizard } from '../context.js';
import { GLOBAL_KEYS } from '../keymap.js';
import { type KeyHelp } from '../keymap.js';

/** The keys of the screen underneath, then the keys that work everywhere. */
export function Help(props: { screen: string; keys: readonly KeyHelp[] }) {
  const { layout } = useWizard();
  const keys = props.keys;
  const width = Math.max(...[...keys, ...GLOBAL_KEYS].map((k) => k.keys.length));
  const lines = [
    { text: `Keys on this screen (${props.screen})`, bold: true },
    ...keys.map((k) => ({ text: `  ${k.keys.padEnd(width)}  ${k.does}`, bold: false })),
    { text: '', bold: false },
    { text: 'Everywhere', bold: true },
    ...GLOBAL_KEYS.map((k) => ({ text: `  ${k.keys.padEnd(width)}  ${k.does}`, bold: false })),
    { text: '', bold: false },
    { text: 'Press ? or Esc to close this help.', bold: false },
  ];
  return (
    <Frame title="help">
      <Box flexDirection="column">
        {lines.slice(0, layout.body).map((l, i) => <Line key={i} bold={l.bold}>{l.text || ' '}</Line>)}
      </Box>
    </Frame>
  );
}

/** The keys of the help screen. */
export const helpKeys: readonly KeyHelp[] = [{ keys: '? Esc', does: 'close help' }, { keys: 'q', does: 'quit' }];
