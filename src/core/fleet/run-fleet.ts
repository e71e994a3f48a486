import { InputError } from '../errors.js';
import type { Catalogue } from '../rules/catalogue.js';
import { outputText } from '../output/mask.js';
import { runCheck, type CollectedFacts, type FactSource, type PipelineRun } from '../run/run-check.js';
import type { EvaluateOptions } from '../engine/evaluate.js';
import { evaluateSiteRule, ALL_SITES } from './evaluate-site.js';
import { fleetHost, type FleetHost } from './host-facts.js';
import { Compactor } from './compact.js';
import type { SiteRuleResult } from './site-rule.js';
import type { RuleResult } from '../rules/types.js';
import { groupSites, type SiteGroup } from './sites.js';

/** An input that could not be read; the others were checked. */
export interface FleetFailure {
  ref: string;
  message: string;
}

/** A run over many hosts: each host's results, the sites they form, and the site rules' results. */
export interface FleetRun {
  hosts: FleetHost[];
  failed: FleetFailure[];
  sites: SiteGroup<FleetHost>[];
  /** Site rules in catalogue order; for each, its result per site (scope site) or once (scope fleet). */
  siteResults: SiteRuleResult[];
  /** Cancelled before every input was read. */
  partial: boolean;
}

export interface RunFleetOptions extends EvaluateOptions {
  signal?: AbortSignal;
  /**
   * What each kept host holds of its results: 'full' (default) keeps them whole (compacted: repeated text
   * shared); 'outcomes' keeps each rule's outcome without evidence or remediation (FleetHost.outcomesOnly),
   * for a run that writes each host's results as they come (onHost gets them whole): a few KB a host
   * instead of some 20 KB, which is what keeps 5,000 hosts within a few hundred MB. 'findings' keeps
   * failures, unknowns and errors whole and passes and not-applicable results as outcomes only: what the
   * text output shows (it never prints a pass's evidence).
   */
  retain?: 'full' | 'findings' | 'outcomes';
  /**
   * Each host's whole run, before it is cut down to what the many-host run keeps: a report's redactor
   * learns the names in every fact here (a kept host holds only the facts site rules read).
   */
  onRun?: (run: PipelineRun) => void;
  /** After each input: how many are done, of how many (when known), and what became of this one. */
  onHost?: (done: number, total: number | undefined, outcome: { host: FleetHost } | { failed: FleetFailure }) => void;
}

/**
 * The many-host pipeline: each source through the one check pipeline (runCheck), one at a time, keeping
 * only each host's results and the facts site rules read; then the hosts grouped into sites and the site
 * rules evaluated. An input that cannot be read is a failure of that input, never of the run.
 */
export async function runFleet(
  sources: Iterable<FactSource> | AsyncIterable<FactSource>,
  catalogue: Catalogue,
  opts: RunFleetOptions = {},
): Promise<FleetRun> {
  const now = opts.now ?? new Date();
  const options = opts.options ?? {};
  const keep = new Set<string>(catalogue.siteRules.flatMap((r) => [...r.needs, ...r.optional]));
  const total = Array.isArray(sources) ? sources.length : undefined;
  const hosts: FleetHost[] = [];
  const compactor = new Compactor();
  const failed: FleetFailure[] = [];
  let partial = false;
  const check = async (source: FactSource, collected: Promise<CollectedFacts>) => {
    try {
      // The source as read already (its collect started while the host before was checked).
      const run = await runCheck({ ...source, collect: () => collected }, catalogue, { now, options });
      opts.onRun?.(run);
      const whole = fleetHost(run, keep);
      const facts = compactor.facts(whole.facts);
      const host = opts.retain === 'outcomes'
        ? { ...whole, facts, results: compactor.outcomes(whole.results), outcomesOnly: true as const }
        : { ...whole, facts, results: opts.retain === 'findings' ? findingsOnly(compactor, whole.results) : compactor.host(whole.results) };
      hosts.push(host);
      opts.onHost?.(hosts.length + failed.length, total, { host: opts.retain === 'outcomes' ? whole : host });
    } catch (e) {
      if (!(e instanceof InputError) && !(e instanceof Error)) throw e;
      const failure = { ref: outputText(source.ref ?? source.label), message: outputText(e.message) };
      failed.push(failure);
      opts.onHost?.(hosts.length + failed.length, total, { failed: failure });
    }
  };
  // One input read ahead: the next file is read (on a libuv thread) while this host's rules run. A
  // cancel is seen before each host is checked, as without the read-ahead.
  let ahead: { source: FactSource; collected: Promise<CollectedFacts> } | undefined;
  let yielded = Date.now();
  for await (const source of sources) {
    // Snapshots are read and checked without waiting on anything: give the event loop a turn now and
    // then, or a signal (Ctrl-C → opts.signal) and timers would wait for the whole run.
    if (Date.now() - yielded > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = Date.now();
    }
    const collected = (async () => source.collect(catalogue.facts, { onProgress: () => {} }))();
    collected.catch(() => {}); // a failure is reported in its turn
    if (ahead) await check(ahead.source, ahead.collected);
    ahead = undefined;
    if (opts.signal?.aborted) {
      partial = true;
      break;
    }
    ahead = { source, collected };
  }
  if (ahead) await check(ahead.source, ahead.collected);
  const sites = groupSites(hosts);
  const siteResults: SiteRuleResult[] = [];
  for (const rule of catalogue.siteRules) {
    if (rule.scope === 'fleet') siteResults.push(evaluateSiteRule(rule, ALL_SITES, hosts, now, options));
    else for (const s of sites) siteResults.push(evaluateSiteRule(rule, s.name, s.hosts, now, options));
  }
  return { hosts, failed, sites, siteResults, partial };
}

/** A host's results with its findings (fail, unknown, error) whole and the rest as outcomes only, in order. */
function findingsOnly(compactor: Compactor, results: readonly RuleResult[]): RuleResult[] {
  const quiet = (r: RuleResult) => r.status === 'pass' || r.status === 'not-applicable';
  const slim = compactor.outcomes(results.filter(quiet));
  const whole = compactor.host(results.filter((r) => !quiet(r)));
  let i = 0;
  let j = 0;
  return results.map((r) => (quiet(r) ? slim[i++]! : whole[j++]!));
}
