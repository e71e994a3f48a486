import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { clean, wrap } from '../text.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

export function Save(props: { screen: ScreenOf<'save'> }) {
  const w = useWizard();
  const screen = props.screen;
  return (
    <Frame title="save the answers as a snapshot">
      {wrap(`The answers are written as a ccdoctor snapshot (collector mode checklist) in ${clean(w.services.cwd)}`, w.layout.width).map((l, i) => <Line key={`f${i}`}>{l}</Line>)}
      {wrap('Open it again later with "Open a snapshot file…" or ccdoctor check --snapshot FILE.', w.layout.width).map((l, i) => <Line key={`o${i}`} dim>{l}</Line>)}
      <Line> </Line>
      <TextField label="File:" value={screen.input} caret={screen.caret} />
      {screen.error ? wrap(screen.error, w.layout.width).map((l, i) => <Line key={`e${i}`} color={w.theme.danger} bold>{l}</Line>) : null}
    </Frame>
  );
}

export function saveKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'save') return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'save', patch: { ...edited, error: undefined } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  if (!screen.input.trim()) {
    w.dispatch({ type: 'patch', name: 'save', patch: { error: 'type a file name' } });
    return true;
  }
  w.actions.saveChecklist(screen.input.trim());
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const saveKeys: readonly KeyHelp[] = [{ keys: 'type', does: 'a file name' }, { keys: 'Enter', does: 'save' }, { keys: 'Esc', does: 'back' }];
