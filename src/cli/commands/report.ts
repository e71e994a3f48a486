import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseCommandArgs, oneOf, ruleOptions, snapshotLimit } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { runCheck, type PipelineRun } from '../../core/run/run-check.js';
import { seedFromFacts } from '../../core/report/seeds.js';
import { loadMarks, markFleet, markSingle, runSnapshots, snapshotSources } from '../snapshot-runs.js';
import { buildReport, formatFromPath, Redactor, renderReport, type ReportFormat, writeRedactionMap, writeReport } from '../../core/report/index.js';
import { VERSION } from '../../core/paths.js';
import { writeFleetReport } from './report-fleet.js';
import type { FleetReportFormat } from '../../core/report/fleet/model.js';
import { FLEET_REPORT_RETAIN } from '../../core/report/fleet/index.js';

/** The usual extension of each format, for the message when --out and --format disagree. */
const EXTENSION: Record<(typeof FORMATS)[number], string> = { md: '.md', html: '.html', json: '.json', junit: '.xml', ps1: '.ps1', sarif: '.sarif' };
const FORMATS = ['md', 'html', 'json', 'junit', 'sarif', 'ps1'] as const satisfies readonly (ReportFormat | FleetReportFormat)[];

export const reportCommand: Command = {
  name: 'report',
  help: `Usage: ccdoctor report --snapshot FILE|FOLDER|GLOB... [--tenant FILE]... [--format md|html|json|junit|sarif|ps1] [--out FILE|-]
                       [--force] [--redact [--redact-map FILE]] [--cert-expiry-days N]
                       [--waivers FILE] [--baseline FILE]

Checks a snapshot and writes a report of the run: a summary by severity, the findings with their
evidence and remediation commands, what could not be checked and why, and the facts with where each
came from and which could not be collected. A run with unchecked rules says so at the top.

  md     Markdown for a ticket (GitHub/GitLab/Jira tables, fenced PowerShell commands)
  html   one self-contained file (no scripts, no external resources), printable
  json   the report model: "schema": "ccdoctor/report", "version": 1
  junit  JUnit XML for CI: one testcase per rule; failure = finding, skipped = unknown or
         not applicable, error = the rule broke
  sarif  SARIF 2.1.0 for pipelines (the many-host report; see below)
  ps1    the findings' remediation steps as a commented PowerShell script, this host's values
         filled in. Running it never runs a destructive step (each is commented out, marked
         DESTRUCTIVE), nor a step for a VM or the tenant, nor one with a value to fill in (a
         <name> left blank, a value --redact replaced by a token, a masked secret, or a command
         cut short because a value is too long to show: each such step says which); the other
         steps run in order and the first error stops it

Many hosts: repeat --snapshot, or give a folder (every *.json in it and its subfolders) or a glob; the
report then starts with a site overview (per site, a hosts x rules matrix with each host's counts and
the site rules' findings), then each host's findings. json has "schema": "ccdoctor/fleet-report",
"version": 1; junit has a testsuite per host and per site, sarif puts waived findings under suppressions;
ps1 is for one host.

Options:
  --snapshot FILE     a ccdoctor snapshot (JSON; UTF-8 or UTF-16 with BOM); repeat it, or give a folder
                      or a glob (* ? **), for many hosts
  --tenant FILE       tenant facts from the JSON of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or
                      Get-CsHybridMediationServer piped to ConvertTo-Json, as for ccdoctor check;
                      repeat for several; replaces the snapshot's tenant facts
  --format FORMAT     md, html, json, junit, sarif or ps1 (default: from the --out extension .md .html
                      .json .xml .sarif .ps1, otherwise md); an --out extension that means another
                      format is refused
  --out FILE          where to write the report; - or no --out: standard output
  --force             replace --out / --redact-map files that already exist
  --redact            replace host, domain, user, tenant and site names, certificate subjects and
                      IP addresses by consistent tokens (the same value always gets the same token),
                      and name snapshot files without their folders, so the report can be sent outside
  --redact-map FILE   with --redact: also write the private token -> original map to FILE (keep it)
  --cert-expiry-days N  warn about certificates that expire within N days (default 60)
  --max-snapshot-mb N   refuse a snapshot larger than N MB (default 64; also CCDOCTOR_MAX_SNAPSHOT_MB)
  --waivers FILE      accepted findings, as for ccdoctor check: shown as waived (sarif: suppressed), not
                      as failing; an expired waiver fails again. With one snapshot the report is then the
                      many-host report of one host (the one that marks waived findings); not with ps1
  --baseline FILE     a previous check --format json: findings it already had are marked known (sarif:
                      baselineState unchanged), new ones new; not with ps1
  -h, --help          this help

Passwords, private keys, SecureString blobs and file contents never appear in a report, redacted or not.
Files are written atomically. Exit codes: 0 the report was written; 2 usage or input error.`,
  async run(argv, io, ctx) {
    const { values } = parseCommandArgs('report', argv, {
      snapshot: { type: 'string', multiple: true },
      tenant: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      'cert-expiry-days': { type: 'string' },
      'max-snapshot-mb': { type: 'string' },
      redact: { type: 'boolean' },
      'redact-map': { type: 'string' },
      waivers: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const toStdout = values.out === undefined || values.out === '-';
    const fromExtension = toStdout ? undefined : /\.sarif$/i.test(values.out!) ? 'sarif' : formatFromPath(values.out!);
    const format = oneOf('report', 'format', values.format, FORMATS, fromExtension || 'md');
    if (values.format !== undefined && fromExtension !== undefined && fromExtension !== format) {
      throw new InputError(
        `ccdoctor report: --format ${format} does not match --out ${values.out}, whose extension means ${fromExtension}: ` +
          `give an --out name that ends in ${EXTENSION[format]}, or leave out --format to let the extension decide`,
      );
    }
    if (!values.snapshot?.length) {
      throw new InputError(
        'ccdoctor report: --snapshot FILE is required (reporting on this host live needs Windows PowerShell on a CCE host).\n' +
          '  Example: ccdoctor report --snapshot host.json --format html --out report.html',
      );
    }
    const mapPath = values['redact-map'];
    if (mapPath !== undefined && !values.redact) {
      throw new InputError('ccdoctor report: --redact-map only makes sense with --redact (it records what --redact replaced)');
    }
    if (mapPath === '' || mapPath === '-') {
      throw new InputError('ccdoctor report: --redact-map needs a file name: the map is private and is never written to standard output');
    }
    const outPath = toStdout ? undefined : resolve(io.cwd, values.out!);
    const mapFile = mapPath === undefined ? undefined : resolve(io.cwd, mapPath);
    if (outPath && mapFile && outPath === mapFile) {
      throw new InputError('ccdoctor report: --out and --redact-map name the same file; the map must be kept apart from the report');
    }
    // Refuse before writing anything, so a refused map never leaves a report behind (or the reverse).
    for (const p of [outPath, mapFile]) if (p) await refuseExisting(p, values.force ?? false);

    const tenantFiles = (values.tenant ?? []).map((f) => ({ path: resolve(io.cwd, f), shown: f }));
    const options = ruleOptions('report', values);
    const { single, sources } = await snapshotSources('report', values.snapshot, io, tenantFiles, snapshotLimit('report', values));
    const marks = await loadMarks(values, io.cwd);
    const now = new Date();
    const marked = marks.waivers !== undefined || marks.baseline !== undefined;
    if (format === 'ps1' && marked) {
      throw new InputError('ccdoctor report: --waivers and --baseline mark which findings count; --format ps1 writes every finding\'s steps: leave them out for ps1');
    }
    // The many-host report is the one that shows waived and known findings: one host with marks uses it too.
    if (!single || format === 'sarif' || marked) {
      if (format === 'ps1') throw new InputError('ccdoctor report: --format ps1 is a script for one host: give one --snapshot FILE');
      // Seeded from each host's every fact as it is checked: the hosts kept hold only what site rules read.
      const redactor = values.redact ? new Redactor() : undefined;
      const seed = redactor && ((run: PipelineRun) => void seedFromFacts(run.store, run.store.specs, redactor, run.host.name));
      const marked = markFleet(await runSnapshots('report', sources, await ctx.catalogue(), io, options, FLEET_REPORT_RETAIN[format], undefined, seed), marks, now);
      return writeFleetReport(marked.run, format, {
        io, catalogue: await ctx.catalogue(), notes: marked.warnings, ...(redactor ? { redactor } : {}), outPath, shownOut: values.out, mapFile, shownMap: mapPath, force: values.force ?? false,
      });
    }
    const run = markSingle(await runCheck(sources[0]!, await ctx.catalogue(), { options }), marks, now);
    const redactor = values.redact ? new Redactor() : undefined;
    const model = buildReport(run, { toolVersion: VERSION, ...(redactor ? { redactor } : {}) });
    const force = values.force ?? false;
    if (outPath) await writeReport(outPath, model, format, { force });
    else io.stdout.write(renderReport(model, format));
    if (mapFile && redactor) await writeRedactionMap(mapFile, redactor, model, { force });
    if (outPath) {
      const s = model.summary;
      io.stderr.write(`Wrote ${values.out} (${format}${model.redacted ? ', redacted' : ''}): ${s.fail} failed, ${s.unknown} could not be checked, ${s.total} rules.\n`);
    }
    if (mapFile) io.stderr.write(`Wrote the private redaction map to ${mapPath}: keep it, do not send it with the report.\n`);
    return EXIT.ok;
  },
};

async function refuseExisting(path: string, force: boolean): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) throw new InputError(`${path} is a folder: give a file name for the report (e.g. ${path}/report.html)`);
  if (st && !force) throw new InputError(`${path} already exists: not overwritten (use --force to replace it)`);
}
