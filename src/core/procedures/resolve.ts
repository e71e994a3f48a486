import { fillCommand } from '../powershell/template.js';
import { compareVersions, parseVersion } from '../versions.js';
import type { BranchAnswers, BranchQuestion, Procedure, ResolvedStep } from './types.js';

function holds(when: Readonly<Record<string, readonly string[]>> | undefined, answers: BranchAnswers): boolean {
  if (!when) return true;
  return Object.entries(when).every(([q, values]) => {
    const a = answers[q];
    return a !== undefined && values.includes(a);
  });
}

/** The questions that apply given the answers so far, in order (a follow-up appears once its condition holds). */
export function questionsFor(p: Procedure, answers: BranchAnswers): BranchQuestion[] {
  return p.questions.filter((q) => holds(q.when, answers));
}

/** The first applicable question without a valid answer; undefined when every branch is decided. */
export function nextQuestion(p: Procedure, answers: BranchAnswers): BranchQuestion | undefined {
  return questionsFor(p, answers).find((q) => !q.choices.some((c) => c.value === answers[q.id]));
}

/** Only the answers that count: applicable questions with one of their choices (stale follow-ups dropped). */
export function relevantAnswers(p: Procedure, answers: BranchAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of p.questions) {
    const a = answers[q.id];
    if (holds(q.when, out) && a !== undefined && q.choices.some((c) => c.value === a)) out[q.id] = a;
  }
  return out;
}

/**
 * The steps to follow for one set of branch answers, in order, with commands filled in. Pure: the same
 * answers always give the same steps. Values reach a command only through fillCommand (psQuote).
 */
export function resolveSteps(p: Procedure, answers: BranchAnswers): ResolvedStep[] {
  const given = relevantAnswers(p, answers);
  const params: Record<string, string> = {};
  for (const q of p.questions) if (q.param && given[q.id] !== undefined) params[q.id] = given[q.id]!;
  const several = given.appliances !== 'single';
  return p.steps
    .filter((s) => holds(s.when, given))
    .map((s) => {
      const { when: _when, command, appliances, ...rest } = s;
      const filled = command === undefined ? undefined : fillCommand(command, params);
      return {
        ...rest,
        ...(appliances && several ? { appliances } : {}),
        ...(filled ? { command: filled.command } : {}),
        unresolved: filled?.unresolved ?? [],
      };
    });
}

/** The version question's answer from an installed CCE version ("2.1.0.372" → "2.0+"); undefined when unreadable. */
export function versionAnswer(cceVersion: string | undefined): string | undefined {
  const v = cceVersion === undefined ? undefined : parseVersion(cceVersion);
  if (!v) return undefined;
  return compareVersions(v, [2, 0]) >= 0 ? '2.0+' : 'pre-2.0';
}
