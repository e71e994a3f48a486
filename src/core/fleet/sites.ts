import type { FactValue } from '../facts/types.js';

/** Hosts whose site cannot be told are grouped under this name (and site rules say so). */
export const NO_SITE = '(no site)';

/** Which site a host belongs to, and what said so. */
export interface SiteAssignment {
  name: string;
  /** 'ini': [Common] SiteName; 'tenant': the tenant's registration of this appliance; 'none': neither told. */
  from: 'ini' | 'tenant' | 'none';
}

/**
 * A host's site: CloudConnector.ini's SiteName, else the site the tenant registered this appliance in
 * (Get-CsHybridPSTNAppliance, matched by appliance name = host name), else NO_SITE. Site names are
 * compared without case, as the tenant compares them.
 */
export function siteOf(hostName: string, facts: ReadonlyMap<string, FactValue>): SiteAssignment {
  const topology = facts.get('cce.topology');
  const fromIni = topology?.status === 'ok' ? (topology.value as { siteName?: string }).siteName?.trim() : undefined;
  if (fromIni) return { name: fromIni, from: 'ini' };
  const tenant = facts.get('tenant.appliances');
  if (tenant?.status === 'ok') {
    const me = (tenant.value as { name: string | null; site: string | null }[]).find((a) => a.name?.toLowerCase() === hostName.toLowerCase());
    const site = me?.site?.trim();
    if (site) return { name: site, from: 'tenant' };
  }
  return { name: NO_SITE, from: 'none' };
}

/** A site and its hosts. */
export interface SiteGroup<H> {
  name: string;
  hosts: H[];
}

/** Hosts grouped by site (case-insensitively, named as first seen), sites by name, NO_SITE last. */
export function groupSites<H extends { site: SiteAssignment }>(hosts: readonly H[]): SiteGroup<H>[] {
  const byKey = new Map<string, SiteGroup<H>>();
  for (const h of hosts) {
    const key = h.site.name.toLowerCase();
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { name: h.site.name, hosts: [] }));
    g.hosts.push(h);
  }
  return [...byKey.values()].sort((a, b) => (a.name === NO_SITE ? 1 : b.name === NO_SITE ? -1 : a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}
