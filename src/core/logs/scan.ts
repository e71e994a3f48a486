import type { Rule } from '../rules/types.js';
import { findAll } from '../explain/match.js';
import { normalise } from '../explain/normalise.js';
import { compileRules, type CompiledSignature } from '../explain/signatures.js';
import { LiteralPrefilter } from './literal-prefilter.js';
import { lineTimestamp } from './timestamp.js';
import { utf8Chunks, type StreamEncoding } from './utf8-chunks.js';

/** Where one hit is: 1-based line, and the line's leading timestamp when it has one. */
export interface HitPlace {
  line: number;
  timestamp?: string;
}

/** Every hit of one signature in the stream, counted; the first ones kept as samples. */
export interface SignatureHits {
  signature: CompiledSignature;
  count: number;
  first: HitPlace;
  last: HitPlace;
  samples: HitPlace[];
  /** What matched at the first hit (normalised). */
  matched: string;
}

export interface ScanSummary extends StreamEncoding {
  bytes: number;
  lines: number;
  /** In order of first appearance. */
  hits: SignatureHits[];
}

export interface ScanOptions {
  /** The rules whose signatures are looked for. */
  rules: readonly Rule<any, any>[];
  /** Samples kept per signature (default 20); the count is always exact. */
  maxSamples?: number;
  /**
   * How candidates are found: 'literal' (the default) searches the bytes for each anchor's longest
   * word, 'regex' runs the anchors' alternation; both find the same places (the tests compare them).
   */
  prefilter?: 'literal' | 'regex';
}

/**
 * Context around a candidate: a wrapped message may start a few lines before its anchor and end a
 * few after; no signature (placeholders filled) is longer than CONTEXT_CHARS either side.
 */
const BEFORE_LINES = 6;
const AFTER_LINES = 6;
const CONTEXT_CHARS = 1536;
/** What is kept between chunks besides the unscanned rest: a multi-megabyte line costs no more. */
const KEEP_CHARS = 4096;
const NL = 10;
const SLICE = 64 * 1024;

/**
 * Scans a byte stream (a log file, stdin) for every rule signature without holding it in memory:
 * a cheap raw-text prefilter built from each signature's anchor finds candidate places; only the few
 * lines around a candidate are decoded, normalised and matched in full.
 */
