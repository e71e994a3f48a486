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

const HEADER_ROWS = 7;

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
  const hint = q.hint ? wrap(q.hint, w.layout.width) : [];
  const rows: Row[] = q.choices.map((c) => ({ key: c.value, text: c.label, selectable: true }));
  return (
    <Frame title={`procedure ${p.id}`} keys="procedure-branch">
      <Line bold>{p.title}</Line>
      <Line dim>{`Question ${n} of ${asked.length}${answerSummary(p, screen.answers) ? ` · so far: ${answerSummary(p, screen.answers)}` : ''}`}</Line>
      <Line> </Line>
      <Line bold>{q.text}</Line>
      {[0, 1].map((i) => <Line key={i} dim>{hint[i] ?? ' '}</Line>)}
      <Line color={w.theme.accent}>{fromRun ?? ' '}</Line>
      <ListView rows={rows} selected={screen.cursor} height={w.layout.body - HEADER_ROWS} />
    </Frame>
  );
}

export function procedureBranchKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, p, q } = m;
  const moved = moveCursor(cmd.type, screen.cursor, q.choices.length, w.layout.body - HEADER_ROWS);
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
