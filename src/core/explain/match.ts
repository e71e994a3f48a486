import type { Rule, Severity } from '../rules/types.js';
import { normalise, type Normalised } from './normalise.js';
import { ANY, compileRules, escapeWord, type CompiledSignature } from './signatures.js';
import { outputText } from '../output/mask.js';

/** A documented symptom found in some text: which rule explains it, and what in the text matched. */
export interface ExplainMatch {
  rule: string;
  title: string;
  severity: Severity;
  /** The signature as documented. */
  signature: string;
  /** The part of the input that matched (normalised: one line, single spaces, straight quotes). */
  matched: string;
  /** 1 for the whole signature; less for a truncated paste that ends inside it (0.5–0.9). */
  score: number;
  /** Index in the input where the match begins. */
  offset: number;
}

const MAX_MATCHED = 400;
/** A truncated paste explains nothing unless it holds at least this much of the signature. */
const MIN_PREFIX_WORDS = 5;
const MIN_PREFIX_CHARS = 25;
const ELLIPSIS_END = '\\s?(?:\\.\\.\\.|…|\\[\\.\\.\\.\\])?\\s*$';

/**
 * Which rules' signatures the text shows, best first. Only the documented texts count: a look-alike
 * (another module, another error code) gives no match rather than a guess.
 */
export function explainText(text: string, rules: readonly Rule<any, any>[]): ExplainMatch[] {
  const signatures = compileRules(rules);
  const spaced = normalise(text);
  let joined: Normalised | undefined;
  const best = new Map<string, ExplainMatch>();
  const keep = (m: ExplainMatch) => {
    const had = best.get(m.rule);
    if (!had || m.score > had.score || (m.score === had.score && m.offset < had.offset)) best.set(m.rule, m);
  };
  for (const sig of signatures) {
    let found = findFull(sig, spaced);
    if (!found) {
      joined ??= normalise(text, { breaks: 'join' });
      found = findFull(sig, joined);
    }
    found ??= findPrefix(sig, spaced);
    if (found) keep(found);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.offset - b.offset);
}

/** Every whole-signature match in normalised text (for the log scanner), with input offsets. */
export function findAll(sig: CompiledSignature, n: Normalised): { offset: number; matched: string }[] {
  const out: { offset: number; matched: string }[] = [];
  sig.fullAll.lastIndex = 0;
  for (let m = sig.fullAll.exec(n.text); m; m = sig.fullAll.exec(n.text)) {
    if (m[0].length === 0) {
      sig.fullAll.lastIndex++;
      continue;
    }
    out.push({ offset: n.map[m.index] ?? 0, matched: clip(m[0]) });
  }
  return out;
}

function findFull(sig: CompiledSignature, n: Normalised): ExplainMatch | undefined {
  const m = sig.full.exec(n.text);
  if (!m) return undefined;
  return result(sig, m[0], n.map[m.index] ?? 0, 1);
}

function findPrefix(sig: CompiledSignature, n: Normalised): ExplainMatch | undefined {
  const tail = n.text.slice(-4000);
  const base = n.text.length - tail.length;
  for (const { re, words } of prefixPatterns(sig)) {
    const m = re.exec(tail);
    if (m) {
      const score = Math.round((0.5 + (0.4 * words) / sig.words.length) * 100) / 100;
      return result(sig, m[0].trim(), n.map[base + m.index] ?? 0, score);
    }
  }
  return undefined;
}

const prefixCache = new WeakMap<CompiledSignature, { re: RegExp; words: number }[]>();

/** Regexes for the signature's first k words ending the input, longest first. */
function prefixPatterns(sig: CompiledSignature): { re: RegExp; words: number }[] {
  let list = prefixCache.get(sig);
  if (list) return list;
  list = [];
  const words = sig.words;
  // Also without a leading "Verb-Noun:", which PowerShell 7 prints on a line of its own.
  const starts = /^[A-Za-z]+-[A-Za-z]+:$/.test(words[0] ?? '') ? [0, 1] : [0];
  for (let k = words.length - 1; k >= MIN_PREFIX_WORDS; k--) {
    for (const start of starts) {
      const part = words.slice(start, k);
      if (part.length < MIN_PREFIX_WORDS || part.join('').replaceAll(ANY, '').length < MIN_PREFIX_CHARS) continue;
      list.push({ re: new RegExp(`(?<![\\w-])${part.map(escapeWord).join(' ')}${ELLIPSIS_END}`, 'i'), words: k });
    }
  }
  prefixCache.set(sig, list);
  return list;
}

function result(sig: CompiledSignature, matched: string, offset: number, score: number): ExplainMatch {
  // What matched is shown (CLI, wizard): through the one masking step, like every output.
  return { rule: sig.rule.id, title: sig.rule.title, severity: sig.rule.severity, signature: sig.text, matched: outputText(clip(matched)), score, offset };
}

function clip(s: string): string {
  return s.length > MAX_MATCHED ? `${s.slice(0, MAX_MATCHED - 1)}…` : s;
}
