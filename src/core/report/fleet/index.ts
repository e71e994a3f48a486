import type { FleetRun } from '../../fleet/run-fleet.js';
import { buildFleetReport, type BuildFleetReportOptions } from './build.js';
import type { FleetReportFormat, FleetReportModel } from './model.js';
import { renderFleetHtml } from './render-html.js';
import { renderFleetJunit } from './render-junit.js';
import { renderFleetMarkdown } from './render-md.js';
import { renderFleetSarif } from './render-sarif.js';

/**
 * Reports for many hosts (issue 12 part 6), from a FleetRun (src/core/fleet/run-fleet.ts):
 *   renderFleetReport(run, 'html' | 'md' | 'json' | 'junit' | 'sarif', { toolVersion, redact, now, catalogue })
 * or buildFleetReport once and renderFleetModel per format (one redactor: the same tokens in every format).
 */
/**
 * What each format shows of a host's results, for runFleet's retain: all but the JSON show a pass or a
 * not-applicable result as its outcome only, so a report of thousands of hosts need not keep their evidence.
 */
export const FLEET_REPORT_RETAIN: Record<FleetReportFormat, 'full' | 'findings'> = { html: 'findings', md: 'findings', json: 'full', junit: 'findings', sarif: 'findings' };

export function renderFleetReport(run: FleetRun, format: FleetReportFormat, opts: BuildFleetReportOptions): string {
  return renderFleetModel(buildFleetReport(run, opts), format);
}

export function renderFleetModel(model: FleetReportModel, format: FleetReportFormat): string {
  switch (format) {
    case 'html':
      return renderFleetHtml(model);
    case 'md':
      return renderFleetMarkdown(model);
    case 'json':
      return `${JSON.stringify(model, null, 2)}\n`;
    case 'junit':
      return renderFleetJunit(model);
    case 'sarif':
      return renderFleetSarif(model);
  }
}

export { buildFleetReport, cellOutcome, type BuildFleetReportOptions } from './build.js';
export { FLEET_REPORT_FORMATS, FLEET_REPORT_SCHEMA, FLEET_REPORT_VERSION, fleetReportModel, type FleetReportFormat, type FleetReportModel } from './model.js';
export { SARIF_SCHEMA_URI } from './render-sarif.js';
