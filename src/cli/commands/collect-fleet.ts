import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { FactSpec } from '../../core/facts/types.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import { MANIFEST_FILE } from '../../core/fleet/inputs.js';
import { buildManifest, writeManifest, type ManifestHost } from '../../core/fleet/manifest.js';
import { isPatch, snapshotMaxBytes } from '../../core/snapshot/resolve.js';
import { parseSnapshot } from '../../core/snapshot/load.js';
import { displayLine } from '../../core/text/sanitize.js';
import type { HostOutcome } from '../../live/fanout-result.js';
import { fanOutSummary, hostProgress } from '../../live/fanout-progress.js';
import { runFanOut } from '../../live/run-fanout.js';
import { findPowerShell, noPowerShellReason } from '../../live/find-powershell.js';
import type { VmCredential } from '../../live/ps-script.js';
import type { CliIO } from '../command.js';

export interface FleetCollectOptions {
  computers: readonly string[];
  /** The folder (absolute) and how the operator wrote it, ending in a separator. */
  outDir: string;
  shownOut: string;
  force: boolean;
  throttle: number;
  hostTimeoutMs: number;
  specs: ReadonlyMap<string, FactSpec<any>>;
  /** Collect only these facts (tests: a reduced collector); default every collected fact. */
  ids?: readonly string[];
  remoteCredential?: VmCredential;
  vmCredential?: VmCredential;
  powershell?: string;
  version: string;
  signal?: AbortSignal;
}

/** Exit codes: 0 every host collected, 1 some were not (the manifest says which), 130 interrupted. */
export async function collectFleet(opts: FleetCollectOptions, io: CliIO): Promise<number> {
  // Before the folder is made: no PowerShell, nothing to collect with.
  const powershell = opts.powershell ?? (await findPowerShell(io.env));
  if (!powershell) {
    throw new InputError(
      `ccdoctor collect: ${noPowerShellReason(io.env)}: --computer runs Invoke-Command from it. ` +
        'Without it, run collect.ps1 on each host (ccdoctor collect --script) and check the JSON files it writes',
    );
  }
  await prepareFolder(opts);
  const entries: ManifestHost[] = [];
  const progress = hostProgress(io.stderr, opts.computers.length);
  const manifestPath = join(opts.outDir, MANIFEST_FILE);
  const finish = (extra: ManifestHost[]) => writeManifest(manifestPath, buildManifest([...entries, ...extra], opts.computers, opts.version, new Date()));
  try {
    const run = await runFanOut({
      computers: opts.computers,
      specs: opts.specs,
      ...(opts.ids ? { ids: opts.ids } : {}),
      throttle: opts.throttle,
      hostTimeoutMs: opts.hostTimeoutMs,
      collectorVersion: opts.version,
      ...(opts.remoteCredential ? { remoteCredential: opts.remoteCredential } : {}),
      ...(opts.vmCredential ? { vmCredential: opts.vmCredential } : {}),
      powershell,
      env: io.env,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onHost: async (o) => {
        const entry = await keepSnapshot(o, opts);
        entries.push(entry);
        progress.host(entry);
      },
    });
    progress.end();
    await finish([]);
    io.stderr.write(fanOutSummary(buildManifest(entries, opts.computers, opts.version, new Date()).hosts, run.durationMs, opts.shownOut, run.warnings));
    return entries.every((e) => e.status === 'ok') ? 0 : 1;
  } catch (e) {
    progress.end();
    if (!opts.signal?.aborted) throw e;
    const done = new Set(entries.map((h) => h.host.toLowerCase()));
    const rest = opts.computers.filter((c) => !done.has(c.toLowerCase())).map((host): ManifestHost => ({ host, status: 'failed', durationMs: 0, error: 'not finished: the collection was interrupted' }));
    await finish(rest);
    io.stderr.write(`\nInterrupted: PowerShell and its remoting jobs were stopped. ${entries.filter((h) => h.status === 'ok').length} snapshot(s) and ${MANIFEST_FILE} are in ${opts.shownOut}.\n`);
    return 130;
  }
}

/** The folder exists (made if not) and holds nothing this run would replace, unless --force. */
async function prepareFolder(opts: FleetCollectOptions): Promise<void> {
  const st = await stat(opts.outDir).catch(() => undefined);
  if (st && !st.isDirectory()) throw new InputError(`ccdoctor collect: --out ${opts.shownOut} is a file: with --computer, --out names a folder (one snapshot per host and ${MANIFEST_FILE})`);
  if (!st) {
    try {
      await mkdir(opts.outDir, { recursive: true });
    } catch (e) {
      throw new InputError(`ccdoctor collect: cannot make the folder ${opts.shownOut}: ${(e as Error).message}`);
    }
  }
  if (opts.force) return;
  const names = [...opts.computers.map((c) => `${c}.json`), MANIFEST_FILE];
  const there: string[] = [];
  for (const n of names) if (await stat(join(opts.outDir, n)).then(() => true, () => false)) there.push(n);
  if (there.length > 0) {
    const list = there.slice(0, 3).join(', ') + (there.length > 3 ? ` and ${there.length - 3} more` : '');
    throw new InputError(`ccdoctor collect: ${opts.shownOut} already holds ${list}: not overwritten (use --force to replace them, or another --out folder)`);
  }
}

/** A host's answer checked as any snapshot is, then written as `<host>.json`; anything wrong fails that host only. */
async function keepSnapshot(o: HostOutcome, opts: FleetCollectOptions): Promise<ManifestHost> {
  const base = { host: o.host, durationMs: o.durationMs };
  if (o.status !== 'ok' || o.snapshotText === undefined) return { ...base, status: o.status, error: o.error ?? 'no snapshot came back' };
  const text = o.snapshotText;
  const fail = (why: string): ManifestHost => ({ ...base, status: 'failed', error: `the host's answer is not a snapshot: ${displayLine(why, 400)}` });
  if (Buffer.byteLength(text) > snapshotMaxBytes()) return fail(`larger than ${Math.round(snapshotMaxBytes() / 1024 / 1024)} MB`);
  const bytes = new TextEncoder().encode(text);
  try {
    // A collected snapshot is whole: one that "extends" a file would make ccdoctor read this machine's files.
    if (isPatch(JSON.parse(text))) return fail('it names a snapshot it extends');
    parseSnapshot(bytes, `${o.host} (remote answer)`, opts.specs);
  } catch (e) {
    return fail((e as Error).message);
  }
  const file = `${o.host}.json`;
  try {
    await writeFileAtomic(join(opts.outDir, file), text.endsWith('\n') ? text : `${text}\n`, { force: true });
  } catch (e) {
    return { ...base, status: 'failed', error: `collected, but not written: ${displayLine((e as Error).message, 300)}` };
  }
  return { ...base, status: 'ok', file };
}
