import { dirname } from 'node:path';
import type { FactSpec } from '../../facts/types.js';
import type { FleetHost } from '../../fleet/host-facts.js';
import type { FleetRun } from '../../fleet/run-fleet.js';
import type { SiteRuleResult } from '../../fleet/site-rule.js';
import type { Catalogue } from '../../rules/catalogue.js';
import type { RuleResult } from '../../rules/types.js';
import { orderResults } from '../../run/check-run.js';
import { stripControl } from '../../text/sanitize.js';
import { cap, mapStrings, STRUCTURAL, toResult, visitStrings } from '../build.js';
import { Redactor } from '../redact.js';
import { maskSecrets } from '../secrets.js';
import { seedFromFacts } from '../seeds.js';
import { FLEET_REPORT_SCHEMA, FLEET_REPORT_VERSION, fleetReportModel, type CellOutcome, type FleetHostReport, type FleetReportModel, type FleetResult, type FleetRuleInfo, type FleetSiteResult, type FleetTally } from './model.js';

/** Enum values and catalogue text: never host text, never redacted. ("scope" is both: a waiver's names a host.) */
const FLEET_STRUCTURAL: ReadonlySet<string> = new Set([...STRUCTURAL, 'outcome', 'siteFrom', 'baseline', 'symptom', 'applies']);

export interface BuildFleetReportOptions {
  toolVersion: string;
  now?: Date;
  /** Replace names and addresses by tokens, consistent across every host of the report. */
  redact?: boolean;
  /** The redactor to use (implies redact), to read its map afterwards. */
  redactor?: Redactor;
  /** Rule texts (symptom, applies, source) for SARIF's rule descriptors and the JSON's rules; from the results alone otherwise. */
  catalogue?: Pick<Catalogue, 'rules' | 'siteRules'>;
  /** Notes on the run from outside it (a waiver that matched nothing), shown with the report's notices. */
  notes?: readonly string[];
}

/** A waived finding is shown as waived until its waiver expires; then it fails again. */
export function cellOutcome(r: Pick<RuleResult, 'status' | 'waiver'>): CellOutcome {
  return r.status === 'fail' && r.waiver && !r.waiver.expired ? 'waived' : r.status;
}

/**
 * The many-host report: every host's results (as the single-host report shows them), the sites, the site
 * rules' results, and the inputs that could not be read. Host text is stripped of terminal controls and
 * secrets, and redacted when asked with ONE redactor, so a name has the same token on every host.
 */
export function buildFleetReport(run: FleetRun, opts: BuildFleetReportOptions): FleetReportModel {
  const redactor = opts.redactor ?? (opts.redact ? new Redactor() : undefined);
  const secrets = new Set<string>();
  for (const h of run.hosts) {
    for (const s of seedFromFacts(factsOf(h), specsOf(h), redactor, h.name).secrets) secrets.add(s);
    if (redactor && h.host.cceVersion) redactor.keepLiteral(h.host.cceVersion);
  }
  const literals = [...secrets].sort((a, b) => b.length - a.length);
  const hosts = run.hosts.map(hostReport);
  const siteResults = run.siteResults.map(siteResult);
  const hostTally = tally(hosts.flatMap((h) => h.results));
  const siteTally = tally(siteResults);
  const raw: FleetReportModel = {
    schema: FLEET_REPORT_SCHEMA,
    version: FLEET_REPORT_VERSION,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    tool: { name: 'ccdoctor', version: opts.toolVersion },
    redacted: redactor !== undefined,
    summary: {
      hosts: hosts.length,
      sites: run.sites.length,
      failedInputs: run.failed.length,
      hostsWithFindings: hosts.filter((h) => h.summary.fail > 0).length,
      hostResults: hostTally,
      siteResults: siteTally,
    },
    complete: run.failed.length === 0 && !run.partial && hosts.every((h) => h.complete) && siteTally.unknown === 0 && siteTally.error === 0,
    partial: run.partial,
    notices: [...notices(run, hostTally, siteTally, redactor !== undefined), ...(opts.notes ?? [])],
    rules: ruleInfos(run, opts.catalogue),
    sites: run.sites.map((s) => ({ name: s.name, hosts: s.hosts.map((h) => h.name) })),
    hosts,
    siteResults,
    failed: run.failed.map((f) => ({ ...f })),
  };
  // Redacted, an input is named by its file name only: its folder may name a user or a customer. So may the
  // working folder, which a message about an input that is not there names ("path relative to …").
  const paths = redactor ? [...run.hosts.map((h) => h.ref), ...run.failed.map((f) => f.ref)].filter((p) => /[\\/]/.test(p)).sort((a, b) => b.length - a.length) : [];
  // (Not a drive or file-system root: that is the start of every absolute path.)
  const cwd = redactor && dirname(process.cwd()) !== process.cwd() ? process.cwd() : undefined;
  const unpath = (text: string) => {
    const t = paths.reduce((t, p) => (t.includes(p) ? t.split(p).join(p.split(/[\\/]/).pop()!) : t), text);
    return cwd !== undefined && t.includes(cwd) ? t.split(cwd).join('the working folder') : t;
  };
  const clean = (text: string) => {
    const masked = maskSecrets(stripControl(cap(unpath(text))), literals);
    return redactor ? redactor.redact(masked) : masked;
  };
  if (redactor) {
    for (const h of run.hosts) for (const v of h.facts.values()) if (v.status === 'ok') visitStrings(v.value, (s) => redactor.avoid(s), 0);
    visitStrings(raw, (s) => redactor.avoid(s), 0);
    mapStrings(raw, clean, '', FLEET_STRUCTURAL);
    redactor.promoteLabels();
  }
  // The site of a result and the hosts it names are host text too: mapStrings cleans them like the rest.
  const model = mapStrings(raw, clean, '', FLEET_STRUCTURAL);
  const rules = model.rules.map((r, i) => ({ ...r, scope: raw.rules[i]!.scope }));
  const keptScopes = model.siteResults.map((r, i) => ({ ...r, scope: raw.siteResults[i]!.scope }));
  return fleetReportModel.parse({ ...model, rules, siteResults: keptScopes });
}

