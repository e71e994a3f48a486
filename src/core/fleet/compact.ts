import type { FactValue } from '../facts/types.js';
import type { RuleResult } from '../rules/types.js';

/** The empty evidence and remediation of every outcome kept without them: one array, which no one may fill. */
const NONE = Object.freeze([]) as unknown as never[];

/**
 * A many-host run keeps every host's results until the end (site rules, the overview, the reports), so
 * what it keeps is kept small: the same text from host to host (titles, messages, labels, paths, the
 * provenance of a fact) is held once for the whole run, and arrays without the spare room they grew.
 * Results come out equal to what went in (the same JSON, the same deep equality); only sharing changes.
 */
export class Compactor {
  /** Text seen on two hosts or more: shared from then on. */
  private readonly shared = new Map<string, string>();
  /** Text seen once so far; forgotten in bulk when it grows (text unique to one host never gets shared). */
  private seenOnce = new Map<string, string>();
  /** This host's provenance records, by content: equal ones become one object. */
  private provenances = new Map<string, object[]>();
  /** Outcomes kept without evidence, by content. */
  private readonly outcomeRecords = new Map<string, RuleResult>();

  /** Strings longer than this are seldom repeated (log excerpts, long messages): kept as they are. */
  static readonly MAX_SHARED = 400;
  /** Bounds on the tables, so that a fleet of all-different hosts costs no more than it gains. */
  static readonly MAX_SEEN_ONCE = 50_000;
  static readonly MAX_ENTRIES = 200_000;

  /** A deep copy of one host's results (or any JSON-like value) with repeated text and provenance shared. */
  host<T>(value: T): T {
    this.provenances = new Map();
    return this.copy(value, '');
  }

  /**
   * One host's results cut down to their outcomes: no evidence, no remediation. An outcome is mostly the
   * same on many hosts ("every appliance VM is connected to its switches"): equal ones are one record,
   * frozen (copy one to change it).
   */
  outcomes(results: readonly RuleResult[]): RuleResult[] {
    this.provenances = new Map();
    return results.map((r) => {
      const key = outcomeKey(r);
      const known = this.outcomeRecords.get(key);
      if (known) return known;
      const slim = this.copy({ ...r, evidence: NONE, remediation: NONE }, '');
      for (const u of slim.unavailable) Object.freeze(u);
      Object.freeze(slim.unavailable);
      Object.freeze(slim);
      if (this.outcomeRecords.size < Compactor.MAX_ENTRIES) this.outcomeRecords.set(key, slim);
      return slim;
    });
  }

  /** The facts a host keeps for the site rules, compacted as results are (values that are not plain data stay as they are). */
  facts(facts: ReadonlyMap<string, FactValue>): Map<string, FactValue> {
    this.provenances = new Map();
    const out = new Map<string, FactValue>();
    for (const [id, v] of facts) out.set(id, this.copy(v, ''));
    return out;
  }

  private copy<T>(value: T, key: string): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      if (value.length === 0) return (value === NONE ? NONE : []) as T;
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.copy(value[i], key);
      return out as T;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // bytes, a Date, a Map: kept as they are
    if (key === 'provenance') return this.provenance(value as object) as T;
    const out: Record<string, unknown> = {};
    for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k)) out[k] = this.copy((value as Record<string, unknown>)[k], k);
    return out as T;
  }

  private text(s: string): string {
    if (s.length > Compactor.MAX_SHARED) return s;
    const known = this.shared.get(s);
    if (known !== undefined) return known;
    const once = this.seenOnce.get(s);
    if (once === undefined) {
      if (this.seenOnce.size >= Compactor.MAX_SEEN_ONCE) this.seenOnce = new Map();
      this.seenOnce.set(s, s);
      return s;
    }
    if (this.shared.size < Compactor.MAX_ENTRIES) {
      this.shared.set(once, once);
      this.seenOnce.delete(once);
    }
    return once;
  }

  private provenance(p: object): object {
    // Equal provenance has the same ref (a fact's place in a file, a probe): compare only those.
    const ref = (p as { ref?: unknown }).ref;
    const key = typeof ref === 'string' ? ref : '';
    const candidates = this.provenances.get(key);
    const known = candidates?.find((c) => sameData(c, p));
    if (known) return known;
    const out = this.copy(p, '');
    if (candidates) candidates.push(out);
    else this.provenances.set(key, [out]);
    return out;
  }
}

/** Deep equality of plain JSON-like data (what results hold). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Everything of a result but its evidence and remediation, as one string: equal outcomes, equal keys. */
function outcomeKey(r: RuleResult): string {
  let key = '';
  for (const k in r) {
    if (k === 'evidence' || k === 'remediation' || !Object.prototype.hasOwnProperty.call(r, k)) continue;
    const v = (r as unknown as Record<string, unknown>)[k];
    key += `${k}\u0000${typeof v === 'string' ? v : JSON.stringify(v)}\u0001`;
  }
  return key;
}
