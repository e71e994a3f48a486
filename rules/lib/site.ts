/** Helpers for site rules: grouping appliances by a value, naming them, site directory paths. */
import { NO_SITE, siteNotApplicable, type SiteCheckResult } from '../../src/core/rules/api.js';
import { normalizePath } from './windows-paths.js';

/** Items grouped by a key (first seen first); items whose key is undefined are left out. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/** "CCE-SYD-01, CCE-SYD-02 and CCE-SYD-03". */
export function nameList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A site directory as compared: case-insensitive, / as \, no trailing separator. */
export const siteDirectoryKey = (path: string): string => normalizePath(path);

/** A UNC path (\\server\share\...): what appliances of a site can share. Anything else is a folder of one host. */
export const isUncPath = (path: string): boolean => /^\\\\[^\\]+\\[^\\]+/.test(path.trim().replace(/\//g, '\\'));

/**
 * A fleet rule compares sites: with fewer than two known sites it does not apply (appliances whose site
 * cannot be told, grouped under NO_SITE, are no site to compare). Undefined when there are two or more.
 */
export function unlessTwoSites(hosts: readonly { site: string }[]): SiteCheckResult | undefined {
  const sites = new Set(hosts.filter((h) => h.site !== NO_SITE).map((h) => h.site.toLowerCase()));
  if (sites.size >= 2) return undefined;
  const unknown = hosts.filter((h) => h.site === NO_SITE).length;
  return siteNotApplicable(`the run has ${sites.size} known site${sites.size === 1 ? '' : 's'}; the rule compares sites (${unknown} appliance${unknown === 1 ? '' : 's'} of no known site: no SiteName in CloudConnector.ini, no tenant registration)`);
}
