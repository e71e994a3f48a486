import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { procedureById } from '../../core/procedures/index.js';
import { nextQuestion, questionsFor, versionAnswer } from '../../core/procedures/resolve.js';
import type { BranchAnswers, Procedure } from '../../core/procedures/types.js';
import { clean, wrap } from '../text.js';
import { defaultChoice, finishBranches, runVersion } from './procedure-open.js';
import { HELP, QUIT, type KeyHelp } from '../keymap.js';


/** "One appliance · 2.0 or later": the chosen branches, as their labels. */
export function answerSummary(p: Procedure, answers: BranchAnswers): string {
  return questionsFor(p, answers)
    .map((q) => q.choices.find((c) => c.value === answers[q.id])?.label)
    .filter((l): l is string => l !== undefined)
    .join(' · ');
}

function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'procedure-branch') return undefined;
  const p = procedureById(screen.procedureId);
  const q = p && nextQuestion(p, screen.answers);
  return p && q ? { screen, p, q } : undefined;
}

/** The branch questions, one at a time, asked before the steps. */
export function ProcedureBranch() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  const { screen, p, q } = m;
  const asked = questionsFor(p, screen.answers);
  const n = asked.indexOf(q) + 1;
  const version = runVersion(w);
  const fromRun = q.fromVersion && versionAnswer(version) !== undefined ? `The open run's host has CCE ${clean(version ?? '')}: preselected.` : undefined;
  // The hint and the note are wrapped whole (never cut mid-sentence); the choices get the rest.
  const hint = q.hint ? wrap(q.hint, w.layout.width) : [];
  const note = fromRun ? wrap(fromRun, w.layout.width) : [' '];
  const question = wrap(q.text, w.layout.width);
  const head = 3 + question.length + hint.length + note.length;
  const rows: Row[] = q.choices.map((c) => ({ key: c.value, text: c.label, selectable: true }));
  return (
    <Frame title={`procedure ${p.id}`}>
      <Line bold>{p.title}</Line>
      <Line dim>{`Question ${n} of ${asked.length}${answerSummary(p, screen.answers) ? ` ${w.theme.glyph.sep} so far: ${answerSummary(p, screen.answers)}` : ''}`}</Line>
      <Line> </Line>
      {question.map((l, i) => <Line key={`q${i}`} bold>{l}</Line>)}
      {hint.map((l, i) => <Line key={`h${i}`} dim>{l}</Line>)}
      {note.map((l, i) => <Line key={`n${i}`} color={w.theme.accent}>{l}</Line>)}
      <ListView rows={rows} selected={screen.cursor} height={Math.max(1, w.layout.body - head)} />
    </Frame>
  );
}

export function procedureBranchKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, p, q } = m;
  const moved = moveCursor(cmd.type, screen.cursor, q.choices.length, Math.max(1, w.layout.body - 7));
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'procedure-branch', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type === 'enter') {
    const choice = q.choices[screen.cursor];
    if (!choice) return true;
    const answers = { ...screen.answers, [q.id]: choice.value };
    const next = nextQuestion(p, answers);
    if (next) w.dispatch({ type: 'patch', name: 'procedure-branch', patch: { answers, cursor: defaultChoice(next, runVersion(w)) } });
    else finishBranches(w, p, answers, 'replace');
    return true;
  }
  if (cmd.type === 'back') {
    // Esc goes to the previous question; on the first one it leaves.
    const answered = questionsFor(p, screen.answers).filter((x) => x.id in screen.answers);
    const last = answered[answered.length - 1];
    if (!last) return false;
    const { [last.id]: _dropped, ...answers } = screen.answers;
    w.dispatch({ type: 'patch', name: 'procedure-branch', patch: { answers, cursor: Math.max(0, last.choices.findIndex((c) => c.value === screen.answers[last.id])) } });
    return true;
  }
  return false;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const procedureBranchKeys: readonly KeyHelp[] = [{ keys: '↑↓ j/k', does: 'choose' }, { keys: 'Enter', does: 'answer' }, { keys: 'Esc', does: 'previous question' }, HELP, QUIT];
