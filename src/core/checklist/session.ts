import { FactStore } from '../facts/store.js';
import type { FactSpec, FactValue } from '../facts/types.js';
import type { Rule } from '../rules/types.js';
import { planQuestions, type PlannedQuestion } from './plan.js';

/**
 * An offline checklist in progress: the rules chosen and the operator's answers so far. Immutable:
 * every step returns a new session, so a UI can keep it in state and go back.
 */
export interface ChecklistSession {
  readonly rules: readonly Rule<any, any>[];
  readonly specs: ReadonlyMap<string, FactSpec<any>>;
  /** Answers in the order given (the last one is undone first). */
  readonly answers: readonly FactValue[];
}

export function startChecklist(rules: readonly Rule<any, any>[], specs: ReadonlyMap<string, FactSpec<any>>): ChecklistSession {
  if (rules.length === 0) throw new Error('a checklist needs at least one rule');
  return { rules, specs, answers: [] };
}

export function sessionStore(s: ChecklistSession): FactStore {
  const store = new FactStore(s.specs);
  for (const a of s.answers) store.set(a);
  return store;
}

export interface ChecklistStatus {
  /** The next question, or undefined when every relevant fact has an answer. */
  next: PlannedQuestion | undefined;
  answered: number;
  /** Questions still to ask with the answers given so far (later answers may remove some). */
  remaining: number;
}

/**
 * The question counter: "question 2 (about 3 more)". Not "2 of 5": the plan follows the answers (the
 * version drops the rules that do not apply, a derived fact that is still unknown asks its fallbacks),
 * so the total can shrink and grow as the operator answers, and an "N of M" counter would jump.
 */
export function checklistProgress(st: ChecklistStatus): string {
  const more = st.remaining - 1;
  return `question ${st.answered + 1} (${more > 0 ? `about ${more} more` : 'last so far'})`;
}

export function checklistStatus(s: ChecklistSession): ChecklistStatus {
  const store = sessionStore(s);
  const plan = planQuestions(s.rules, s.specs, store);
  const open = plan.filter((q) => !store.has(q.fact));
  return { next: open[0], answered: s.answers.length, remaining: open.length };
}

export type AnswerResult = { ok: true; session: ChecklistSession } | { ok: false; error: string };

/**
 * Validates an answer with the fact's answer schema and turns it into the fact's value, recorded
 * with provenance 'operator' (the question is the reference).
 */
export function answerQuestion(s: ChecklistSession, factId: string, text: string, now = new Date()): AnswerResult {
  const spec = s.specs.get(factId);
  const q = spec?.checklist;
  if (!spec || !q) return { ok: false, error: `fact ${factId} has no checklist question` };
  if (q.choices && !q.choices.some((c) => c.value === text)) {
    return { ok: false, error: `pick one of: ${q.choices.map((c) => c.label).join(', ')}` };
  }
  const parsed = q.answer.safeParse(text);
  if (!parsed.success) return { ok: false, error: `not a valid answer: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  let value: unknown;
  try {
    value = q.toValue(parsed.data);
  } catch (e) {
    return { ok: false, error: answerError(e) };
  }
  return record(s, { id: factId, status: 'ok', value, provenance: { source: 'operator', ref: q.question, collectedAt: now.toISOString() } });
}

/** The operator does not know: the fact is recorded as missing, so the rules that need it say unknown and why. */
export function skipQuestion(s: ChecklistSession, factId: string, now = new Date()): AnswerResult {
  const q = s.specs.get(factId)?.checklist;
  if (!q) return { ok: false, error: `fact ${factId} has no checklist question` };
  return record(s, {
    id: factId, status: 'missing', message: 'the operator did not know the answer',
    provenance: { source: 'operator', ref: q.question, collectedAt: now.toISOString() },
  });
}

/** Takes back the last answer (going back one question). */
export function undoAnswer(s: ChecklistSession): ChecklistSession {
  return { ...s, answers: s.answers.slice(0, -1) };
}

function record(s: ChecklistSession, value: FactValue): AnswerResult {
  return { ok: true, session: { ...s, answers: [...s.answers.filter((a) => a.id !== value.id), value] } };
}

function answerError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return `no such file: ${err.path ?? ''}`.trim();
  if (err?.code === 'EISDIR') return `that is a folder, not a file: ${err.path ?? ''}`.trim();
  if (err?.code === 'EACCES') return `permission denied: ${err.path ?? ''}`.trim();
  return e instanceof Error ? e.message : String(e);
}
