import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import type { WizardState } from '../state/wizard.js';
import { wrap } from '../text.js';
import { answerQuestion, checklistProgress, checklistStatus, sessionStore, skipQuestion, undoAnswer, type ChecklistSession } from '../../core/checklist/session.js';
import { checklistHostName } from '../../core/checklist/run.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

export function Checklist(props: { screen: ScreenOf<'checklist'> }) {
  const w = useWizard();
  const screen = props.screen;
  const session = w.state.checklist;
  if (!session) return null;
  const st = checklistStatus(session);
  const q = st.next;
  if (!q) return null;
  const spec = q.spec;
  const cl = spec.checklist!;
  const question = wrap(cl.question, w.layout.width);
  const head = [...question, ...(cl.help ? wrap(`How to find out: ${cl.help}`, w.layout.width) : [])];
  const choices: Row[] = (cl.choices ?? []).map((c) => ({ key: c.value, text: c.label, selectable: true }));
  const error = screen.error ? wrap(screen.error, w.layout.width) : [];
  const used = 2 + head.length + 1 + error.length;
  return (
    <Frame title={`checklist: ${checklistProgress(st)}`}>
      <Line dim>{`${spec.title} ${w.theme.glyph.sep} needed by ${q.neededBy.join(', ')}${q.optional ? ' (optional)' : ''}`}</Line>
      <Line> </Line>
      <Box flexDirection="column">
        {head.map((l, i) => <Line key={i} bold={i < question.length}>{l}</Line>)}
      </Box>
      <Line> </Line>
      {choices.length ? (
        <ListView rows={choices} selected={screen.cursor} height={Math.max(1, w.layout.body - used)} />
      ) : (
        <TextField label="Answer:" value={screen.input} caret={screen.caret} placeholder="type the answer (Tab: I don't know)" />
      )}
      {error.map((l, i) => <Line key={`e${i}`} color={w.theme.danger} bold>{l}</Line>)}
    </Frame>
  );
}

function advance(w: Wizard, session: ChecklistSession) {
  w.dispatch({ type: 'checklist', session });
  const next = checklistStatus(session).next;
  if (next) {
    w.dispatch({ type: 'patch', name: 'checklist', patch: { cursor: 0, input: '', caret: undefined, error: undefined } });
    return;
  }
  const store = sessionStore(session);
  w.dispatch({ type: 'replace', screen: { name: 'run' } });
  w.actions.startRun({ kind: 'checklist', store, host: checklistHostName(store), rules: session.rules });
}

/** A question with fixed choices takes no typing: j/k (and the other letter keys) keep their meaning there. */
export function checklistTakesText(state: WizardState): boolean {
  const q = state.checklist ? checklistStatus(state.checklist).next : undefined;
  return (q?.spec.checklist?.choices?.length ?? 0) === 0;
}

export function checklistKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const session = w.state.checklist;
  if (screen.name !== 'checklist' || !session) return false;
  const q = checklistStatus(session).next;
  if (!q) return false;
  const choices = q.spec.checklist!.choices ?? [];
  if (cmd.type === 'back') {
    if (session.answers.length === 0) return false;
    w.dispatch({ type: 'checklist', session: undoAnswer(session) });
    w.dispatch({ type: 'patch', name: 'checklist', patch: { cursor: 0, input: '', caret: undefined, error: undefined } });
    return true;
  }
  if (cmd.type === 'tab') {
    const r = skipQuestion(session, q.fact);
    if (r.ok) advance(w, r.session);
    return true;
  }
  if (choices.length === 0) {
    const edited = editField(screen, cmd);
    if (edited !== undefined) {
      w.dispatch({ type: 'patch', name: 'checklist', patch: { ...edited, error: undefined } });
      return true;
    }
  } else {
    const moved = moveCursor(cmd.type, screen.cursor, choices.length, 5);
    if (moved !== undefined) {
      w.dispatch({ type: 'patch', name: 'checklist', patch: { cursor: moved } });
      return true;
    }
  }
  if (cmd.type !== 'enter') return false;
  const text = choices.length ? choices[screen.cursor]?.value ?? '' : screen.input;
  const r = answerQuestion(session, q.fact, text);
  if (!r.ok) {
    w.dispatch({ type: 'patch', name: 'checklist', patch: { error: r.error } });
    return true;
  }
  advance(w, r.session);
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const checklistKeys: readonly KeyHelp[] = [{ keys: 'Enter', does: 'answer' }, { keys: '↑↓ j/k', does: 'choose' }, { keys: 'Tab', does: "don't know" }, { keys: 'Esc', does: 'previous question' }];
