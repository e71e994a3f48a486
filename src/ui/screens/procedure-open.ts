import { newJournal, type Journal } from '../../core/procedures/journal.js';
import { procedureById } from '../../core/procedures/index.js';
import { nextQuestion, relevantAnswers, versionAnswer } from '../../core/procedures/resolve.js';
import type { BranchAnswers, BranchQuestion, Procedure } from '../../core/procedures/types.js';
import type { Wizard } from '../context.js';
import { clean } from '../text.js';
import { errorMessage } from '../error-message.js';

const message = (e: unknown) => errorMessage(e);

/** The installed CCE version of the run that is open, if any. */
export function runVersion(w: Pick<Wizard, 'state'>): string | undefined {
  return w.state.run?.result?.host.cceVersion;
}

/** Where the cursor starts on a question: on the open run's version for a version question. */
export function defaultChoice(q: BranchQuestion, version: string | undefined): number {
  if (!q.fromVersion) return 0;
  const a = versionAnswer(version);
  return Math.max(0, q.choices.findIndex((c) => c.value === a));
}

/** Saves a journal; a failure is shown, never thrown (the steps stay on screen). */
export function persist(w: Wizard, j: Journal): void {
  w.services.journals.save(j).catch((e: unknown) => w.dispatch({ type: 'toast', text: `Progress not saved: ${message(e)}` }));
}

/** Opens a procedure: offers to resume saved progress, else asks the branch questions. */
export function openProcedure(w: Wizard, id: string): void {
  const p = procedureById(id);
  if (!p) return;
  w.services.journals.load(id).then(
    (r) => {
      if (r.status === 'ok') {
        w.dispatch({ type: 'push', screen: { name: 'procedure-resume', procedureId: id, cursor: 0, journal: r.journal } });
        return;
      }
      startProcedure(w, p, 'push');
      if (r.status === 'damaged') {
        const where = r.movedTo ? `; it was moved to ${clean(r.movedTo)}` : '';
        w.dispatch({ type: 'toast', text: `The saved progress of ${id} was damaged (${clean(r.reason)})${where}. Starting over.` });
      }
    },
    (e: unknown) => w.dispatch({ type: 'toast', text: `Cannot read the saved progress of ${id}: ${message(e)}` }),
  );
}

/** Starts from the first branch question (or straight at the steps when there is none). */
export function startProcedure(w: Wizard, p: Procedure, how: 'push' | 'replace'): void {
  const q = nextQuestion(p, {});
  if (q) {
    w.dispatch({ type: how, screen: { name: 'procedure-branch', procedureId: p.id, cursor: defaultChoice(q, runVersion(w)), answers: {} } });
    return;
  }
  finishBranches(w, p, {}, how);
}

/** Every branch is decided: a fresh journal, saved, and the step checklist. */
export function finishBranches(w: Wizard, p: Procedure, answers: BranchAnswers, how: 'push' | 'replace'): void {
  const journal = newJournal(p.id, relevantAnswers(p, answers), new Date());
  persist(w, journal);
  w.dispatch({ type: how, screen: { name: 'procedure', procedureId: p.id, journal, step: 0, scroll: 0 } });
}
