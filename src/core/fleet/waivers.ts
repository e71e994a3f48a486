import { InputError } from '../errors.js';
import { quoted } from '../text/sanitize.js';
import { outputText } from '../output/mask.js';
import type { RuleResult } from '../rules/types.js';
import { parseJsonText, readJsonFile } from './json-file.js';
import type { Marked } from './marks.js';

/** One entry of a waiver file (`--waivers FILE`): a known finding accepted for a while, with the reason. */
export interface Waiver {
  rule: string;
  /** Only this host's finding (case-insensitive); neither host nor site: the rule's findings everywhere. */
  host?: string;
  /** Only the findings of this site's hosts and this site's site rules (case-insensitive). */
  site?: string;
  reason: string;
  /** yyyy-mm-dd: the waiver holds through that day (UTC). */
  expires: string;
  /** Its place in the file (1-based), for messages. */
  entry: number;
}

const FIELDS = new Set(['rule', 'host', 'site', 'reason', 'expires']);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A waiver file's JSON: an array of {rule, host? or site?, reason, expires}. Anything wrong is an
 * InputError naming the file, the entry (1-based) and the field.
 */
export function parseWaivers(text: string, shown: string): Waiver[] {
  return waiversFrom(parseJsonText(text, `--waivers ${shown}`, WAIVER_HINT), shown);
}

const WAIVER_HINT = 'a waiver file is a JSON array of {"rule", "host" or "site", "reason", "expires": "yyyy-mm-dd"}';

function waiversFrom(json: unknown, shown: string): Waiver[] {
  if (!Array.isArray(json)) throw new InputError(`--waivers ${shown}: ${WAIVER_HINT}`);
  return json.map((raw, i) => waiverEntry(raw, i + 1, shown));
}

function waiverEntry(raw: unknown, entry: number, shown: string): Waiver {
  const at = (field: string, what: string) => new InputError(`--waivers ${shown}: entry ${entry}, ${field}: ${what}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`--waivers ${shown}: entry ${entry}: must be an object {"rule", "host" or "site", "reason", "expires"}`);
  const o = raw as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !FIELDS.has(k));
  if (extra !== undefined) throw at(`"${quoted(extra, 40)}"`, `unknown field (the fields are rule, host, site, reason, expires)`);
  const text = (field: string, required: boolean): string | undefined => {
    const v = o[field];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw at(field, v === undefined ? 'required' : 'must be a non-empty string');
    return v.trim();
  };
  const rule = text('rule', true)!;
  const host = text('host', false);
  const site = text('site', false);
  if (host !== undefined && site !== undefined) throw at('site', 'give host or site, not both (a host waiver already names its site)');
  const reason = text('reason', true)!;
  const expires = text('expires', true)!;
  if (!validDay(expires)) throw at('expires', `must be a date yyyy-mm-dd (got "${quoted(expires, 40)}")`);
  return { rule, ...(host !== undefined ? { host } : {}), ...(site !== undefined ? { site } : {}), reason, expires, entry };
}

function validDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Reads and checks a waiver file. */
export async function loadWaivers(path: string, shown: string): Promise<Waiver[]> {
  return waiversFrom(await readJsonFile(path, `--waivers ${shown}`, WAIVER_HINT), shown);
}

/** How a waiver is named in output: "waiver 3 (rule-id, host CCE01)". */
export function describeWaiver(w: Waiver): string {
  return `waiver ${w.entry} (${w.rule}${w.host !== undefined ? `, host ${w.host}` : w.site !== undefined ? `, site ${w.site}` : ', every host'})`;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Where a result is: a host's (with its site), or a site rule's (its site, "all sites" for a fleet rule). */
export interface Place {
  host?: string;
  site: string;
}

function matches(w: Waiver, r: RuleResult, place: Place): boolean {
  if (w.rule !== r.rule) return false;
  if (w.host !== undefined) return place.host !== undefined && same(w.host, place.host);
  if (w.site !== undefined) return same(w.site, place.site);
  return true;
}

/**
 * Marks every failing result a waiver matches (the first one still valid, else the first expired one):
 * a waived finding stays in the results, marked, and does not count as failing; an expired waiver's finding
 * counts again and says so. Returns the run with the marks and the waivers that matched no finding.
 */
export function applyWaivers<R extends Marked>(run: R, waivers: readonly Waiver[], now: Date): { run: R; unused: Waiver[] } {
  const today = now.toISOString().slice(0, 10);
  const used = new Set<Waiver>();
  const mark = <T extends RuleResult>(r: T, place: Place): T => {
    if (r.status !== 'fail') return r;
    const all = waivers.filter((w) => matches(w, r, place));
    if (all.length === 0) return r;
    for (const w of all) used.add(w);
    const w = all.find((x) => x.expires >= today) ?? all[0]!;
    const scope = w.host !== undefined ? `host ${w.host}` : w.site !== undefined ? `site ${w.site}` : 'every host';
    // The operator's own text, cleaned and masked like every other text that reaches an output.
    return { ...r, waiver: { reason: outputText(w.reason), expires: w.expires, expired: w.expires < today, scope: outputText(scope) } };
  };
  const marked = {
    ...run,
    hosts: run.hosts.map((h) => ({ ...h, results: h.results.map((r) => mark(r, { host: h.name, site: h.site.name })) })),
    siteResults: run.siteResults.map((r) => mark(r, { site: r.site })),
  };
  return { run: marked, unused: waivers.filter((w) => !used.has(w)) };
}

/** The warning for a waiver that matched no finding. */
export function unusedWaiverNote(w: Waiver, shown: string): string {
  return `${shown}: ${describeWaiver(w)} matches no finding in this run: the problem is gone or the rule id, host or site is misspelt; remove the entry or correct it`;
}
