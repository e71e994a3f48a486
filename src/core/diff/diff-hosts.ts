import type { FactSpec, FactStatus, FactValue } from '../facts/types.js';
import type { PipelineRun } from '../run/run-check.js';
import type { Outcome, Severity } from '../rules/types.js';
import { severityRank } from '../run/check-run.js';
import { flatten, pathText, type Leaf } from './flatten.js';
import { isNoise } from './noise.js';

export const DIFF_SCHEMA = 'ccdoctor/diff';
export const DIFF_VERSION = 1;

export interface DiffSide {
  host: string;
  ref: string;
  cceVersion?: string;
  collectedAt?: string;
}

export interface RuleChange {
  rule: string;
  title: string;
  severity: Severity;
  a: { status: Outcome; message: string };
  b: { status: Outcome; message: string };
}

/** One value that differs inside a fact. A list compared as a set has added/removed instead of a/b. */
export interface FactChange {
  /** Where inside the fact ("ips.Mediation", "[MS01].state"); "" for the whole value. */
  path: string;
  /** The value on A and on B; absent when that side has no such value. */
  a?: string;
  b?: string;
  added?: string[];
  removed?: string[];
  /** Left out unless --all (see noise.ts). */
  noise: boolean;
}

export interface FactDiff {
  fact: string;
  title: string;
  /** The fact's status on each side when it differs ("absent": not collected there at all). */
  status?: { a: FactStatus | 'absent'; b: FactStatus | 'absent'; message?: string };
  changes: FactChange[];
}

export interface HostDiff {
  schema: typeof DIFF_SCHEMA;
  version: typeof DIFF_VERSION;
  redacted: boolean;
  /** --all: noise differences are included (each marked noise). */
  all: boolean;
  a: DiffSide;
  b: DiffSide;
  /** Rules whose outcome differs, worst first. */
  rules: RuleChange[];
  /** Facts that differ, grouped by area (the fact id's first segment), areas and facts by name. */
  areas: { area: string; facts: FactDiff[] }[];
  /** Differences left out as noise (0 with --all). */
  noiseLeftOut: number;
  /** Neither a rule outcome nor a fact differs (noise aside, unless --all). */
  same: boolean;
}

const RANK: Record<Outcome, number> = { fail: 0, error: 1, unknown: 2, pass: 3, 'not-applicable': 4 };

/**
 * What differs between two hosts' runs (each through the one pipeline, runCheck): the rules whose
 * outcome changed, then the facts that differ, path by path inside each value. The values are raw host
 * text here: cleanDiff masks, strips and redacts them before anything is shown.
 */
export function diffRuns(a: PipelineRun, b: PipelineRun, specs: ReadonlyMap<string, FactSpec<any>>, opts: { all?: boolean } = {}): HostDiff {
  const all = opts.all ?? false;
  const rules = ruleChanges(a, b);
  let noiseLeftOut = 0;
  const byArea = new Map<string, FactDiff[]>();
  for (const [id, spec] of [...specs].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const inA = a.store.has(id);
    const inB = b.store.has(id);
    if (!spec.derive && !inA && !inB) continue;
    const d = factDiff(id, spec, spec.derive || inA ? a.store.get(id) : undefined, spec.derive || inB ? b.store.get(id) : undefined);
    if (!d) continue;
    const kept = all ? d.changes : d.changes.filter((c) => !c.noise);
    noiseLeftOut += d.changes.length - kept.length;
    if (kept.length === 0 && !d.status) continue;
    const area = id.split('.')[0]!;
    byArea.set(area, [...(byArea.get(area) ?? []), { ...d, changes: kept }]);
  }
  const areas = [...byArea].sort(([x], [y]) => (x < y ? -1 : 1)).map(([area, facts]) => ({ area, facts }));
  return {
    schema: DIFF_SCHEMA, version: DIFF_VERSION, redacted: false, all,
    a: side(a), b: side(b), rules, areas, noiseLeftOut,
    same: rules.length === 0 && areas.length === 0,
  };
}

function side(run: PipelineRun): DiffSide {
  return {
    host: run.host.name, ref: run.source.ref,
    ...(run.host.cceVersion ? { cceVersion: run.host.cceVersion } : {}),
    ...(run.host.collectedAt ? { collectedAt: run.host.collectedAt } : {}),
  };
}