function hostReport(h: FleetHost): FleetHostReport {
  const results = orderResults(h.results).map(fleetResult);
  const summary = tally(results);
  return {
    name: h.name,
    ref: h.ref,
    site: h.site.name,
    siteFrom: h.site.from,
    source: { ...h.source },
    ...(h.host.os !== undefined ? { os: h.host.os } : {}),
    ...(h.host.cceVersion !== undefined ? { cceVersion: h.host.cceVersion } : {}),
    ...(h.host.collectedAt !== undefined ? { collectedAt: h.host.collectedAt } : {}),
    ...(h.kind === 'lync-server' ? { role: 'lync-server' as const } : {}),
    partial: h.partial,
    summary,
    complete: !h.partial && summary.unknown === 0 && summary.error === 0,
    results,
    warnings: [...h.warnings],
  };
}

function fleetResult(r: RuleResult): FleetResult {
  const base = toResult(r);
  return {
    ...base,
    evidence: base.evidence.map((e, i) => (r.evidence[i]?.host !== undefined ? { ...e, host: r.evidence[i]!.host! } : e)),
    unavailable: r.unavailable.map((u) => ({ fact: u.fact, status: u.status, message: u.message, ...(u.host !== undefined ? { host: u.host } : {}) })),
    outcome: cellOutcome(r),
    ...(r.waiver ? { waiver: { ...r.waiver } } : {}),
    ...(r.baseline ? { baseline: r.baseline } : {}),
  };
}

function siteResult(r: SiteRuleResult): FleetSiteResult {
  return { ...fleetResult(r), scope: r.scope, site: r.site, hosts: [...r.hosts] };
}

export function tally(results: readonly Pick<FleetResult, 'outcome' | 'severity'>[]): FleetTally {
  const t: FleetTally = { total: results.length, fail: 0, waived: 0, error: 0, unknown: 0, pass: 0, notApplicable: 0, failBySeverity: { critical: 0, error: 0, warning: 0, info: 0 } };
  for (const r of results) {
    if (r.outcome === 'not-applicable') t.notApplicable++;
    else t[r.outcome]++;
    if (r.outcome === 'fail') t.failBySeverity[r.severity]++;
  }
  return t;
}

function notices(run: FleetRun, hostTally: FleetTally, siteTally: FleetTally, redacted: boolean): string[] {
  const out: string[] = [];
  if (run.partial) out.push('Cancelled: not every input was read; the hosts below are those checked before the run stopped.');
  if (run.failed.length > 0) out.push(`${run.failed.length} input${run.failed.length === 1 ? '' : 's'} could not be read (see "Inputs not read"); the other hosts were checked.`);
  const unknown = hostTally.unknown + siteTally.unknown;
  if (unknown > 0) out.push(`Incomplete: ${unknown} rule result${unknown === 1 ? '' : 's'} could not be decided because facts they need are missing or failed to collect (marked "?" in the overview).`);
  const errors = hostTally.error + siteTally.error;
  if (errors > 0) out.push(`${errors} rule result${errors === 1 ? '' : 's'} failed with an internal error: unknown; please report it as a ccdoctor bug.`);
  const waived = hostTally.waived + siteTally.waived;
  if (waived > 0) out.push(`${waived} finding${waived === 1 ? ' is' : 's are'} waived: shown as waived with the waiver's reason and expiry, not counted as failing.`);
  if (redacted) {
    out.push('Redacted: host, domain, user, tenant and site names, certificate subjects and IP addresses are replaced by tokens; the same value always has the same token, on every host.');
  }
  return out;
}

/** The rules the report shows: from the catalogue when given (with their texts), else from the results. */
function ruleInfos(run: FleetRun, catalogue: BuildFleetReportOptions['catalogue']): FleetRuleInfo[] {
  const out = new Map<string, FleetRuleInfo>();
  if (catalogue) {
    for (const r of catalogue.rules) out.set(r.id, { id: r.id, title: r.title, family: r.family, severity: r.severity, scope: 'host', symptom: r.symptom, applies: r.applies });
    for (const r of catalogue.siteRules) out.set(r.id, { id: r.id, title: r.title, family: r.family, severity: r.severity, scope: r.scope, symptom: r.symptom, applies: r.applies, source: r.source });
  }
  for (const h of run.hosts) for (const r of h.results) if (!out.has(r.rule)) out.set(r.rule, { id: r.rule, title: r.title, family: r.family, severity: r.severity, scope: 'host' });
  for (const r of run.siteResults) if (!out.has(r.rule)) out.set(r.rule, { id: r.rule, title: r.title, family: r.family, severity: r.severity, scope: r.scope });
  return [...out.values()];
}

/** The facts a fleet host kept, as seedFromFacts reads a store. */
function factsOf(h: FleetHost) {
  return { has: (id: string) => h.facts.has(id), get: (id: string) => h.facts.get(id)! };
}

function specsOf(h: FleetHost): ReadonlyMap<string, FactSpec<any>> {
  // Only the keys are walked (no spec is derived here): the host kept collected values only.
  return new Map([...h.facts.keys()].map((id) => [id, {} as FactSpec<any>]));
}
