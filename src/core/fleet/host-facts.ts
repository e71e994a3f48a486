import type { FactValue, Provenance } from '../facts/types.js';
import type { PipelineRun } from '../run/run-check.js';
import type { CheckRun } from '../run/check-run.js';
import { parseVersion, type Version } from '../versions.js';
import { siteOf, type SiteAssignment } from './sites.js';

/**
 * One host of a many-host run, kept small: its results and only the facts the site rules read (a run of
 * 1,000 snapshots must not keep 1,000 fact stores).
 */
export interface FleetHost {
  /** The host name (the snapshot's or the live host's). */
  name: string;
  /** Where the facts came from, as the operator named it ("site-a/cce01.json"). */
  ref: string;
  source: CheckRun['source'];
  host: CheckRun['host'];
  site: SiteAssignment;
  version: Version | undefined;
  /** 'cce-appliance' or 'lync-server' when host.kind is known. */
  kind: string | undefined;
  results: CheckRun['results'];
  /**
   * Set when the run kept only each rule's outcome (runFleet's retain: 'outcomes'): status, severity,
   * title, message and what was unavailable, without evidence or remediation (onHost had them whole).
   * Equal outcomes of different hosts are then one frozen record: copy one to change it.
   */
  outcomesOnly?: true;
  warnings: string[];
  partial: boolean;
  /** The facts the site rules need (and the ones grouping read), as collected. */
  facts: ReadonlyMap<string, FactValue>;
  /**
   * Where the collected facts behind derived ones came from (certs.internal for certs.internalParsed): a
   * site rule's evidence names the collected fact, whose value (PEM and all) need not be kept for that.
   */
  sources: ReadonlyMap<string, Provenance>;
}

/** The facts grouping reads, whatever the site rules need. */
export const GROUPING_FACTS = ['host.name', 'host.kind', 'cce.version', 'cce.topology', 'tenant.appliances'] as const;

/** A finished host run, cut down to what the many-host run keeps. */
export function fleetHost(run: PipelineRun, keep: ReadonlySet<string>): FleetHost {
  const facts = new Map<string, FactValue>();
  // get, not has: grouping reads derived facts too (cce.topology, cce.version, host.kind), which a store
  // computes on demand and never "has".
  for (const id of new Set([...GROUPING_FACTS, ...keep])) facts.set(id, run.store.get(id));
  const sources = new Map<string, Provenance>();
  for (const v of facts.values()) {
    for (const from of v.provenance?.derivedFrom ?? []) if (!facts.has(from) && run.store.has(from)) sources.set(from, run.store.get(from).provenance);
  }
  const v = facts.get('cce.version');
  const kind = facts.get('host.kind');
  return {
    name: run.host.name,
    ref: run.source.ref,
    source: run.source,
    host: run.host,
    site: siteOf(run.host.name, facts),
    version: v?.status === 'ok' ? parseVersion(String(v.value)) : undefined,
    kind: kind?.status === 'ok' ? String(kind.value) : undefined,
    results: run.results,
    warnings: run.warnings,
    partial: run.partial,
    facts,
    sources,
  };
}