function ruleChanges(a: PipelineRun, b: PipelineRun): RuleChange[] {
  const inB = new Map(b.results.map((r) => [r.rule, r]));
  const out: RuleChange[] = [];
  for (const ra of a.results) {
    const rb = inB.get(ra.rule);
    if (!rb || rb.status === ra.status) continue;
    out.push({ rule: ra.rule, title: ra.title, severity: ra.severity, a: { status: ra.status, message: ra.message }, b: { status: rb.status, message: rb.message } });
  }
  const worst = (c: RuleChange) => Math.min(RANK[c.a.status], RANK[c.b.status]);
  return out.sort((x, y) => worst(x) - worst(y) || severityRank(x.severity) - severityRank(y.severity) || (x.rule < y.rule ? -1 : 1));
}

function factDiff(id: string, spec: FactSpec<any>, a: FactValue | undefined, b: FactValue | undefined): FactDiff | undefined {
  const sa = a?.status ?? 'absent';
  const sb = b?.status ?? 'absent';
  const title = spec.title;
  if (sa !== sb) {
    const message = (sb !== 'ok' && sb !== 'absent' ? b?.message : sa !== 'ok' && sa !== 'absent' ? a?.message : undefined) ?? undefined;
    return { fact: id, title, status: { a: sa, b: sb, ...(message ? { message } : {}) }, changes: [] };
  }
  if (sa !== 'ok' || sb !== 'ok') return undefined;
  if (spec.sensitive) {
    const same = flattenKey(a!.value) === flattenKey(b!.value);
    return same ? undefined : { fact: id, title, changes: [{ path: '', a: '(sensitive: not shown)', b: '(sensitive: not shown)', noise: false }] };
  }
  const fa = flatten(a!.value);
  const fb = flatten(b!.value);
  const changes: FactChange[] = [];
  for (const [key, { path, leaf }] of fa) {
    const other = fb.get(key);
    if (other && other.leaf.key === leaf.key) continue;
    if (!other && onlyHere(path, fb)) continue;
    changes.push(change(key, path, id, leaf, other?.leaf));
  }
  for (const [key, { path, leaf }] of fb) if (!fa.has(key) && !onlyHere(path, fa)) changes.push(change(key, path, id, undefined, leaf));
  changes.push(...elements(fa, fb, id, 'a'), ...elements(fb, fa, id, 'b'));
  return changes.length ? { fact: id, title, changes } : undefined;
}

type Flat = ReturnType<typeof flatten>;

/** The outermost list element ("[AD01]") of a path that the other side does not have at all. */
function missingElement(path: readonly string[], other: Flat): string[] | undefined {
  for (let i = 0; i < path.length; i++) {
    if (!path[i]!.startsWith('[')) continue;
    const prefix = pathText(path.slice(0, i + 1));
    if (![...other.keys()].some((k) => k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))) return path.slice(0, i + 1);
  }
  return undefined;
}

function onlyHere(path: readonly string[], other: Flat): boolean {
  return missingElement(path, other) !== undefined;
}

/** A list element only one side has: one line, its values in short, instead of one line per field. */
function elements(here: Flat, other: Flat, factId: string, side: 'a' | 'b'): FactChange[] {
  const groups = new Map<string, { path: string[]; parts: string[] }>();
  for (const [key, { path, leaf }] of here) {
    if (other.has(key)) continue;
    const el = missingElement(path, other);
    if (!el) continue;
    const name = pathText(el);
    const g = groups.get(name) ?? { path: el, parts: [] };
    const rest = pathText(path.slice(el.length));
    if (leaf.shown !== 'null' && leaf.shown !== '') g.parts.push(rest ? `${rest.replace(/^\./, '')} ${leaf.shown}` : leaf.shown);
    groups.set(name, g);
  }
  return [...groups].map(([name, g]) => ({ path: name, [side]: `{ ${g.parts.join('; ')} }`, noise: isNoise(factId, g.path) }));
}

function change(key: string, path: string[], factId: string, a: Leaf | undefined, b: Leaf | undefined): FactChange {
  const noise = isNoise(factId, path);
  if (a?.items && b?.items) {
    const inA = new Set(a.items);
    const inB = new Set(b.items);
    return { path: key, added: b.items.filter((x) => !inA.has(x)), removed: a.items.filter((x) => !inB.has(x)), noise };
  }
  // Content that is never shown reads the same on both sides (a === b): the renderers say it differs.
  return { path: key, ...(a ? { a: a.shown } : {}), ...(b ? { b: b.shown } : {}), noise };
}

function flattenKey(v: unknown): string {
  return [...flatten(v).values()].map((x) => x.leaf.key).join('\u0000');
}
