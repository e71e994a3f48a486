import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { setNote } from '../../core/procedures/journal.js';
import { procedureById } from '../../core/procedures/index.js';
import { clean } from '../text.js';
import { persist } from './procedure-open.js';
import { journalPatch } from './ProcedureSteps.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

/** A one-line note on a step (a ticket number, who did it, what was seen), saved with the progress. */
export function ProcedureNote(props: { screen: ScreenOf<'procedure-note'> }) {
  const w = useWizard();
  const screen = props.screen;
  const step = procedureById(screen.procedureId)?.steps.find((s) => s.id === screen.stepId);
  return (
    <Frame title={`note on ${screen.procedureId}`}>
      <Line bold>{clean(step?.title ?? screen.stepId)}</Line>
      <Line dim>Saved with the progress. An empty note removes it.</Line>
      <Line> </Line>
      <TextField label="Note:" value={screen.input} caret={screen.caret} />
    </Frame>
  );
}

export function procedureNoteKey(cmd: Command, w: Wizard): boolean {
  const { stack } = w.state;
  const screen = stack[stack.length - 1]!;
  if (screen.name !== 'procedure-note') return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'procedure-note', patch: { input: edited.input.slice(0, 2000), caret: Math.min(edited.caret, 2000) } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const below = stack[stack.length - 2];
  w.dispatch({ type: 'back' });
  if (below?.name === 'procedure') {
    const journal = setNote(below.journal, screen.stepId, screen.input, new Date());
    w.dispatch({ type: 'patch', name: 'procedure', patch: journalPatch(w, below, journal) });
    persist(w, journal);
  }
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const procedureNoteKeys: readonly KeyHelp[] = [{ keys: 'type', does: 'a note' }, { keys: 'Enter', does: 'save' }, { keys: 'Esc', does: 'back' }];
