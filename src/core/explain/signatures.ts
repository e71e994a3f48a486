import type { Rule, Signature } from '../rules/types.js';
import { normalise } from './normalise.js';

/** A rule's signature made ready for matching normalised text (see normalise.ts). */
export interface CompiledSignature {
  rule: Rule<any, any>;
  /** Index of the signature within rule.signatures. */
  index: number;
  text: string;
  /** Matches the whole signature in normalised text. */
  full: RegExp;
  /** `full` with the g flag, for finding every occurrence. */
  fullAll: RegExp;
  /** Source of a regex that must match the raw (not normalised) text wherever `full` matches, or null. */
  anchor: string | null;
  /** Words of the normalised signature text (ANY marks a placeholder). */
  words: readonly string[];
}

const PLACEHOLDER = /<[^<>\n]{1,60}>/g;
const WILDCARD = '.{1,400}?';
/** A leading "Verb-Noun: " names the command that failed; PowerShell 7 prints it apart from the message. */
const COMMAND_PREFIX = /^[A-Za-z]+-[A-Za-z]+: /;
const QUOTE_CLASS = `["']`;

const cache = new WeakMap<readonly Rule<any, any>[], CompiledSignature[]>();

export function compileRules(rules: readonly Rule<any, any>[]): CompiledSignature[] {
  let compiled = cache.get(rules);
  if (!compiled) {
    compiled = rules.flatMap((rule) => rule.signatures.map((sig, index) => compileSignature(rule, sig, index)));
    cache.set(rules, compiled);
  }
  return compiled;
}

export function compileSignature(rule: Rule<any, any>, sig: Signature, index: number): CompiledSignature {
  const words = signatureWords(sig.text);
  const full = sig.pattern ? optionalCommandPrefix(tolerantPattern(sig.pattern), sig.text) : new RegExp(patternFromText(sig.text), 'i');
  return { rule, index, text: sig.text, full, fullAll: new RegExp(full.source, `${full.flags}g`), anchor: anchorOf(full.source), words };
}

/** Marks a placeholder inside a word of the normalised signature text. */
export const ANY = '\ue000';

/** Words of the normalised text; ANY stands for a placeholder ("<SiteName> or <ApplianceName>" is one). */
function signatureWords(text: string): string[] {
  const words: string[] = [];
  for (const w of normalise(text.replace(PLACEHOLDER, ANY)).text.split(' ')) {
    if (w === '') continue;
    if (w === ANY && words.length >= 2 && words.at(-2) === ANY && /^(?:or|and)$/i.test(words.at(-1)!)) {
      words.pop();
      continue;
    }
    words.push(w);
  }
  return words;
}

