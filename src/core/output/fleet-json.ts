import type { FleetRun } from '../fleet/run-fleet.js';
import { fleetFailing, fleetVerdict } from '../fleet/fleet-verdict.js';
import { formatVersion } from '../versions.js';
import { orderResults, type FailOn } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import { resultJson, summaryJson } from './check-json.js';

export const FLEET_SCHEMA = 'ccdoctor/fleet@1';

/** The stable JSON of a many-host check (documented in src/core/output/FLEET-JSON.md). */
export function fleetJson(run: FleetRun, threshold: FailOn, toolVersion: string, warnings: readonly string[] = []): object {
  const v = fleetVerdict(run);
  return {
    schema: FLEET_SCHEMA,
    tool: { name: 'ccdoctor', version: toolVersion },
    complete: v.complete,
    verdict: v.text,
    hosts: run.hosts.map((h) => {
      const hv = verdict(h.results);
      return {
        name: h.name,
        ref: h.ref,
        source: h.source,
        host: h.host,
        site: h.site,
        ...(h.version ? { version: formatVersion(h.version) } : {}),
        ...(h.kind ? { kind: h.kind } : {}),
        complete: hv.complete && !h.partial,
        verdict: hv.text,
        results: orderResults(h.results).map(resultJson),
        summary: summaryJson(h.results, threshold),
        warnings: h.warnings,
      };
    }),
    sites: run.sites.map((s) => ({ name: s.name, hosts: s.hosts.map((h) => h.name) })),
    siteResults: run.siteResults.map((r) => ({ ...resultJson(r), scope: r.scope, site: r.site, hosts: r.hosts })),
    failed: run.failed,
    summary: {
      hosts: v.hosts,
      sites: run.sites.length,
      hostsWithProblems: v.hostsWithProblems,
      problems: v.problems,
      siteProblems: v.siteProblems,
      incompleteHosts: v.incompleteHosts,
      unreadable: v.unreadable,
      threshold,
      failing: fleetFailing(run, threshold),
      siteRules: summaryJson(run.siteResults, threshold),
    },
    partial: run.partial,
    warnings,
  };
}
