import type { RuleResult } from '../rules/types.js';
import { summarize } from './check-run.js';

/**
 * The one-sentence verdict every surface leads with (check text and JSON, the wizard's findings, the
 * checklist): "No problems found." only when every rule could decide; otherwise it says how many could not.
 */
export interface Verdict {
  /** Every rule decided: none unknown, none broke. */
  complete: boolean;
  /** ok: complete and nothing failed; problems: complete with failures; incomplete: some rules could not decide. */
  tone: 'ok' | 'problems' | 'incomplete' | 'empty';
  /** The first sentence: "No problems found.", "3 problems found.", "Incomplete: 19 of 30 rules could not be checked." */
  headline: string;
  /** For an incomplete run: what the rules that did run found. */
  detail?: string;
  /** headline and detail in one line. */
  text: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function verdict(results: readonly RuleResult[]): Verdict {
  const s = summarize(results);
  const complete = s.unknown === 0 && s.error === 0;
  const found = plural(s.fail, 'problem', 'problems');
  if (s.total === 0) return { complete: false, tone: 'empty', headline: 'No rules were evaluated.', text: 'No rules were evaluated.' };
  if (complete) {
    const headline = s.fail === 0 ? 'No problems found.' : `${found} found.`;
    return { complete, tone: s.fail === 0 ? 'ok' : 'problems', headline, text: headline };
  }
  const gaps: string[] = [];
  const of = `of ${plural(s.total, 'rule', 'rules')}`;
  if (s.unknown > 0) gaps.push(`${s.unknown} ${of} could not be checked`);
  if (s.error > 0) gaps.push(s.unknown > 0 ? `${s.error} failed with an internal error` : `${s.error} ${of} failed with an internal error`);
  const headline = `Incomplete: ${gaps.join(' and ')}.`;
  const ran = s.total - s.unknown - s.error;
  const detail = ran === 0 ? 'Nothing was checked.' : `The ${plural(ran, 'rule that ran', 'rules that ran')} found ${s.fail === 0 ? 'no problems' : found}.`;
  return { complete, tone: 'incomplete', headline, detail, text: `${headline} ${detail}` };
}