export function escapeWord(w: string): string {
  return w
    .split(ANY)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/["']/g, QUOTE_CLASS))
    .join(WILDCARD);
}

/** The regex source for a signature given only as text: placeholders match any value, the final '.' is optional. */
export function patternFromText(text: string): string {
  const words = signatureWords(text);
  const parts = words.map(escapeWord);
  const last = parts.length - 1;
  if (parts[last]?.endsWith('\\.')) parts[last] = `${parts[last]!.slice(0, -2)}\\.?`;
  const source = COMMAND_PREFIX.test(`${words[0] ?? ''} `) && words.length > 3 ? `(?:${parts[0]} |${NO_OTHER_COMMAND})${parts.slice(1).join(' ')}` : parts.join(' ');
  return `(?<![\\w-])${source}`;
}

/**
 * Where a message whose command prefix is left out begins: not inside a word, and not after another
 * command's "Verb-Noun:" (ConvertFrom-SecureString is not ConvertTo-SecureString). "Error: " is fine.
 */
const NO_OTHER_COMMAND = '(?<![\\w-])(?<![A-Za-z]-[A-Za-z]+\\s?:\\s?)';

/** A pattern's leading "Verb-Noun\s*:\s*" (as authors write the failing command before the message). */
const PATTERN_COMMAND_PREFIX = /^([A-Za-z]+-[A-Za-z]+)(?:\\s\*|\s?\??):(?:\\s\*|\s)?/

/**
 * The message is what identifies a documented error; the command in front of it is framing. A copy
 * without it (selected from the message on), with another command's name (a script that called it) or
 * with PowerShell 7's "Error: " in its place still matches: when the signature's text begins with
 * "Verb-Noun :" and the pattern with that command, the pattern's prefix becomes optional.
 */
export function optionalCommandPrefix(pattern: RegExp, text: string): RegExp {
  const command = /^([A-Za-z]+-[A-Za-z]+)\s*:/.exec(text)?.[1];
  const m = PATTERN_COMMAND_PREFIX.exec(pattern.source);
  if (!command || !m || m[1]!.toLowerCase() !== command.toLowerCase()) return pattern;
  const body = pattern.source.slice(m[0].length);
  return new RegExp(`(?:(?<![\\w-])${m[1]}\\s*:\\s*|${NO_OTHER_COMMAND})${body}`, pattern.flags);
}

/**
 * A pattern written by a rule's author, made to hold on normalised text whatever quotes the author
 * typed: any quote character matches any quote, " :" becomes ":", and the match ignores case.
 */
export function tolerantPattern(pattern: RegExp): RegExp {
  const src = pattern.source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += src.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        const start = out.lastIndexOf('[');
        if (/["'\u2018\u2019\u201c\u201d]/.test(out.slice(start))) out += `"'`;
      }
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    else if (`"'\u2018\u2019\u201c\u201d`.includes(c)) {
      out += QUOTE_CLASS;
      continue;
    } else if (c === ' ' && src[i + 1] === ':') continue;
    out += c;
  }
  const flags = [...new Set(pattern.flags.replace(/[gy]/g, '') + 'i')].join('');
  return new RegExp(out, flags);
}

/**
 * The longest run of characters every match of `source` must contain, as a regex for raw text (any
 * whitespace or line break for a space, optional space before ':'), or null when the pattern has none worth using
 * (a top-level alternative, or only short runs): then every line is a candidate.
 */
export function anchorOf(source: string): string | null {
  const runs: string[] = [];
  let run = '';
  const flush = () => {
    runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let literal: string | null = null;
    let end = i + 1;
    if (c === '|') return null;
    if (c === '(') {
      end = skipGroup(source, i) + 1;
    } else if (c === '[') {
      end = skipClass(source, i) + 1;
    } else if (c === '\\') {
      const next = source[i + 1] ?? '';
      end = i + 2;
      if (/[.*+?^${}()|[\]\\/\-'":,!@#%&=<>~`;]/.test(next)) literal = next;
      else if (next === 'u') end = source[i + 2] === '{' ? source.indexOf('}', i) + 1 : i + 6;
      else if (next === 'x') end = i + 4;
      else if ((next === 'p' || next === 'P') && source[i + 2] === '{') end = source.indexOf('}', i) + 1;
    } else if (!'.^$'.includes(c)) {
      literal = c;
    }
    const [quantifier, after] = readQuantifier(source, end);
    if (literal !== null && quantifier !== 'optional' && literal.charCodeAt(0) < 0x80) run += literal;
    if (literal === null || quantifier !== null) flush();
    i = after;
  }
  flush();
  const best = runs.map((r) => r.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
  if (best.replace(/\s/g, '').length < 6) return null;
  return best
    .split(/ +/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/:/g, '\\s*:').replace(/foreach-object/gi, 'for\\s*each-object'))
    .join('\\s+');
}

function readQuantifier(source: string, at: number): ['optional' | 'repeat' | null, number] {
  const q = source[at];
  let kind: 'optional' | 'repeat' | null = null;
  let end = at;
  if (q === '?' || q === '*') [kind, end] = ['optional', at + 1];
  else if (q === '+') [kind, end] = ['repeat', at + 1];
  else if (q === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(at))) {
    kind = /^\{0[,}]/.test(source.slice(at)) ? 'optional' : 'repeat';
    end = source.indexOf('}', at) + 1;
  }
  if (kind && source[end] === '?') end++;
  return [kind, end];
}

function skipGroup(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length;
}

function skipClass(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}
