import { countedFailure, failingResults, type FailOn } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import type { FleetRun } from './run-fleet.js';

/** The sentence a many-host run leads with, and the counts behind it. */
export interface FleetVerdict {
  tone: 'ok' | 'problems' | 'incomplete';
  text: string;
  /** Every host's every rule decided, every site rule decided, every input read. */
  complete: boolean;
  hosts: number;
  /** Hosts with at least one finding that counts (not waived, not known from the baseline). */
  hostsWithProblems: number;
  /** Findings that count, on hosts. */
  problems: number;
  /** Site rule findings that count. */
  siteProblems: number;
  /** Hosts where some rule could not decide or broke (or the run stopped early). */
  incompleteHosts: number;
  unreadable: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function fleetVerdict(run: FleetRun): FleetVerdict {
  let hostsWithProblems = 0;
  let problems = 0;
  let incompleteHosts = 0;
  for (const h of run.hosts) {
    const n = h.results.filter(countedFailure).length;
    problems += n;
    if (n > 0) hostsWithProblems++;
    if (h.partial || !verdict(h.results).complete) incompleteHosts++;
  }
  const siteProblems = run.siteResults.filter(countedFailure).length;
  const siteIncomplete = run.siteResults.some((r) => r.status === 'unknown' || r.status === 'error');
  const unreadable = run.failed.length;
  const total = run.hosts.length;
  const complete = incompleteHosts === 0 && !siteIncomplete && unreadable === 0 && !run.partial;
  const sites = plural(run.sites.length, 'site');
  const parts: string[] = [];
  if (problems > 0) parts.push(`${plural(problems, 'problem')} on ${hostsWithProblems} of ${plural(total, 'host')}`);
  if (siteProblems > 0) parts.push(plural(siteProblems, 'site finding'));
  const gaps: string[] = [];
  if (incompleteHosts > 0) gaps.push(`${incompleteHosts} of ${plural(total, 'host')} could not be fully checked`);
  if (siteIncomplete) gaps.push('some site rules could not decide');
  if (unreadable > 0) gaps.push(`${plural(unreadable, 'input')} could not be read`);
  if (run.partial) gaps.push('the run was stopped before every input was read');
  // As for one host: an incomplete run is never "No problems found." (it leads with what is missing).
  let text: string;
  if (gaps.length > 0) text = `Incomplete: ${gaps.join('; ')}. The checks that ran found ${parts.length > 0 ? parts.join(' and ') : `no problems on ${plural(total, 'host')} in ${sites}`}.`;
  else text = parts.length > 0 ? `${parts.join(' and ')} found.` : `No problems found on ${plural(total, 'host')} in ${sites}.`;
  const tone = gaps.length > 0 ? 'incomplete' : parts.length > 0 ? 'problems' : 'ok';
  return { tone, text, complete, hosts: total, hostsWithProblems, problems, siteProblems, incompleteHosts, unreadable };
}

/**
 * What makes a many-host check exit 1: failures that count at or above the threshold, on a host or a
 * site, and every input that could not be read (a host that could not be checked is never a pass).
 */
export function fleetFailing(run: FleetRun, threshold: FailOn): number {
  let n = run.failed.length;
  for (const h of run.hosts) n += failingResults(h.results, threshold).length;
  return n + failingResults(run.siteResults, threshold).length;
}
