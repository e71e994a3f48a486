import type { FleetRun } from '../fleet/run-fleet.js';
import type { FleetHost } from '../fleet/host-facts.js';
import { fleetFailing, fleetVerdict } from '../fleet/fleet-verdict.js';
import { formatVersion } from '../versions.js';
import { orderResults, type FailOn } from '../run/check-run.js';
import { verdict } from '../run/verdict.js';
import { resultJson, summaryJson } from './check-json.js';

export const FLEET_SCHEMA = 'ccdoctor/fleet@1';

/** One host's entry in hosts[]: its results and summary exactly as ccdoctor/check@1 has them. */
export function fleetHostJson(h: FleetHost, threshold: FailOn): object {
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
}

/** What follows hosts[]: the sites, the site rules, and the run's verdict and counts (all hosts known by then). */
export function fleetTailJson(run: FleetRun, threshold: FailOn, warnings: readonly string[] = []): object {
  const v = fleetVerdict(run);
  return {
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
    complete: v.complete,
    verdict: v.text,
    partial: run.partial,
    warnings,
  };
}

const HOST_AT = '{\n  "hosts": [\n    ';
const HOST_END = '\n  ]\n}';

/**
 * The stable JSON of a many-host check (documented in src/core/output/FLEET-JSON.md), written as it goes:
 * the head, then each host as soon as it is checked (the run keeps only its outcomes), then the tail. The
 * text is what JSON.stringify(doc, null, 2) gives for the whole document, so nothing of 5,000 hosts' results
 * is ever held at once.
 */
export class FleetJsonWriter {
  private hosts = 0;
  private readonly head: string;

  constructor(
    private readonly write: (text: string) => void,
    private readonly threshold: FailOn,
    toolVersion: string,
  ) {
    const head = JSON.stringify({ schema: FLEET_SCHEMA, tool: { name: 'ccdoctor', version: toolVersion }, hosts: [] }, null, 2);
    this.head = head.slice(0, head.lastIndexOf('[]') + 1);
  }

  /** Written with the first host, so a run that reads no host writes nothing (it is an input error). */
  host(h: FleetHost): void {
    // Stringified where it sits in the document (hosts[i]), so JSON.stringify indents it itself.
    const json = JSON.stringify({ hosts: [fleetHostJson(h, this.threshold)] }, null, 2);
    this.write(`${this.hosts++ === 0 ? this.head : ','}\n${json.slice(HOST_AT.length - 4, json.length - HOST_END.length)}`);
  }

  end(run: FleetRun, warnings: readonly string[] = []): void {
    const tail = JSON.stringify(fleetTailJson(run, this.threshold, warnings), null, 2);
    this.write(`${this.hosts === 0 ? this.head : '\n  '}],\n${tail.slice(2)}\n`);
  }
}
