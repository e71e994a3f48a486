import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseCommandArgs } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { VERSION } from '../../core/paths.js';
import type { LiveOptions } from '../../live/run-live.js';
import type { TenantFile } from '../../core/tenant/apply.js';

export const collectCommand: Command = {
  name: 'collect',
  help: `Usage: ccdoctor collect --out FILE [--force] [--tenant FILE]... [--vm-user NAME] [--timeout SECONDS]
       ccdoctor collect --script

Collects this CCE host's facts with one Windows PowerShell process (read-only probes: nothing on the
host is changed) and writes them as a snapshot, to analyze here or on another machine with
ccdoctor check --snapshot FILE. Passwords and credential contents are never written. Run it in
PowerShell as Administrator: without elevation the facts that need it are recorded as denied.
Tenant facts (the Office 365 side) are not read from the host: they are recorded as not collected,
unless --tenant FILE gives them.

With --script it prints instead collect.ps1, the same probes as one Windows PowerShell 5.1 script for a
host without Node.js. On that host:
  powershell -ExecutionPolicy Bypass -File .\\collect.ps1 -OutFile host.json
then bring host.json back and run ccdoctor check --snapshot host.json.
(collect.ps1 also takes -Force and -VmCredential (Get-Credential).)

Options:
  --out FILE         where to write the snapshot (JSON, UTF-8); an existing file is not replaced
  --force            replace --out if it exists
  --script           print the collector script (Windows PowerShell 5.1) to stdout
  --tenant FILE      tenant facts to write into the snapshot: the JSON of Get-CsHybridPSTNAppliance,
                     Get-CsHybridPSTNSite or Get-CsHybridMediationServer piped to ConvertTo-Json
                     (UTF-8 or UTF-16); repeat for several. Also possible later:
                     ccdoctor check --snapshot FILE --tenant FILE
  --vm-user NAME     VM administrator account for the probes inside the VMs (PowerShell Direct); the
                     password is read from the CCDOCTOR_VM_PASSWORD environment variable. Default: the
                     stored credential (Get-CcCredential -AccountType VmAdmin)
  --timeout SECONDS  limit for the whole run (default 300); a probe that overruns its own limit is
                     recorded as timeout and the others go on
  -h, --help         this help

PowerShell: powershell.exe, else pwsh, from PATH; CCDOCTOR_POWERSHELL names another.
Ctrl-C stops PowerShell and everything it started.
Exit codes: 0 snapshot written (or script printed); 2 usage or input error (no PowerShell, --out exists); 130 interrupted.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('collect', argv, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      script: { type: 'boolean' },
      tenant: { type: 'string', multiple: true },
      'vm-user': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    if (values.script) {
      for (const flag of ['out', 'force', 'tenant', 'vm-user', 'timeout'] as const) {
        if (values[flag] !== undefined) throw new InputError(`ccdoctor collect: --script prints the script to stdout and takes no --${flag} (collect.ps1 has its own parameters, see its help). See: ccdoctor collect --help`);
      }
      const [{ FACTS }, { collectorProbes }, { collectorScript }] = await Promise.all([
        import('../../facts/index.js'),
        import('../../live/probes.js'),
        import('../../live/ps-script.js'),
      ]);
      io.stdout.write(collectorScript(collectorProbes(FACTS), { collectorVersion: VERSION, deadlineMs: 300_000 }));
      return EXIT.ok;
    }
    if (!values.out) throw new InputError('ccdoctor collect: --out FILE is required (where to write the snapshot), or --script to print the collector script. See: ccdoctor collect --help');
    const liveOpts = liveOptionsFrom('collect', values, io);
    const out = resolve(io.cwd, values.out);
    const [{ FACTS }, { runLive }, { liveHost }, { progressPrinter, liveSummary }, { snapshotFromStore, writeSnapshotFile }, { readTenantFiles, putTenantFacts }] = await Promise.all([
      import('../../facts/index.js'),
      import('../../live/run-live.js'),
      import('../../live/live-host.js'),
      import('../../live/progress.js'),
      import('../../core/snapshot/write.js'),
      import('../../core/tenant/apply.js'),
    ]);
    // Fail before a long run, not after it; writeSnapshotFile checks again.
    if (!values.force && (await stat(out).then(() => true, () => false))) throw new InputError(`${values.out} already exists: not overwritten (use --force to replace it)`);
    const folder = await stat(dirname(out)).catch(() => undefined);
    if (!folder?.isDirectory()) throw new InputError(`cannot write ${values.out}: the folder ${dirname(out)} does not exist`);
    const tenant = await readTenantFiles(tenantFilesFrom(values.tenant, io));
    return withInterrupt(io, async (signal) => {
      const result = await runLive({ ...liveOpts, signal, onProgress: progressPrinter(io.stderr) });
      putTenantFacts(result.store, tenant, { origin: true });
      const host = liveHost(result.store, { version: VERSION });
      await writeSnapshotFile(out, snapshotFromStore(result.store, FACTS, host), { force: values.force === true });
      io.stderr.write(liveSummary(result, result.store.collected()));
      io.stderr.write(`Snapshot written to ${values.out}. Check it: ccdoctor check --snapshot ${values.out}\n`);
      return EXIT.ok;
    });
  },
};

/** --tenant FILE values, resolved against the working folder (shown as given). */
export function tenantFilesFrom(files: readonly string[] | undefined, io: CliIO): TenantFile[] {
  return (files ?? []).map((f) => ({ path: resolve(io.cwd, f), shown: f }));
}

/** The live-run options shared by collect and check. */
export function liveOptionsFrom(
  command: string,
  values: { 'vm-user'?: string; timeout?: string },
  io: CliIO,
): Pick<LiveOptions, 'vmCredential' | 'deadlineMs'> {
  const opts: Pick<LiveOptions, 'vmCredential' | 'deadlineMs'> = {};
  if (values['vm-user'] !== undefined) {
    const user = values['vm-user'].trim();
    if (user === '') throw new InputError(`ccdoctor ${command}: --vm-user needs an account name (e.g. CCE\\Administrator)`);
    const password = io.env.CCDOCTOR_VM_PASSWORD;
    if (password === undefined || password === '') {
      throw new InputError(`ccdoctor ${command}: --vm-user ${user} needs its password in the CCDOCTOR_VM_PASSWORD environment variable (it is never taken on the command line)`);
    }
    opts.vmCredential = { user, password };
  }
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s < 5 || s > 3600) throw new InputError(`ccdoctor ${command}: --timeout must be a number of seconds from 5 to 3600 (got "${values.timeout}")`);
    opts.deadlineMs = Math.round(s * 1000);
  }
  return opts;
}

/** Runs a live operation that Ctrl-C (SIGINT) or SIGTERM cancels: PowerShell is killed and the exit code is 130. */
export async function withInterrupt(io: CliIO, body: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const ac = new AbortController();
  const onSignal = () => ac.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body(ac.signal);
  } catch (e) {
    if (ac.signal.aborted) {
      io.stderr.write('\nInterrupted: PowerShell and everything it started were stopped; nothing was written.\n');
      return 130;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `ccdoctor check` without --snapshot: a live check of this host, or an InputError (exit 2) offering a
 * snapshot or the checklist when there is no PowerShell. Tenant facts come from `tenantFiles` (read
 * before PowerShell starts, so a bad file fails at once). Returns the exit code when interrupted.
 */
export async function checkThisHost(
  io: CliIO,
  values: { 'vm-user'?: string; timeout?: string },
  options: Record<string, unknown> = {},
  tenantFiles: readonly TenantFile[] = [],
) {
  const liveOpts = liveOptionsFrom('check', values, io);
  const [{ findPowerShell, NO_POWERSHELL_MESSAGE }, { checkLive }, { progressPrinter, liveSummary }, { readTenantFiles, putTenantFacts }] = await Promise.all([
    import('../../live/find-powershell.js'),
    import('../../live/check-live.js'),
    import('../../live/progress.js'),
    import('../../core/tenant/apply.js'),
  ]);
  const tenant = await readTenantFiles(tenantFiles);
  const powershell = await findPowerShell(io.env);
  if (!powershell) throw new InputError(`ccdoctor check: no --snapshot given, and ${NO_POWERSHELL_MESSAGE}`);
  let code: number | undefined;
  let run: Awaited<ReturnType<typeof checkLive>> | undefined;
  code = await withInterrupt(io, async (signal) => {
    run = await checkLive({
      ...liveOpts, powershell, env: io.env, signal, version: VERSION, options, onProgress: progressPrinter(io.stderr),
      ...(tenant.length > 0 ? { prepare: async (store) => putTenantFacts(store, tenant) } : {}),
    });
    io.stderr.write(liveSummary(run.live, run.live.store.collected()));
    return EXIT.ok;
  });
  return run && code === EXIT.ok ? run : code;
}
