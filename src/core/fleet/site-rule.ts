import type { FactId, FactTypes } from '../../facts/index.js';
import { checkDefinition } from '../rules/define.js';
import type { EvidenceItem, RemediationStep, RuleResult, Severity, Signature } from '../rules/types.js';
import { versionRange, type Version, type VersionRange } from '../versions.js';

/**
 * Site rules see several hosts at once (rules/site/*.ts). A `site` rule is evaluated once per site, with
 * that site's appliances; a `fleet` rule once per run, with every appliance of every site (two sites that
 * share one site directory, updates running in two sites at a time).
 */
export type SiteScope = 'site' | 'fleet';

/** One appliance as a site rule sees it: its name, its site and the facts the rule asked for. */
export interface SiteHost<N extends FactId, O extends FactId> {
  /** The host name (host.name, else the snapshot's host name). */
  name: string;
  /** Where its facts came from ("site-a/cce01.json"). */
  ref: string;
  /** The site it was grouped into (see src/core/fleet/sites.ts). */
  site: string;
  version: Version | undefined;
  /** When its facts were collected (the snapshot's collectedAt), when known: "at once" across snapshots needs it. */
  collectedAt: string | undefined;
  facts: { [K in N]: FactTypes[K] } & { [K in O]?: FactTypes[K] };
}

export interface SiteCheckContext<N extends FactId, O extends FactId> {
  /** The site's name (scope site); "all sites" (scope fleet). */
  site: string;
  /** The appliances, by name; at least the rule's minHosts. */
  hosts: readonly SiteHost<N, O>[];
  now: Date;
  options: Readonly<Record<string, unknown>>;
}

/** A site rule's evidence names the host each value is from. */
export interface SiteEvidenceItem extends EvidenceItem {
  host: string;
  /** The host's ref (SiteHost.ref), when two hosts of the run have one name: picks the provenance; not reported. */
  ref?: string;
}

export type SiteCheckResult =
  | { outcome: 'fail' | 'pass'; message: string; evidence: SiteEvidenceItem[]; params?: Record<string, string> }
  | { outcome: 'not-applicable'; message: string; evidence?: SiteEvidenceItem[] }
  | { outcome: 'unknown'; message: string; facts: { host: string; fact: FactId }[]; evidence?: SiteEvidenceItem[] };

export interface SiteRule<N extends FactId = FactId, O extends FactId = FactId> {
  id: string;
  title: string;
  family: 'site';
  scope: SiteScope;
  /** Its place among the site rules. */
  order: number;
  severity: Severity;
  applies: string;
  appliesRange: VersionRange;
  /** The documented requirement the rule checks, quoted from its source (shown by `ccdoctor rules ID`). */
  source: string;
  symptom: string;
  needs: readonly N[];
  optional: readonly O[];
  signatures: readonly Signature[];
  /** Fewer appliances (scope site) or sites (scope fleet) than this: not applicable. Default 2. */
  minHosts: number;
  check(ctx: SiteCheckContext<N, O>): SiteCheckResult;
  remediation: readonly RemediationStep[];
}

export interface SiteRuleDefinition<N extends FactId, O extends FactId>
  extends Omit<SiteRule<N, O>, 'family' | 'appliesRange' | 'optional' | 'signatures' | 'minHosts'> {
  optional?: readonly O[];
  signatures?: readonly Signature[];
  minHosts?: number;
}

/** Declares a site rule; throws at load time on a malformed definition (the checks of defineRule, and a source). */
export function defineSiteRule<const N extends FactId, const O extends FactId = never>(def: SiteRuleDefinition<N, O>): SiteRule<N, O> {
  checkDefinition('site rule', def);
  if (!def.source.trim()) throw new Error(`site rule ${def.id}: source (the documented requirement it checks) is required`);
  return {
    ...def,
    family: 'site',
    optional: def.optional ?? [],
    signatures: def.signatures ?? [],
    minHosts: def.minHosts ?? 2,
    appliesRange: versionRange(def.applies),
  };
}

export const siteFail = (message: string, evidence: SiteEvidenceItem[], params?: Record<string, string>): SiteCheckResult => ({
  outcome: 'fail', message, evidence, ...(params ? { params } : {}),
});
export const sitePass = (message: string, evidence: SiteEvidenceItem[] = []): SiteCheckResult => ({ outcome: 'pass', message, evidence });
export const siteNotApplicable = (message: string): SiteCheckResult => ({ outcome: 'not-applicable', message });
export const siteUnknown = (message: string, facts: { host: string; fact: FactId }[]): SiteCheckResult => ({ outcome: 'unknown', message, facts });

/** A site rule's result: a rule result for a site (or the fleet), naming its hosts. */
export interface SiteRuleResult extends RuleResult {
  scope: SiteScope;
  /** The site (scope site) or "all sites". */
  site: string;
  /** The appliances it looked at, by name. */
  hosts: string[];
}
