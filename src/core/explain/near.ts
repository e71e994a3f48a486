import type { Rule, Severity } from '../rules/types.js';
import { normalise } from './normalise.js';

/**
 * A documented symptom that shares words with text nothing matched: a hint where to look, never a
 * match (no rule is said to explain the text, and the exit code stays "no match").
 */
export interface NearSymptom {
  rule: string;
  title: string;
  severity: Severity;
  /** The documented text it resembles (a signature, or the rule's symptom). */
  documented: string;
  /** Share of the documented text's distinctive words that the input has (0–1). */
  overlap: number;
  /** Those words, as in the documented text. */
  shared: string[];
}

const STOP = new Set([
  'the', 'and', 'for', 'not', 'was', 'were', 'are', 'with', 'this', 'that', 'from', 'any', 'use', 'because', 'when',
  'make', 'sure', 'you', 'your', 'have', 'has', 'been', 'its', 'can', 'cannot', 'into', 'then', 'there', 'which', 'error',
]);
const MIN_SHARED = 2;
const MIN_OVERLAP = 0.25;

function words(text: string): string[] {
  return normalise(text.replace(/<[^<>\n]{1,60}>/g, ' ')).text.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length >= 3 && !STOP.has(w));
}

/**
 * The documented symptoms closest to a text no signature matched, best first (at most `limit`): by the
 * share of each signature's (or symptom's) distinctive words the text contains. Empty when nothing
 * shares enough to be worth a look.
 */
export function closestSymptoms(text: string, rules: readonly Rule<any, any>[], limit = 3): NearSymptom[] {
  const have = new Set(words(text.slice(0, 64 * 1024)));
  if (have.size === 0) return [];
  const best = new Map<string, NearSymptom>();
  for (const rule of rules) {
    for (const documented of [...rule.signatures.map((s) => s.text), rule.symptom]) {
      const want = [...new Set(words(documented))];
      if (want.length === 0) continue;
      const shared = want.filter((w) => have.has(w));
      const overlap = Math.round((shared.length / want.length) * 100) / 100;
      if (shared.length < MIN_SHARED || overlap < MIN_OVERLAP) continue;
      const had = best.get(rule.id);
      if (!had || overlap > had.overlap) best.set(rule.id, { rule: rule.id, title: rule.title, severity: rule.severity, documented, overlap, shared });
    }
  }
  return [...best.values()].sort((a, b) => b.overlap - a.overlap || b.shared.length - a.shared.length).slice(0, limit);
}
