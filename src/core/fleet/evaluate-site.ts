import type { Provenance } from '../facts/types.js';
import { factLiterals, renderSteps } from '../engine/evaluate.js';
import { maskStrings } from '../output/mask.js';
import type { Evidence, Unavailable } from '../rules/types.js';
import { formatVersion } from '../versions.js';
import type { FleetHost } from './host-facts.js';
import type { SiteCheckResult, SiteHost, SiteRule, SiteRuleResult } from './site-rule.js';
import { NO_SITE } from './sites.js';

export const ALL_SITES = 'all sites';

/**
 * One site rule over a group of hosts (a site's, or every site's for a fleet rule). Never throws: a rule
 * that breaks is 'error'. A host missing a needed fact makes the rule unknown, naming the host and the fact.
 * Lync servers and hosts outside the rule's versions are left out, and the result says so.
 */
export function evaluateSiteRule(rule: SiteRule<any, any>, site: string, group: readonly FleetHost[], now: Date, options: Record<string, unknown>): SiteRuleResult {
  const hosts = group.filter((h) => h.kind !== 'lync-server');
  const outside = hosts.filter((h) => h.version && !rule.appliesRange.contains(h.version));
  const leftOut = new Set(outside);
  const eligible = hosts.filter((h) => !leftOut.has(h));
  const base = { rule: rule.id, title: rule.title, severity: rule.severity, family: rule.family, scope: rule.scope, site, hosts: eligible.map((h) => h.name) };
  const left = outside.length > 0 ? `; left out (CCE ${rule.applies} only): ${outside.map((h) => `${h.name} runs ${formatVersion(h.version!)}`).join(', ')}` : '';
  const empty = { evidence: [], unavailable: [], remediation: [] };
  const counted = rule.scope === 'fleet' ? new Set(eligible.map((h) => h.site.name.toLowerCase())).size : eligible.length;
  if (counted < rule.minHosts) {
    const what = rule.scope === 'fleet'
      ? `the run has ${counted} site${counted === 1 ? '' : 's'} with CCE appliances; the rule compares sites`
      : `site ${site} has ${counted} CCE appliance${counted === 1 ? '' : 's'} in this run; the rule compares the appliances of a site`;
    return mask({ ...base, ...empty, status: 'not-applicable', message: `${what}${left}` }, group);
  }
  if (rule.scope === 'site' && site === NO_SITE) {
    const unavailable: Unavailable[] = eligible.map((h) => ({
      host: h.name, fact: 'cce.topology', status: h.facts.get('cce.topology')?.status ?? 'missing',
      message: 'the site of this appliance cannot be told: CloudConnector.ini gives no SiteName and no tenant registration names it',
    }));
    return mask({ ...base, ...empty, unavailable, status: 'unknown', message: `cannot check: the site of ${eligible.map((h) => h.name).join(', ')} cannot be told (no SiteName in CloudConnector.ini, no tenant registration)${left}` }, group);
  }
  const unavailable: Unavailable[] = [];
  const seen: SiteHost<any, any>[] = [];
  for (const h of eligible) {
    const facts: Record<string, unknown> = {};
    for (const id of rule.needs) {
      const v = h.facts.get(id);
      if (v?.status === 'ok') facts[id] = v.value;
      else unavailable.push({ host: h.name, fact: id, status: v?.status ?? 'missing', message: v?.message ?? 'not collected' });
    }
    for (const id of rule.optional) {
      const v = h.facts.get(id);
      if (v?.status === 'ok') facts[id] = v.value;
    }
    seen.push({ name: h.name, ref: h.ref, site: h.site.name, version: h.version, collectedAt: h.host.collectedAt, facts: Object.freeze(facts) as never });
  }
  if (unavailable.length > 0) {
    return mask({
      ...base, ...empty, unavailable, status: 'unknown',
      message: `cannot check: ${unavailable.map((u) => `on ${u.host}, ${u.fact} is ${u.status} (${u.message})`).join('; ')}${left}`,
    }, group);
  }
  let result: SiteCheckResult;
  try {
    result = rule.check({ site, hosts: seen, now, options });
  } catch (e) {
    return mask({ ...base, ...empty, status: 'error', message: `the rule failed: ${e instanceof Error ? e.message : String(e)}` }, group);
  }
  try {
    const byName = new Map(eligible.map((h) => [h.name, h]));
    const byRef = new Map(eligible.map((h) => [h.ref, h]));
    const hostOf = (name: string, ref: string | undefined) => (ref !== undefined ? byRef.get(ref) : undefined) ?? byName.get(name);
    const evidence: Evidence[] = (result.evidence ?? []).map(({ ref, ...item }) => ({ ...item, provenance: provenanceOf(hostOf(item.host, ref), item.fact) }));
    return mask({
      ...base,
      status: result.outcome,
      message: `${result.message}${left}`,
      evidence,
      unavailable: result.outcome === 'unknown'
        ? result.facts.map((f) => ({ host: f.host, fact: f.fact, status: byName.get(f.host)?.facts.get(f.fact)?.status ?? 'missing', message: result.message }))
        : [],
      remediation: result.outcome === 'fail' ? renderSteps(rule as never, undefined, result.params ?? {}) : [],
    }, group);
  } catch (e) {
    return mask({ ...base, ...empty, status: 'error', message: `the rule failed while filling in its remediation: ${e instanceof Error ? e.message : String(e)}` }, group);
  }
}

const NOWHERE: Provenance = { source: 'snapshot', ref: '(not collected)' };

/** A fact's provenance on a host: a kept fact's own, else that of a collected fact a kept one derives from. */
function provenanceOf(host: FleetHost | undefined, fact: string): Provenance {
  return host?.facts.get(fact)?.provenance ?? host?.sources.get(fact) ?? NOWHERE;
}

/** The one masking step, with the secret literals of every fact the hosts carry. */
function mask(result: SiteRuleResult, hosts: readonly FleetHost[]): SiteRuleResult {
  const found = new Set<string>();
  for (const h of hosts) {
    // Cached per value (the engine's cache): every site rule masks with the same hosts' facts.
    for (const [id, v] of h.facts) if (v.status === 'ok') for (const s of factLiterals(v, id)) found.add(s);
  }
  return maskStrings(result, [...found].sort((a, b) => b.length - a.length));
}
