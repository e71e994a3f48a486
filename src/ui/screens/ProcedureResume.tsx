import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { procedureById } from '../../core/procedures/index.js';
import { nextQuestion, resolveSteps } from '../../core/procedures/resolve.js';
import { answerSummary } from './ProcedureBranch.js';
import { doneCount, shortTime } from './procedure-lines.js';
import { startProcedure } from './procedure-open.js';
import { BACK, BACKSPACE, HELP, MOVE, QUIT, type KeyHelp } from '../keymap.js';

function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'procedure-resume') return undefined;
  const p = procedureById(screen.procedureId);
  return p ? { screen, p } : undefined;
}

/** A procedure with saved progress: resume it where it stopped, or start over. */
export function ProcedureResume() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  const { screen, p } = m;
  const j = screen.journal;
  const steps = resolveSteps(p, j.answers);
  const rows: Row[] = [
    { key: 'resume', text: `Resume (${doneCount(steps, j)} of ${steps.length} steps done)`, selectable: true },
    { key: 'over', text: 'Start over (answer the questions again; the saved progress is replaced)', selectable: true },
  ];
  const summary = answerSummary(p, j.answers);
  return (
    <Frame title={`procedure ${p.id}`}>
      <Line bold>{p.title}</Line>
      <Line>{`Saved progress: started ${shortTime(j.startedAt)}, last change ${shortTime(j.updatedAt)}.`}</Line>
      <Line dim>{summary ? `Branch: ${summary}` : ' '}</Line>
      <Line> </Line>
      <ListView rows={rows} selected={screen.cursor} height={2} />
    </Frame>
  );
}

export function procedureResumeKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, p } = m;
  const moved = moveCursor(cmd.type, screen.cursor, 2, 1);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'procedure-resume', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  if (screen.cursor === 0 && nextQuestion(p, screen.journal.answers)) {
    // Saved by an older ccdoctor whose questions differed: the branch cannot be resolved from it.
    startProcedure(w, p, 'replace');
    w.dispatch({ type: 'toast', text: 'The saved answers do not decide every branch of this procedure: answer the questions again.' });
  } else if (screen.cursor === 0) {
    const steps = resolveSteps(p, screen.journal.answers);
    const first = Math.max(0, steps.findIndex((s) => screen.journal.done[s.id] === undefined));
    w.dispatch({ type: 'replace', screen: { name: 'procedure', procedureId: p.id, journal: screen.journal, step: first, scroll: 0 } });
  } else {
    startProcedure(w, p, 'replace');
  }
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const procedureResumeKeys: readonly KeyHelp[] = [MOVE, { keys: 'Enter', does: 'choose' }, BACK, BACKSPACE, HELP, QUIT];
