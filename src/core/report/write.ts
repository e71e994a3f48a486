import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { CheckRun } from '../run/check-run.js';
import { buildReport } from './build.js';
import type { ReportFormat, ReportModel } from './model.js';
import { Redactor } from './redact.js';
import { renderReport } from './render.js';
import { renderPs1 } from './render-ps1.js';

export const REDACTION_MAP_SCHEMA = 'ccdoctor/redaction-map';

export interface WriteOptions {
  /** Replace an existing file (otherwise an existing file is an InputError). */
  force?: boolean;
}

/** Renders and writes the report atomically (UTF-8, no BOM). */
export async function writeReport(path: string, model: ReportModel, format: ReportFormat, opts: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, renderReport(model, format), { force: opts.force ?? false });
}

/** The private token → original map of a redacted report: for the user to keep, never to send. */
export function redactionMapJson(redactor: Redactor, report: Pick<ReportModel, 'generatedAt'> & { host: { name: string } }): object {
  return {
    schema: REDACTION_MAP_SCHEMA,
    version: 1,
    warning: 'PRIVATE: this file undoes the redaction of the report. Keep it; do not attach it to a ticket.',
    report: { generatedAt: report.generatedAt, host: report.host.name },
    entries: redactor.entries().map((e) => ({ token: e.token, original: e.original, kind: e.kind })),
  };
}

export async function writeRedactionMap(path: string, redactor: Redactor, report: ReportModel, opts: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(redactionMapJson(redactor, report), null, 2)}\n`, { force: opts.force ?? false });
}

export interface ExportOptions extends WriteOptions {
  format: ReportFormat;
  toolVersion?: string;
  redact?: boolean;
  /** With redact: also write the private token → original map here. */
  redactMapPath?: string;
  /** ps1 only: just this finding's steps. */
  rule?: string;
  now?: Date;
}

/** One call for an export button (the wizard's findings screen): build, render and write the report. */
export async function exportReport(run: CheckRun, path: string, opts: ExportOptions): Promise<ReportModel> {
  if (opts.redactMapPath !== undefined && !opts.redact) throw new Error('a redaction map needs redact: true');
  if (!opts.force) {
    // Refuse before writing either file, so a refused map never leaves a report behind.
    for (const p of [path, opts.redactMapPath]) {
      if (p !== undefined && (await stat(p).then(() => true, () => false))) {
        throw new InputError(`${p} already exists: not overwritten (use --force to replace it)`);
      }
    }
  }
  const redactor = opts.redact ? new Redactor() : undefined;
  const model = buildReport(run, {
    ...(opts.toolVersion !== undefined ? { toolVersion: opts.toolVersion } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(redactor ? { redactor } : {}),
  });
  if (opts.format === 'ps1' && opts.rule !== undefined) await writeFileAtomic(path, renderPs1(model, { rule: opts.rule }), { force: opts.force ?? false });
  else await writeReport(path, model, opts.format, opts);
  if (redactor && opts.redactMapPath !== undefined) await writeRedactionMap(opts.redactMapPath, redactor, model, opts);
  return model;
}
