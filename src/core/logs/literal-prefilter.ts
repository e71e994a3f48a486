/**
 * Finds, in raw bytes, every position where one of the scanner's anchors (see anchorOf in
 * explain/signatures.ts) matches, much faster than running the anchors' alternation as a regex: each
 * anchor is a run of literal words separated by `\s+`/`\s*`, so every match contains its longest
 * literal word (the needle). The needles are searched together over the bytes (Wu-Manber, ASCII case
 * folded); each needle found is walked back to where its anchor would start, and the anchor's own
 * regex confirms it there. The result is exactly the set of places the regex alternation matches.
 */

/** One anchor: its sticky case-insensitive regex, and where its needle sits in it. */
export interface PrefilterAnchor {
  source: string;
  at: RegExp;
}

interface Needle {
  bytes: Uint8Array;
  /** The anchors using this needle, each with how many literal characters precede the needle in it. */
  uses: { at: RegExp; before: number }[];
}

/** Bytes JavaScript's \s matches in a latin1 string: TAB, LF, VT, FF, CR, space, NBSP. */
const WS = new Uint8Array(256);
for (const b of [9, 10, 11, 12, 13, 32, 0xa0]) WS[b] = 1;
/** ASCII letters folded to lower case, every other byte unchanged (what /i does to ASCII). */
const FOLD = new Uint8Array(256);
for (let b = 0; b < 256; b++) FOLD[b] = b >= 65 && b <= 90 ? b + 32 : b;
/** Shorter needles make the search skip too little to beat the regex: then the regex is used. */
const MIN_NEEDLE = 4;
const SPECIAL = '.*+?^${}()|[]\\/';
/**
 * Words on many lines of a healthy CCE log: a needle among them would send most lines to the regex.
 * A longer word that is not one of them is preferred.
 */
const COMMON_IN_LOGS = new Set([
  'appliance', 'machine', 'machines', 'virtual', 'service', 'services', 'server', 'running', 'status', 'online',
  'module', 'modules', 'cannot', 'failed', 'error', 'exception', 'information', 'warning', 'verbose', 'cceservice',
  'management', 'switch', 'checking', 'started', 'stopped', 'command', 'reporting', 'report', 'system',
]);
/** Long enough to skip well, when there is a word that is not common. */
const GOOD_NEEDLE = 6;
const better = (a: string, b: string): boolean => {
  const rank = (w: string) => (w.length >= GOOD_NEEDLE && !COMMON_IN_LOGS.has(w) ? 1 : 0);
  return rank(a) !== rank(b) ? rank(a) > rank(b) : a.length > b.length;
};

/**
 * The anchor's longest literal run (lower case; preferably not a word common in logs) and the number of literal characters before it, or
 * undefined when the source is not just literals and `\s+`/`\s*`.
 */
