import type { CellOutcome, FleetHostReport, FleetReportModel, FleetResult, FleetRuleInfo, FleetSiteResult } from './model.js';

/** One site of the overview: its hosts, the host rules worth a column, and its site rules' results. */
export interface SiteOverview {
  name: string;
  /** Anchor suffix: site-1, site-2 … */
  index: number;
  hosts: { host: FleetHostReport; index: number; cells: Map<string, CellOutcome> }[];
  /** Host rules with at least one outcome other than pass or not-applicable on a host of this site. */
  columns: FleetRuleInfo[];
  /** Host rules that passed or did not apply on every host of the site (left out of the matrix). */
  quiet: number;
  results: FleetSiteResult[];
}

/** The matrix cell's short text and its meaning (the legend). */
export const CELL: Record<CellOutcome, { text: string; label: string }> = {
  fail: { text: 'FAIL', label: 'failed (a finding)' },
  waived: { text: 'waived', label: 'failed, under a waiver that has not expired' },
  error: { text: 'ERR', label: 'the rule broke (report it as a ccdoctor bug)' },
  unknown: { text: '?', label: 'could not check (a fact it needs is missing)' },
  pass: { text: 'ok', label: 'passed' },
  'not-applicable': { text: '-', label: 'not applicable' },
};

/**
 * The site overview every format starts with: per site, a hosts x rules matrix. A column for every rule
 * would be ~80 wide; only rules that did something other than pass or not apply on some host of the site
 * get one, and the overview says how many were left out.
 */
export function siteOverviews(m: FleetReportModel): SiteOverview[] {
  const hostIndex = new Map(m.hosts.map((h, i) => [h, i + 1]));
  const byName = new Map<string, FleetHostReport[]>();
  for (const h of m.hosts) {
    const key = h.site.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), h]);
  }
  const hostRules = m.rules.filter((r) => r.scope === 'host');
  return m.sites.map((s, i) => {
    const hosts = (byName.get(s.name.toLowerCase()) ?? []).map((host) => ({
      host, index: hostIndex.get(host)!, cells: new Map(host.results.map((r) => [r.rule, r.outcome])),
    }));
    const loud = (rule: FleetRuleInfo) => hosts.some((h) => { const o = h.cells.get(rule.id); return o !== undefined && o !== 'pass' && o !== 'not-applicable'; });
    const columns = hostRules.filter(loud);
    return {
      name: s.name, index: i + 1, hosts, columns, quiet: hostRules.length - columns.length,
      results: m.siteResults.filter((r) => r.scope === 'site' && r.site.toLowerCase() === s.name.toLowerCase()),
    };
  });
}

export function fleetScopeResults(m: FleetReportModel): FleetSiteResult[] {
  return m.siteResults.filter((r) => r.scope === 'fleet');
}

/** A host's counts in a few words: "2 failed, 1 waived, 3 could not check". */
export function countsText(t: FleetHostReport['summary']): string {
  const parts = [`${t.fail} failed`];
  if (t.waived) parts.push(`${t.waived} waived`);
  if (t.unknown) parts.push(`${t.unknown} could not check`);
  if (t.error) parts.push(`${t.error} rule error${t.error === 1 ? '' : 's'}`);
  parts.push(`${t.pass} passed`, `${t.notApplicable} not applicable`);
  return parts.join(', ');
}

export function fleetSummaryLine(m: FleetReportModel): string {
  const s = m.summary;
  const t = s.hostResults;
  const site = s.siteResults;
  return `${plural(s.hosts, 'host')} in ${plural(s.sites, 'site')}: ${s.hostsWithFindings} with findings; ` +
    `${plural(t.fail + site.fail, 'finding')} (${site.fail} across appliances), ${t.waived + site.waived} waived, ${t.unknown + site.unknown} could not be checked` +
    `${s.failedInputs ? `; ${s.failedInputs} input${s.failedInputs === 1 ? '' : 's'} not read` : ''}`;
}

/** Waiver and baseline marks of a finding, in words (every format shows them). */
export function marksText(r: Pick<FleetResult, 'waiver' | 'baseline'>): string[] {
  const out: string[] = [];
  if (r.waiver) {
    out.push(r.waiver.expired
      ? `Waiver expired ${r.waiver.expires} (${r.waiver.scope}): fails again. Reason given: ${r.waiver.reason}`
      : `Waived until ${r.waiver.expires} (${r.waiver.scope}): ${r.waiver.reason}`);
  }
  if (r.baseline) out.push(r.baseline === 'new' ? 'New since the baseline.' : 'Known: already in the baseline.');
  return out;
}

/** A site rule's evidence names its host: shown in the "Where" column the single-host renderers have. */
export function hostInWhere<R extends FleetResult>(r: R): R {
  if (!r.evidence.some((e) => e.host)) return r;
  return { ...r, evidence: r.evidence.map((e) => (e.host ? { ...e, at: e.at ? `${e.host}: ${e.at}` : e.host } : e)) };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
