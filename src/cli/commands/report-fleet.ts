import type { CliIO } from '../command.js';
import type { FleetRun } from '../../core/fleet/run-fleet.js';
import { EXIT } from '../command.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import { VERSION } from '../../core/paths.js';
import { buildFleetReport, renderFleetModel, type FleetReportFormat } from '../../core/report/fleet/index.js';
import type { Redactor } from '../../core/report/redact.js';
import { plural } from '../../core/report/fleet/overview.js';
import { redactionMapJson } from '../../core/report/write.js';
import type { Catalogue } from '../../core/rules/catalogue.js';

export interface FleetReportContext {
  io: CliIO;
  catalogue: Catalogue;
  /** Notes on the run (waivers that matched nothing). */
  notes: readonly string[];
  /** With --redact: the redactor, already seeded from every host's facts as they were checked. */
  redactor?: Redactor;
  outPath: string | undefined;
  shownOut: string | undefined;
  mapFile: string | undefined;
  shownMap: string | undefined;
  force: boolean;
}

/** `report` over many snapshots (run through the one pipeline by runSnapshots): one fleet report, written atomically. */
export async function writeFleetReport(run: FleetRun, format: FleetReportFormat, c: FleetReportContext): Promise<number> {
  const redactor = c.redactor;
  const model = buildFleetReport(run, { toolVersion: VERSION, catalogue: c.catalogue, notes: c.notes, ...(redactor ? { redactor } : {}) });
  const text = renderFleetModel(model, format);
  if (c.outPath) await writeFileAtomic(c.outPath, text, { force: c.force });
  else c.io.stdout.write(text);
  if (c.mapFile && redactor) {
    const map = redactionMapJson(redactor, { generatedAt: model.generatedAt, host: { name: `${model.summary.hosts} hosts` } });
    await writeFileAtomic(c.mapFile, `${JSON.stringify(map, null, 2)}\n`, { force: c.force });
  }
  const t = model.summary.hostResults;
  const s = model.summary.siteResults;
  if (c.outPath) {
    c.io.stderr.write(`Wrote ${c.shownOut} (${format}${model.redacted ? ', redacted' : ''}): ${plural(model.summary.hosts, 'host')} in ${plural(model.summary.sites, 'site')}, ${plural(t.fail + s.fail, 'finding')}, ${t.unknown + s.unknown} could not be checked${model.summary.failedInputs ? `, ${plural(model.summary.failedInputs, 'input')} not read` : ''}.\n`);
  }
  if (c.mapFile) c.io.stderr.write(`Wrote the private redaction map to ${c.shownMap}: keep it, do not send it with the report.\n`);
  return EXIT.ok;
}
