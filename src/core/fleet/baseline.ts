import { InputError } from '../errors.js';
import type { RuleResult } from '../rules/types.js';
import { parseJsonText, readJsonFile } from './json-file.js';
import type { Marked } from './marks.js';

/** The findings of a previous run (`--baseline previous.json`), by where they were. */
export interface Baseline {
  /** "host:<name>|<rule>" and "site:<site>|<rule>", lower case. */
  keys: ReadonlySet<string>;
  /** How many findings it holds. */
  size: number;
}

const hostKey = (host: string, rule: string) => `host:${host.toLowerCase()}|${rule}`;
const siteKey = (site: string, rule: string) => `site:${site.toLowerCase()}|${rule}`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A previous `ccdoctor check --format json`: one host (schema ccdoctor/check@1) or many (ccdoctor/fleet@1).
 * Its failing results are the known findings. Anything else is an InputError naming the file and the place.
 */
export function parseBaseline(text: string, shown: string): Baseline {
  return baselineFrom(parseJsonText(text, `--baseline ${shown}`, BASELINE_HINT), shown);
}

const BASELINE_HINT = 'give the output of a previous ccdoctor check --format json';

function baselineFrom(json: unknown, shown: string): Baseline {
  const schema = isObject(json) ? json.schema : undefined;
  const keys = new Set<string>();
  let size = 0;
  const take = (results: unknown, where: string, key: (rule: string) => string) => {
    if (!Array.isArray(results)) throw new InputError(`--baseline ${shown}: ${where}.results must be an array`);
    results.forEach((r, i) => {
      if (!isObject(r) || typeof r.rule !== 'string' || typeof r.status !== 'string') {
        throw new InputError(`--baseline ${shown}: ${where}.results[${i}] must have a rule and a status`);
      }
      if (r.status === 'fail') {
        keys.add(key(r.rule));
        size++;
      }
    });
  };
  if (schema === 'ccdoctor/check@1') {
    const j = json as Json;
    const host = isObject(j.host) ? j.host.name : undefined;
    if (typeof host !== 'string') throw new InputError(`--baseline ${shown}: host.name is missing`);
    take(j.results, '', (rule) => hostKey(host, rule));
  } else if (schema === 'ccdoctor/fleet@1') {
    const j = json as Json;
    if (!Array.isArray(j.hosts)) throw new InputError(`--baseline ${shown}: hosts must be an array`);
    j.hosts.forEach((h, i) => {
      if (!isObject(h) || typeof h.name !== 'string') throw new InputError(`--baseline ${shown}: hosts[${i}].name is missing`);
      take(h.results, `hosts[${i}]`, (rule) => hostKey(h.name as string, rule));
    });
    const site = Array.isArray(j.siteResults) ? j.siteResults : [];
    site.forEach((r, i) => {
      if (!isObject(r) || typeof r.rule !== 'string' || typeof r.site !== 'string' || typeof r.status !== 'string') {
        throw new InputError(`--baseline ${shown}: siteResults[${i}] must have a rule, a site and a status`);
      }
      if (r.status === 'fail') {
        keys.add(siteKey(r.site, r.rule));
        size++;
      }
    });
  } else {
    throw new InputError(
      `--baseline ${shown}: schema is ${typeof schema === 'string' ? `"${schema.slice(0, 40)}"` : 'missing'}; give the output of a previous ccdoctor check --format json (ccdoctor/check@1 or ccdoctor/fleet@1)`,
    );
  }
  return { keys, size };
}

export async function loadBaseline(path: string, shown: string): Promise<Baseline> {
  return baselineFrom(await readJsonFile(path, `--baseline ${shown}`, BASELINE_HINT), shown);
}

/** Marks every failing result 'known' (the baseline had it: same rule, same host or site) or 'new'. */
export function applyBaseline<R extends Marked>(run: R, baseline: Baseline): R {
  const mark = <T extends RuleResult>(r: T, key: string): T => (r.status === 'fail' ? { ...r, baseline: baseline.keys.has(key) ? 'known' : 'new' } : r);
  return {
    ...run,
    hosts: run.hosts.map((h) => ({ ...h, results: h.results.map((r) => mark(r, hostKey(h.name, r.rule))) })),
    siteResults: run.siteResults.map((r) => mark(r, siteKey(r.site, r.rule))),
  };
}
