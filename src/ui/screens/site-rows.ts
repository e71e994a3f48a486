import { ALL_SITES } from '../../core/fleet/evaluate-site.js';
import type { FleetHost } from '../../core/fleet/host-facts.js';
import type { FleetRun } from '../../core/fleet/run-fleet.js';
import type { SiteRuleResult } from '../../core/fleet/site-rule.js';
import { NO_SITE } from '../../core/fleet/sites.js';
import { SEVERITIES, type Outcome } from '../../core/rules/types.js';
import type { Row } from '../components/ListView.js';
import { SEVERITY_LABEL, type Theme } from '../theme.js';
import { clean, wrap } from '../text.js';
import { countsBySeverity } from './findings-rows.js';

/** A row of the site view; what Enter opens on it. */
export interface SiteRow extends Row {
  /** A site finding: its index in the run's siteResults. */
  finding?: number;
  /** A host: its index in the run's hosts. */
  host?: number;
}

/** Failed first (by severity), then errors, what could not be checked, passed, not applicable. */
const RANK: Record<Outcome, number> = { fail: 0, error: 1, unknown: 2, pass: 3, 'not-applicable': 4 };

/** The count columns of a host row, and their headings. */
const COLUMNS = [...SEVERITIES, 'unknown'] as const;

/**
 * The site view as rows of at most `width` columns: per site, its findings and its hosts with their
 * counts (failures by severity, unknowns), then the findings across sites, then the inputs that could
 * not be read (each message wrapped, never cut).
 */
export function siteRows(run: FleetRun, theme: Theme, width: number): SiteRow[] {
  const rows: SiteRow[] = [];
  const hostIndex = new Map(run.hosts.map((h, i) => [h, i]));
  const nameWidth = Math.min(20, Math.max(4, ...run.hosts.map((h) => clean(h.name).length)));
  for (const site of run.sites) {
    const n = site.hosts.length;
    const heading = site.name === NO_SITE
      ? `No site known (no SiteName in the ini, no tenant registration): ${n} host${n === 1 ? '' : 's'}`
      : `Site ${clean(site.name)}: ${n} host${n === 1 ? '' : 's'}`;
    rows.push({ key: `s-${site.name}`, text: heading, selectable: false, bold: true });
    findingRowsOf(rows, run.siteResults, (r) => r.scope === 'site' && r.site === site.name, theme);
    rows.push({ key: `hh-${site.name}`, text: `  ${'host'.padEnd(nameWidth)}  ${COLUMNS.join(' ')}  snapshot`, selectable: false, dim: true });
    for (const h of site.hosts) {
      const i = hostIndex.get(h)!;
      rows.push({ key: `h-${i}`, text: hostText(h, nameWidth, width, theme), selectable: true, host: i });
    }
  }
  if (run.siteResults.some((r) => r.scope === 'fleet')) {
    rows.push({ key: 's-fleet', text: `Across ${ALL_SITES}`, selectable: false, bold: true });
    findingRowsOf(rows, run.siteResults, (r) => r.scope === 'fleet', theme);
  }
  if (run.failed.length > 0) {
    rows.push({ key: 'f-head', text: `Could not be read (${run.failed.length})`, selectable: false, bold: true, color: theme.danger });
    run.failed.forEach((f, i) => {
      // The first row can be selected, so a long list scrolls to every failure.
      // Four columns go to the list's pointer and the mark (or the continuation's indent).
      wrap(`${clean(f.ref)}: ${clean(f.message)}`, width - 4, '').forEach((t, k) => {
        rows.push({ key: `f-${i}-${k}`, text: k === 0 ? `${theme.glyph.fail} ${t}` : `    ${t}`, selectable: k === 0, color: theme.danger });
      });
    });
  }
  return rows;
}

function findingRowsOf(rows: SiteRow[], results: readonly SiteRuleResult[], which: (r: SiteRuleResult) => boolean, theme: Theme): void {
  const picked = results.map((r, i) => ({ r, i })).filter(({ r }) => which(r));
  picked.sort((a, b) => RANK[a.r.status] - RANK[b.r.status] || SEVERITIES.indexOf(a.r.severity) - SEVERITIES.indexOf(b.r.severity));
  for (const { r, i } of picked) {
    const g = theme.glyph;
    const mark = r.status === 'fail' ? g.fail : r.status === 'pass' ? g.pass : r.status === 'unknown' ? g.unknown : r.status === 'error' ? '!' : '-';
    const status = r.status === 'fail' ? SEVERITY_LABEL[r.severity].toLowerCase() : r.status;
    const color = r.status === 'fail' ? theme.severity[r.severity] : r.status === 'error' ? theme.danger : undefined;
    rows.push({ key: `r-${i}`, text: `${mark} ${r.rule}  ${status}: ${clean(r.message)}`, selectable: true, color, dim: r.status === 'not-applicable', finding: i });
  }
}

/** A host's row: its name, the failures by severity and the unknowns in columns, and its snapshot. */
function hostText(h: FleetHost, nameWidth: number, width: number, theme: Theme): string {
  const counts = countsBySeverity(h.results);
  const unknown = h.results.filter((r) => r.status === 'unknown').length;
  const name = clean(h.name);
  const cells = COLUMNS.map((c) => String(c === 'unknown' ? unknown : counts[c]).padStart(c.length)).join(' ');
  const head = `${name.length > nameWidth ? `${name.slice(0, nameWidth - 1)}${theme.glyph.ellipsis}` : name.padEnd(nameWidth)}  ${cells}  `;
  // The snapshot's name keeps its end (the file), cut at the front when the row is full.
  const room = width - 2 - head.length - (h.partial ? 10 : 0);
  const ref = clean(h.ref);
  const shownRef = ref.length <= room ? ref : `${theme.glyph.ellipsis}${ref.slice(ref.length - Math.max(1, room - theme.glyph.ellipsis.length))}`;
  return `${head}${shownRef}${h.partial ? ' (partial)' : ''}`;
}

/** The site view's header figures. */
export function siteSummary(run: FleetRun): { failed: number; unknown: number; hostsFailing: number } {
  return {
    failed: run.siteResults.filter((r) => r.status === 'fail').length,
    unknown: run.siteResults.filter((r) => r.status === 'unknown' || r.status === 'error').length,
    hostsFailing: run.hosts.filter((h) => h.results.some((r) => r.status === 'fail')).length,
  };
}
