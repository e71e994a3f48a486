import type { RuleResult } from '../rules/types.js';
import type { SiteRuleResult } from './site-rule.js';

/**
 * What waivers and baselines mark: hosts (by name, with their site) and site rule results. A FleetRun is
 * one; a single host's run is one with one host and no site results.
 */
export interface Marked {
  hosts: readonly { name: string; site: { name: string }; results: RuleResult[] }[];
  siteResults: readonly SiteRuleResult[];
}

/** A finding under a waiver still valid: shown as waived, not counted. */
export const waived = (r: RuleResult): boolean => r.status === 'fail' && r.waiver !== undefined && !r.waiver.expired;

/** A finding the baseline already had (and no valid waiver): hidden from the text, counted apart. */
export const known = (r: RuleResult): boolean => r.status === 'fail' && r.baseline === 'known' && !waived(r);
