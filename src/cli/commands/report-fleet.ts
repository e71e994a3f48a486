import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import type { FleetFailure } from '../../core/fleet/run-fleet.js';
import type { EvaluateOptions } from '../../core/engine/evaluate.js';
import type { FactStore } from '../../core/facts/store.js';
import { expandSnapshotInputs } from '../../core/fleet/inputs.js';
import { runFleet } from '../../core/fleet/run-fleet.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import { VERSION } from '../../core/paths.js';
import { buildFleetReport, renderFleetModel, type FleetReportFormat } from '../../core/report/fleet/index.js';
import { Redactor } from '../../core/report/redact.js';
import { plural } from '../../core/report/fleet/overview.js';
import { redactionMapJson } from '../../core/report/write.js';
import type { Catalogue } from '../../core/rules/catalogue.js';
import { snapshotSource } from '../../core/run/run-check.js';

/** More than one --snapshot, a folder or a glob: the many-host report. */
export function wantsFleet(args: readonly string[], cwd: string): boolean {
  return args.length > 1 || args.some((a) => /[*?]/.test(a) || isFolder(resolve(cwd, a)));
}

/** Any path that cannot be stat'ed (missing, through a file, too long) is no folder: the reader says what it is. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface FleetReportContext {
  io: CliIO;
  catalogue: Catalogue;
  options: EvaluateOptions['options'];
  prepare: ((store: FactStore) => Promise<string[]>) | undefined;
  maxBytes: number | undefined;
  redact: boolean;
  outPath: string | undefined;
  shownOut: string | undefined;
  mapFile: string | undefined;
  shownMap: string | undefined;
  force: boolean;
}

/** `report` over many snapshots: every host through the one pipeline, then one fleet report, written atomically. */
export async function writeFleetReport(args: readonly string[], format: FleetReportFormat, c: FleetReportContext): Promise<number> {
  const inputs = expandSnapshotInputs(args, c.io.cwd, 'report');
  const sources = inputs.map((i) => snapshotSource(i.path, i.shown, c.prepare, c.maxBytes !== undefined ? { maxBytes: c.maxBytes } : {}));
  const run = await runFleet(sources, c.catalogue, { ...(c.options ? { options: c.options } : {}) });
  if (run.hosts.length === 0) throw new InputError(nothingRead(args, inputs.length, run.failed, c.io.cwd));
  const redactor = c.redact ? new Redactor() : undefined;
  const model = buildFleetReport(run, { toolVersion: VERSION, catalogue: c.catalogue, ...(redactor ? { redactor } : {}) });
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

/** No input could be read: nothing to report. One line: what was given, and the first input's problem. */
function nothingRead(args: readonly string[], count: number, failed: readonly FleetFailure[], cwd: string): string {
  const first = failed[0];
  const folders = args.filter((a) => isFolder(resolve(cwd, a)));
  const given = folders.length === 1 && args.length === 1
    ? `--snapshot ${args[0]}: it is a directory, and none of its ${count} .json file${count === 1 ? '' : 's'} could be read as a snapshot`
    : `none of the ${count} snapshots given could be read`;
  return `ccdoctor report: ${given}${first ? `; ${first.message}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ''}` : ''}`;
}
