import { InputError } from '../../errors.js';
import type { FleetRun } from '../../fleet/run-fleet.js';
import { fleetJson } from '../../output/fleet-json.js';
import type { Redactor } from '../redact.js';
import type { ReportFormat } from '../model.js';

export interface FleetReportOptions {
  toolVersion: string;
  /** With --redact: the one redactor of the run (and its map). */
  redactor?: Redactor;
  /** Run-level notes (waivers that matched nothing, ...). */
  warnings?: readonly string[];
}

/** The formats a report of several hosts can be written in (so far). */
export const FLEET_REPORT_FORMATS: readonly ReportFormat[] = ['json'];

/**
 * The report of a many-host run (`ccdoctor report --snapshot folder/`). The formats for many hosts (HTML
 * with a site overview, Markdown, JUnit per host, SARIF) are rendered here; until they are, json gives the
 * fleet@1 document of `check --format json` and the others are refused with an input error saying so.
 */
export function renderFleetReport(run: FleetRun, format: ReportFormat, opts: FleetReportOptions): string {
  if (!FLEET_REPORT_FORMATS.includes(format)) {
    throw new InputError(`ccdoctor report: --format ${format} is not available for several hosts yet; use --format json, or report on one snapshot at a time`);
  }
  if (opts.redactor) throw new InputError('ccdoctor report: --redact is not available for several hosts yet; report on one snapshot at a time');
  return `${JSON.stringify(fleetJson(run, 'error', opts.toolVersion, opts.warnings ?? []), null, 2)}\n`;
}