export async function scanStream(source: AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ScanSummary> {
  const signatures = compileRules(options.rules);
  const info: Partial<StreamEncoding> = {};
  const scanner = new Scanner(signatures, options.maxSamples ?? 20, options.prefilter ?? 'literal');
  for await (const chunk of utf8Chunks(source, info)) {
    // In slices: strings this small die young, so memory stays flat without waiting for a full GC.
    for (let at = 0; at < chunk.length; at += SLICE) scanner.push(chunk.subarray(at, at + SLICE));
  }
  scanner.end();
  return {
    encoding: info.encoding ?? 'utf-8',
    binary: info.binary ?? false,
    bytes: scanner.bytes,
    lines: scanner.lines,
    hits: [...scanner.hits.values()].sort((a, b) => a.first.line - b.first.line),
  };
}

/** One regex over raw text that matches wherever any signature could (with an anchorless one: every line). */
function prefilterOf(signatures: readonly CompiledSignature[]): RegExp {
  const anchors = signatures.map((s) => s.anchor);
  if (anchors.length === 0) return /(?!)/g;
  if (anchors.some((a) => a === null)) return /[^\n]+/g;
  return new RegExp([...new Set(anchors)].map((a) => `(?:${a})`).join('|'), 'gi');
}

interface Anchor {
  source: string;
  /** Sticky: tells whether this anchor is the one found at a position. */
  at: RegExp;
  signatures: CompiledSignature[];
}

function anchorsOf(signatures: readonly CompiledSignature[]): Anchor[] | undefined {
  if (signatures.some((s) => s.anchor === null)) return undefined;
  const byAnchor = new Map<string, CompiledSignature[]>();
  for (const s of signatures) byAnchor.set(s.anchor!, [...(byAnchor.get(s.anchor!) ?? []), s]);
  return [...byAnchor].map(([source, sigs]) => ({ source, at: new RegExp(source, 'iy'), signatures: sigs }));
}

class Scanner {
  readonly hits = new Map<CompiledSignature, SignatureHits>();
  bytes = 0;
  lines = 0;
  private readonly prefilter: RegExp;
  private readonly anchors: Anchor[] | undefined;
  private readonly literal: LiteralPrefilter | undefined;
  /**
   * Bytes kept (already scanned context + not yet scanned) as a latin1 string: one char per byte, so
   * indexes are byte offsets and the raw prefilter runs fast; `win` holds the same bytes for decoding.
   */
  private text: string | undefined = '';
  /** The same bytes, in a buffer reused from chunk to chunk: one string allocation per chunk, no concatenation. */
  private win = Buffer.allocUnsafe(SLICE + 4 * KEEP_CHARS);
  private winLength = 0;
  private scanFrom = 0;
  /** Whether str[0] begins a line (false when a long line was cut to bound memory). */
  private startsLine = true;
  private cursor = { pos: 0, line: 1 };
  private seen = new Map<string, number>();

  constructor(
    private readonly signatures: readonly CompiledSignature[],
    private readonly maxSamples: number,
    prefilter: 'literal' | 'regex',
  ) {
    this.prefilter = prefilterOf(signatures);
    this.anchors = anchorsOf(signatures);
    // Its own sticky regexes: signaturesAt() moves the anchors' lastIndex while it walks the starts.
    this.literal = prefilter === 'literal' && this.anchors ? LiteralPrefilter.of(this.anchors.map((a) => ({ source: a.source, at: new RegExp(a.source, 'iy') }))) : undefined;
  }

  /** The window as latin1, made when first needed after the window changed (most blocks never need it). */
  private get str(): string {
    return (this.text ??= this.win.toString('latin1', 0, this.winLength));
  }

  /** The signatures whose anchor is at this position (all of them when some signature has none). */
  private signaturesAt(at: number): readonly CompiledSignature[] {
    if (!this.anchors) return this.signatures;
    const found: CompiledSignature[] = [];
    for (const a of this.anchors) {
      a.at.lastIndex = at;
      if (a.at.test(this.str)) found.push(...a.signatures);
    }
    return found;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.winLength + chunk.length > this.win.length) {
      const bigger = Buffer.allocUnsafe(this.winLength + chunk.length + 4 * KEEP_CHARS);
      this.win.copy(bigger, 0, 0, this.winLength);
      this.win = bigger;
    }
    chunk.copy(this.win, this.winLength);
    this.winLength += chunk.length;
    this.text = undefined;
    this.literal?.load(this.win, this.winLength);
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    const len = this.winLength;
    this.lines = this.lineAt(len) - 1 + (len > 0 && this.win[len - 1] !== NL ? 1 : 0);
    if (this.bytes === 0) this.lines = 0;
  }

  private scan(eof: boolean): void {
    const len = this.winLength;
    const cutoff = eof ? len : Math.max(this.scanFrom, len - KEEP_CHARS);
    if (this.literal) {
      let next = this.scanFrom;
      for (const at of this.literal.starts(this.win, () => this.str, this.scanFrom, cutoff, this.winLength)) {
        if (at < next) continue;
        this.candidate(at);
        next = this.nextAfter(at, len);
      }
      this.scanFrom = Math.max(cutoff, next);
      if (!eof) this.drop(Math.max(0, this.scanFrom - KEEP_CHARS));
      return;
    }
    const re = this.prefilter;
    re.lastIndex = this.scanFrom;
    let next = this.scanFrom;
    for (let m = re.exec(this.str); m && m.index < cutoff; m = re.exec(this.str)) {
      this.candidate(m.index);
      next = this.nextAfter(m.index, len);
      re.lastIndex = next;
    }
    this.scanFrom = Math.max(cutoff, next);
    if (eof) return;
    this.drop(Math.max(0, this.scanFrom - KEEP_CHARS));
  }

  /** Where to look for the next candidate after one at `at`: the next line, or half a context further. */
  private nextAfter(at: number, len: number): number {
    const lineEnd = this.str.indexOf('\n', at);
    const next = Math.min(lineEnd < 0 ? len : lineEnd + 1, at + CONTEXT_CHARS / 2, len);
    return next <= at ? at + 1 : next;
  }

  /** Forgets str[0, keep): those bytes were scanned and are beyond any later context. */
  private drop(keep: number): void {
    if (keep === 0) return;
    const line = this.lineAt(keep);
    this.startsLine = this.win[keep - 1] === NL;
    this.text = this.text?.slice(keep);
    this.win.copyWithin(0, keep, this.winLength);
    this.winLength -= keep;
    this.literal?.load(this.win, this.winLength);
    this.scanFrom -= keep;
    this.cursor = { pos: 0, line };
    if (this.seen.size > 256) for (const [key, at] of this.seen) if (at < line) this.seen.delete(key);
  }

  /** Line number at str index pos, counting from a cursor so that the whole stream is counted once. */
  private lineAt(pos: number): number {
    let { pos: at, line } = this.cursor;
    if (this.literal) {
      line += pos >= at ? this.literal.lines(at, pos) : -this.literal.lines(pos, at);
      this.cursor = { pos, line };
      return line;
    }
    const s = this.str;
    if (pos >= at) {
      for (let i = s.indexOf('\n', at); i !== -1 && i < pos; i = s.indexOf('\n', i + 1)) line++;
    } else {
      for (let i = s.lastIndexOf('\n', at - 1); i !== -1 && i >= pos; i = i === 0 ? -1 : s.lastIndexOf('\n', i - 1)) line--;
    }
    this.cursor = { pos, line };
    return line;
  }

  private candidate(at: number): void {
    const s = this.str;
    const lineStart = Math.max(s.lastIndexOf('\n', at - 1) + 1, at - CONTEXT_CHARS, 0);
    const lineEnd = s.indexOf('\n', at);
    // Most hits are one log line: try the anchor's own line first, the lines around it only if need be.
    let rest = this.match(this.signaturesAt(at), lineStart, Math.min(lineEnd === -1 ? s.length : lineEnd, at + CONTEXT_CHARS), false);
    if (rest.length === 0) return;
    let start = lineStart;
    for (let k = 0; k < BEFORE_LINES && start > 0; k++) start = s.lastIndexOf('\n', start - 2) + 1;
    start = Math.max(start, at - CONTEXT_CHARS, 0);
    let end = at;
    for (let k = 0; k <= AFTER_LINES && end !== -1 && end < s.length; k++) end = s.indexOf('\n', end + (k === 0 ? 0 : 1));
    end = Math.min(end === -1 ? s.length : end, at + CONTEXT_CHARS, s.length);
    rest = this.match(rest, start, end, false);
    if (rest.length) this.match(rest, start, end, true);
  }

  /** Matches signatures on str[start, end), records the hits; returns the signatures not found. */
  private match(signatures: readonly CompiledSignature[], start: number, end: number, join: boolean): CompiledSignature[] {
    const text = this.utf8(start, end);
    const ascii = text.length === end - start;
    const n = normalise(text, join ? { breaks: 'join' } : {});
    const missing: CompiledSignature[] = [];
    for (const sig of signatures) {
      const found = findAll(sig, n);
      if (found.length === 0) missing.push(sig);
      for (const hit of found) this.record(sig, start + (ascii ? hit.offset : Buffer.byteLength(text.slice(0, hit.offset))), hit.matched);
    }
    return missing;
  }

  private utf8(start: number, end: number): string {
    return this.win.toString('utf8', start, Math.min(end, this.winLength));
  }

  private record(sig: CompiledSignature, pos: number, matched: string): void {
    const line = this.lineAt(pos);
    const key = `${sig.rule.id}#${sig.index}@${line}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, line);
    const lineStart = this.str.lastIndexOf('\n', pos - 1) + 1;
    const timestamp = lineStart > 0 || this.startsLine ? lineTimestamp(this.utf8(lineStart, lineStart + 80)) : undefined;
    const place: HitPlace = timestamp ? { line, timestamp } : { line };
    const hits = this.hits.get(sig);
    if (!hits) {
      this.hits.set(sig, { signature: sig, count: 1, first: place, last: place, samples: [place], matched });
      return;
    }
    hits.count++;
    hits.last = place;
    if (hits.samples.length < this.maxSamples) hits.samples.push(place);
  }
}