export function needleOf(source: string): { needle: string; before: number } | undefined {
  let best = { needle: '', before: 0 };
  let run = '';
  let runStart = 0;
  let count = 0;
  const close = () => {
    if (better(run, best.needle)) best = { needle: run, before: runStart };
    run = '';
  };
  for (let i = 0; i < source.length; ) {
    if (source.startsWith('\\s+', i) || source.startsWith('\\s*', i)) {
      close();
      i += 3;
      continue;
    }
    let c: string;
    if (source[i] === '\\') {
      c = source[i + 1] ?? '';
      if (!SPECIAL.includes(c) && !/^[-'":,!@#%&=<>~`;]$/.test(c)) return undefined;
      i += 2;
    } else {
      c = source[i]!;
      if (SPECIAL.includes(c)) return undefined;
      i += 1;
    }
    const code = c.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f) return undefined;
    if (run === '') runStart = count;
    run += c.toLowerCase();
    count++;
  }
  close();
  return best.needle.length > 0 ? best : undefined;
}

/**
 * The search loop, in WebAssembly (JavaScript runs it several times slower):
 *   skip(i, end, back): the first i in [i, end) where a needle's first `back + 1` bytes may end, or end.
 * Memory: [0, 64 KiB) the Wu-Manber shift per pair of bytes (low byte first, 0x20 OR-ed in);
 * [64 KiB, 72 KiB) a bit per hash of a needle's first four bytes (0x20 OR-ed in); the text from TEXT on.
 *   loop: if i >= end: return i
 *         s = shift[load16(i - 1) | 0x2020]; if s: i += s; continue
 *         h = ((load32(i - back) | 0x20202020) * 0x9E3779B1) >>> 16
 *         if bloom[h >> 3] >> (h & 7) & 1: return i
 *         i += 1
 *   count(p, end): how many LF bytes are in [p, end) (16 at a time with SIMD, then one by one).
 */
const TEXT = 128 * 1024;
const BLOOM = 64 * 1024;
const HASH_MUL = 0x9e3779b1;
const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    const b = v & 0x7f;
    v >>>= 7;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return out;
};
function searchModule(): Uint8Array<ArrayBuffer> {
  const [I, END, BACK, S] = [0, 1, 2, 3];
  // prettier-ignore
  const body = [0x01, 0x01, 0x7f, // one i32 local (S)
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, I, 0x20, END, 0x4f, 0x0d, 0x01, // i >= end: break
    0x20, I, 0x41, 0x01, 0x6b, 0x2f, 0x00, 0x00, 0x41, ...sleb(0x2020), 0x72, 0x2d, 0x00, 0x00, 0x22, S, // s = shift[...]
    0x04, 0x40, 0x20, I, 0x20, S, 0x6a, 0x21, I, 0x0c, 0x01, 0x0b, // if s: i += s; continue
    0x20, I, 0x20, BACK, 0x6b, 0x28, 0x00, 0x00, 0x41, ...sleb(0x20202020), 0x72, // load32(i - back) | 0x20202020
    0x41, ...sleb(HASH_MUL | 0), 0x6c, 0x41, 0x10, 0x76, 0x22, S, // h = (...) * MUL >>> 16
    0x41, 0x03, 0x76, 0x2d, 0x00, ...uleb(BLOOM), 0x20, S, 0x41, 0x07, 0x71, 0x76, 0x41, 0x01, 0x71, 0x0d, 0x01, // bloom bit: break
    0x20, I, 0x41, 0x01, 0x6a, 0x21, I, 0x0c, 0x00, // i += 1; continue
    0x0b, 0x0b, 0x20, I, 0x0b]; // end loop, end block, return i
  const [P, N, NL] = [0, 2, 3];
  // prettier-ignore
  const count = [0x02, 0x01, 0x7f, 0x01, 0x7b, // locals: N (i32), NL (v128)
    0x41, 0x0a, 0xfd, 0x0f, 0x21, NL, // NL = i8x16.splat(10)
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, P, 0x41, 0x10, 0x6a, 0x20, END, 0x4b, 0x0d, 0x01, // p + 16 > end: break
    0x20, N, 0x20, P, 0xfd, 0x00, 0x00, 0x00, 0x20, NL, 0xfd, 0x23, 0xfd, 0x64, 0x69, 0x6a, 0x21, N, // n += popcnt(bitmask(load == NL))
    0x20, P, 0x41, 0x10, 0x6a, 0x21, P, 0x0c, 0x00, // p += 16
    0x0b, 0x0b,
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, P, 0x20, END, 0x4f, 0x0d, 0x01, // p >= end: break
    0x20, N, 0x20, P, 0x2d, 0x00, 0x00, 0x41, 0x0a, 0x46, 0x6a, 0x21, N, // n += load8(p) == 10
    0x20, P, 0x41, 0x01, 0x6a, 0x21, P, 0x0c, 0x00, // p += 1
    0x0b, 0x0b, 0x20, N, 0x0b];
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x02, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // types: (i32 i32 i32) -> i32, (i32 i32) -> i32
    ...section(3, [0x02, 0x00, 0x01]),
    ...section(5, [0x01, 0x00, 0x04]), // memory: 4 pages, growable
    // exports: skip, count, mem
    ...section(7, [0x03, 0x04, 0x73, 0x6b, 0x69, 0x70, 0x00, 0x00, 0x05, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0x00, 0x01, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00]),
    ...section(10, [0x02, ...uleb(body.length), ...body, ...uleb(count.length), ...count])]);
}

export class LiteralPrefilter {
  private readonly m: number;
  private readonly byPair = new Map<number, Needle[]>();
  private readonly skip: (i: number, end: number, back: number) => number;
  private readonly count: (p: number, end: number) => number;
  /** How many bytes of the window are in the module's memory (from TEXT). */
  private length = 0;
  private readonly memory: WebAssembly.Memory;
  private heap: Uint8Array;

