import { resolve } from 'node:path';
import type { CliIO } from './command.js';
import { InputError } from '../core/errors.js';
import { expandSnapshotInputs } from '../core/fleet/inputs.js';
import { runFleet, type FleetRun, type RunFleetOptions } from '../core/fleet/run-fleet.js';
import { groupSites, siteOf } from '../core/fleet/sites.js';
import { applyWaivers, loadWaivers, unusedWaiverNote, type Waiver } from '../core/fleet/waivers.js';
import { applyBaseline, loadBaseline, type Baseline } from '../core/fleet/baseline.js';
import type { Marked } from '../core/fleet/marks.js';
import type { FleetHost } from '../core/fleet/host-facts.js';
import type { FactValue } from '../core/facts/types.js';
import type { Catalogue } from '../core/rules/catalogue.js';
import type { CheckRun } from '../core/run/check-run.js';
import { snapshotSource, type FactSource } from '../core/run/run-check.js';
import { putTenantFacts, readTenantFiles, type TenantFile } from '../core/tenant/apply.js';
import { displayLine } from '../core/text/sanitize.js';
import { limitHeapGrowth } from './heap-growth.js';
import { interruptible } from './interrupt.js';

/**
 * What `--snapshot` (repeatable) names: one snapshot file given as a file (`single`: the output stays the
 * one-host output), or several hosts (several files, a folder, a glob). Tenant files are read once, here
 * (a bad one fails before any snapshot is read), and apply to every host: they are the tenant's facts.
 */
export async function snapshotSources(command: string, args: readonly string[], io: CliIO, tenantFiles: readonly TenantFile[], maxBytes: number | undefined): Promise<{ single: boolean; sources: FactSource[] }> {
  const empty = args.find((a) => a.trim() === '');
  if (empty !== undefined) throw new InputError(`ccdoctor ${command}: --snapshot needs a file, a folder or a pattern (got an empty value)`);
  const inputs = expandSnapshotInputs(args, io.cwd, command);
  const tenant = await readTenantFiles(tenantFiles);
  const prepare = tenant.length > 0 ? async (store: Parameters<typeof putTenantFacts>[0]) => putTenantFacts(store, tenant) : undefined;
  const limit = maxBytes !== undefined ? { maxBytes } : {};
  const sources = inputs.map((i) => snapshotSource(i.path, i.shown, prepare, limit));
  // A file named as it is: a folder or a glob with one snapshot in it is still a many-host run.
  const single = args.length === 1 && inputs.length === 1 && inputs[0]!.shown === args[0];
  return { single, sources };
}

/** How many unreadable inputs a run that read none names, one line each. */
const MAX_FAILURES_SHOWN = 20;

/**
 * Runs many snapshots through runFleet. In a terminal, stderr shows "N of M hosts" as they go (one line,
 * rewritten, cleared at the end); in a pipe or a file, nothing. None readable: an input error.
 */
export async function runSnapshots(
  command: string,
  sources: readonly FactSource[],
  catalogue: Catalogue,
  io: CliIO,
  options: Record<string, unknown>,
  retain: RunFleetOptions['retain'] = 'full',
  onHost?: (host: FleetHost) => void,
  onRun?: RunFleetOptions['onRun'],
): Promise<FleetRun> {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  limitHeapGrowth();
  // Ctrl-C (or SIGTERM) stops reading inputs: what was checked is still shown, marked partial.
  const run = await interruptible((signal) =>
    runFleet(sources, catalogue, {
      options,
      retain,
      signal,
      ...(onRun ? { onRun } : {}),
      onHost: (done, total, outcome) => {
        if (onHost && 'host' in outcome) onHost(outcome.host);
        if (tty) io.stderr.write(`\r\u001b[2K${progressText(done, total)}`);
      },
    }),
  );
  if (tty) io.stderr.write('\r\u001b[2K');
  if (run.partial) io.stderr.write(`Interrupted: ${run.hosts.length + run.failed.length} of ${sources.length} snapshots were read; the output covers those and says it is partial.\n`);
  if (run.hosts.length === 0) {
    // Each file's own reason, one line each: they often differ (one missing, one not JSON, one too large).
    // A message that starts with the file's name already (a validation error) is not given it twice.
    const reason = (f: { ref: string; message: string }) => (f.message.startsWith(`${f.ref}: `) ? f.message.slice(f.ref.length + 2) : f.message);
    const shown = run.failed.slice(0, MAX_FAILURES_SHOWN).map((f) => `\n  ${displayLine(f.ref, 120)}: ${displayLine(reason(f), 300)}`);
    const more = run.failed.length - shown.length;
    throw new InputError(`ccdoctor ${command}: none of the ${sources.length} snapshots could be read${shown.length ? ':' : ''}${shown.join('')}${more > 0 ? `\n  and ${more} more` : ''}`);
  }
  return run;
}

export function progressText(done: number, total: number | undefined): string {
  return `Checking snapshots: ${done}${total !== undefined ? ` of ${total}` : ''} hosts`;
}

/** --waivers and --baseline, read before anything runs (a bad file is an input error, exit 2). */
export interface Marks {
  waivers?: { list: Waiver[]; shown: string };
  baseline?: Baseline;
}

export async function loadMarks(values: { waivers?: string; baseline?: string }, cwd: string): Promise<Marks> {
  const marks: Marks = {};
  if (values.waivers !== undefined) marks.waivers = { list: await loadWaivers(resolve(cwd, values.waivers), values.waivers), shown: values.waivers };
  if (values.baseline !== undefined) marks.baseline = await loadBaseline(resolve(cwd, values.baseline), values.baseline);
  return marks;
}

/** Waivers, then the baseline; the warnings name the waivers that matched nothing. */
function applyMarks<R extends Marked>(run: R, marks: Marks, now: Date): { run: R; warnings: string[] } {
  let out = run;
  const warnings: string[] = [];
  if (marks.waivers) {
    const w = applyWaivers(out, marks.waivers.list, now);
    out = w.run;
    for (const u of w.unused) warnings.push(unusedWaiverNote(u, marks.waivers.shown));
  }
  if (marks.baseline) out = applyBaseline(out, marks.baseline);
  return { run: out, warnings };
}

/** Waivers and the baseline on a many-host run. */
export function markFleet(run: FleetRun, marks: Marks, now: Date): { run: FleetRun; warnings: string[] } {
  if (!marks.waivers && !marks.baseline) return { run, warnings: [] };
  const m = applyMarks(run, marks, now);
  // The sites hold the hosts: group the marked ones.
  return { run: { ...m.run, sites: groupSites(m.run.hosts) }, warnings: m.warnings };
}

/** The same on one host of a many-host run, as markFleet marks it (for output written host by host). */
export function markHost(host: FleetHost, marks: Marks, now: Date): FleetHost {
  if (!marks.waivers && !marks.baseline) return host;
  return { ...host, results: applyMarks({ hosts: [host], siteResults: [] }, marks, now).run.hosts[0]!.results };
}

/** The same on one host's run (its site from its facts, as a many-host run would group it). */
export function markSingle<R extends CheckRun>(run: R, marks: Marks, now: Date): R {
  if (!marks.waivers && !marks.baseline) return run;
  const facts = new Map<string, FactValue>((['cce.topology', 'tenant.appliances'] as const).map((id) => [id, run.store.get(id)]));
  const m = applyMarks({ hosts: [{ name: run.host.name, site: siteOf(run.host.name, facts), results: run.results }], siteResults: [] }, marks, now);
  return { ...run, results: m.run.hosts[0]!.results, warnings: [...run.warnings, ...m.warnings] };
}
