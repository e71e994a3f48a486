import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { StepList } from '../components/StepList.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { stepLetter, stepPageNavigation } from './step-list-keys.js';
import { useStepInView } from '../hooks/useStepInView.js';
import { procedureById } from '../../core/procedures/index.js';
import { toggleDone, type Journal } from '../../core/procedures/journal.js';
import { resolveSteps } from '../../core/procedures/resolve.js';
import { answerSummary } from './ProcedureBranch.js';
import { scrollToStep } from './detail-lines.js';
import { doneCount, procedureLines } from './procedure-lines.js';
import { persist } from './procedure-open.js';

const HEADER_ROWS = 3;

function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'procedure') return undefined;
  const p = procedureById(screen.procedureId);
  if (!p) return undefined;
  const steps = resolveSteps(p, screen.journal.answers);
  const layout = procedureLines(steps, screen.journal, screen.step, w.layout.width, w.theme);
  return { screen, p, steps, layout, height: Math.max(1, w.layout.body - HEADER_ROWS) };
}

/** The steps of one procedure for the chosen branches: a checklist whose progress is saved on every change. */
export function ProcedureSteps() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  return <ProcedurePage w={w} m={m} />;
}

function ProcedurePage({ w, m }: { w: Wizard; m: NonNullable<ReturnType<typeof model>> }) {
  const { screen, p, steps, layout, height } = m;
  useStepInView(w, 'procedure', layout, screen.step, screen.scroll, height);
  const j = screen.journal;
  const done = doneCount(steps, j);
  const summary = answerSummary(p, j.answers);
  return (
    <Frame title={`procedure ${p.id}`}>
      <Line bold>{p.title}</Line>
      <Line dim>{summary ? `Branch: ${summary}` : `From: ${p.source}`}</Line>
      <Line color={done === steps.length ? w.theme.ok : undefined}>{`${done} of ${steps.length} steps done${done === steps.length ? ': all done' : ''}. ccdoctor never runs these commands itself.`}</Line>
      <StepList layout={layout} scroll={screen.scroll} height={height} isDone={(i) => j.done[steps[i]?.id ?? ''] !== undefined} />
    </Frame>
  );
}

/** The patch that stores a changed journal and keeps the selected step in view (a note or a done time adds rows). */
export function journalPatch(w: Wizard, screen: { procedureId: string; step: number; scroll: number }, journal: Journal): { journal: Journal; scroll: number } {
  const p = procedureById(screen.procedureId);
  if (!p) return { journal, scroll: screen.scroll };
  const layout = procedureLines(resolveSteps(p, journal.answers), journal, screen.step, w.layout.width, w.theme);
  return { journal, scroll: scrollToStep(layout, screen.step, screen.scroll, Math.max(1, w.layout.body - HEADER_ROWS)) };
}

export function procedureKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, steps, layout, height } = m;
  const layoutAt = (step: number) => procedureLines(steps, screen.journal, step, w.layout.width, w.theme);
  if (stepPageNavigation(cmd, w, { name: 'procedure', count: steps.length, step: screen.step, scroll: screen.scroll, height, lineCount: layout.lines.length, layoutAt })) return true;
  const text = stepLetter(cmd);
  const step = steps[screen.step];
  if (text === undefined || !step) return false;
  if (text === ' ') {
    const journal = toggleDone(screen.journal, step.id, new Date());
    w.dispatch({ type: 'patch', name: 'procedure', patch: journalPatch(w, screen, journal) });
    persist(w, journal);
    if (doneCount(steps, journal) === steps.length) w.dispatch({ type: 'toast', text: 'All steps done. The progress stays saved until you start over.' });
    return true;
  }
  if (text === 'c' && step.command) {
    w.actions.copyCommand(step.command, `step ${screen.step + 1}`);
    return true;
  }
  if (text === 'n') {
    w.dispatch({ type: 'push', screen: { name: 'procedure-note', procedureId: screen.procedureId, stepId: step.id, input: screen.journal.notes[step.id] ?? '' } });
    return true;
  }
  return false;
}

/** The keys of this screen (c only on a step with a command). */
export function procedureKeys(w: Wizard): readonly KeyHelp[] {
  const m = model(w);
  const step = m?.steps[m.screen.step];
  return [
    { keys: '↑↓', does: 'step' }, { keys: 'Space', does: 'done' }, { keys: 'x Enter', does: 'mark step done (again: undo)', helpOnly: true },
    ...(step?.command ? [{ keys: 'c', does: 'copy command' }] : []), { keys: 'n', does: 'note' },
    { keys: 'PgUp/PgDn Home/End', does: 'scroll, first, last', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT,
  ];
}