  private constructor(needles: Needle[]) {
    this.m = Math.min(255, ...needles.map((n) => n.bytes.length));
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(searchModule()));
    this.skip = exports.skip as (i: number, end: number, back: number) => number;
    this.count = exports.count as (p: number, end: number) => number;
    this.memory = exports.mem as WebAssembly.Memory;
    this.heap = new Uint8Array(this.memory.buffer);
    const { m, heap } = this;
    heap.fill(m - 1, 0, BLOOM);
    for (const n of needles) {
      const b = n.bytes;
      for (let q = 1; q < m; q++) {
        const pair = (b[q - 1]! | 0x20) | ((b[q]! | 0x20) << 8);
        heap[pair] = Math.min(heap[pair]!, m - 1 - q);
      }
      const h = Math.imul((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) | 0x20202020, HASH_MUL) >>> 16;
      heap[BLOOM + (h >> 3)] = heap[BLOOM + (h >> 3)]! | (1 << (h & 7));
      const last = (b[m - 2]! | 0x20) | ((b[m - 1]! | 0x20) << 8);
      this.byPair.set(last, [...(this.byPair.get(last) ?? []), n]);
    }
  }

  /** A prefilter for these anchors, or undefined when one of them does not suit it (then use the regex). */
  static of(anchors: readonly PrefilterAnchor[]): LiteralPrefilter | undefined {
    const needles = new Map<string, Needle>();
    for (const a of anchors) {
      const n = needleOf(a.source);
      if (!n || n.needle.length < MIN_NEEDLE) return undefined;
      const had = needles.get(n.needle);
      if (had) had.uses.push({ at: a.at, before: n.before });
      else needles.set(n.needle, { bytes: Buffer.from(n.needle, 'latin1'), uses: [{ at: a.at, before: n.before }] });
    }
    return needles.size ? new LiteralPrefilter([...needles.values()]) : undefined;
  }

  /** Copies the scanner's window (bytes[0, end)) in: what starts() and lines() look at. */
  load(bytes: Uint8Array, end: number): void {
    if (TEXT + end > this.heap.length) {
      this.memory.grow(Math.ceil((TEXT + end - this.heap.length) / 65536));
      this.heap = new Uint8Array(this.memory.buffer);
    }
    this.heap.set(bytes.subarray(0, end), TEXT);
    this.length = end;
  }

  /** Line feeds in the loaded window's [from, to). */
  lines(from: number, to: number): number {
    return this.count(TEXT + from, TEXT + Math.min(to, this.length));
  }

  /**
   * Every position in [from, cutoff) where an anchor matches `text()` (the latin1 string of the loaded
   * window, bytes[0, end)), in increasing order; `text` is only asked for when a needle is found.
   */
  starts(bytes: Uint8Array, text: () => string, from: number, cutoff: number, end: number): number[] {
    const found: number[] = [];
    if (end - from < this.m) return found;
    const heap = this.heap;
    const { m, skip } = this;
    const last = TEXT + end;
    for (let i = skip(TEXT + from + m - 1, last, m - 1); i < last; i = skip(i + 1, last, m - 1)) {
      const at = i - TEXT - m + 1;
      for (const n of this.byPair.get((heap[i - 1]! | 0x20) | ((heap[i]! | 0x20) << 8)) ?? []) {
        if (!equalsFolded(bytes, at, end, n.bytes)) continue;
        for (const use of n.uses) {
          const start = walkBack(bytes, at, use.before);
          if (start < from || start >= cutoff) continue;
          use.at.lastIndex = start;
          if (use.at.test(text())) found.push(start);
        }
      }
    }
    if (found.length < 2) return found;
    found.sort((a, b) => a - b);
    return found.filter((p, k) => k === 0 || p !== found[k - 1]);
  }
}

function equalsFolded(bytes: Uint8Array, at: number, end: number, needle: Uint8Array): boolean {
  if (at + needle.length > end) return false;
  for (let j = 0; j < needle.length; j++) if (FOLD[bytes[at + j]!] !== needle[j]) return false;
  return true;
}

/** Where an anchor starts that has `before` literal characters before the needle at `at`; -1 if none can. */
function walkBack(bytes: Uint8Array, at: number, before: number): number {
  let i = at;
  for (let count = 0; count < before; ) {
    if (--i < 0) return -1;
    if (!WS[bytes[i]!]) count++;
  }
  return i;
}
