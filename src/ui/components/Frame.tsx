import { Box } from 'ink';
import type { ReactNode } from 'react';
import { useLook, type WizardLook } from '../context.js';
import type { KeyHelp } from '../keymap.js';
import { layoutFor, type Size } from '../layout.js';
import type { WizardState } from '../state/wizard.js';
import { wrap } from '../text.js';
import { Line } from './Line.js';

/**
 * Title row, the screen's body (exactly layout.body rows), the status (one row, two when a message
 * needs them) and the key hints (one row, two at a narrow width): see chromeRows.
 */
export function Frame(props: { title: string; children: ReactNode }) {
  const { layout, theme, state, chrome } = useLook();
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Line bold color={theme.accent}>{`ccdoctor ${theme.glyph.sep} ${props.title}`}</Line>
      <Box flexDirection="column" height={layout.body} overflow="hidden">
        {props.children}
      </Box>
      {chrome.status.map((l, i) => <Line key={`s${i}`} color={state.quitArmed ? theme.danger : theme.accent} bold={state.quitArmed}>{l || ' '}</Line>)}
      <Box aria-hidden flexDirection="column">
        {chrome.hints.map((l, i) => <Line key={`h${i}`} dim>{l}</Line>)}
      </Box>
    </Box>
  );
}

/** The footer's key hints as rows of at most `width` columns (at most two; a hint is never split). */
export function hintRows(keys: readonly KeyHelp[], width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const k of keys.filter((x) => !x.helpOnly).map((x) => `${x.keys} ${x.does}`)) {
    if (row && row.length + 2 + k.length > width) {
      rows.push(row);
      row = k;
    } else row = row ? `${row}  ${k}` : k;
  }
  rows.push(row);
  return rows.slice(0, 2);
}

/** The status message as one or two rows (a path in it is wrapped, not cut). */
export function statusRows(text: string | undefined, width: number): string[] {
  if (!text) return [''];
  return wrap(text, width).slice(0, 2);
}

/** The layout and the chrome rows of a frame: the status and the hints take one or two rows each, the body what is left. */
export function frameLook(size: Size, state: WizardState, keys: readonly KeyHelp[]): Pick<WizardLook, 'layout' | 'chrome'> {
  const width = layoutFor(size).width;
  const chrome = { status: statusRows(state.quitArmed ? 'A run is active: press q again to quit, any other key to stay.' : state.toast, width), hints: hintRows(keys, width) };
  return { layout: layoutFor(size, { status: chrome.status.length, hints: chrome.hints.length }), chrome };
}
