import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { liveOptionsFrom, tenantFilesFrom, withInterrupt } from '../live-options.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { VERSION } from '../../core/paths.js';
import { collectedNothing } from '../../live/collected-nothing.js';
import type { LiveOptions } from '../../live/run-live.js';
import type { TenantFile } from '../../core/tenant/apply.js';

export const collectCommand: Command = {
  name: 'collect',
  help: `Usage: ccdoctor collect --out FILE [--force] [--tenant FILE]... [--vm-user NAME] [--timeout SECONDS]
       ccdoctor collect --computer NAME[,NAME...] | --computers-file FILE  --out FOLDER [--throttle N]
                        [--timeout SECONDS] [--credential-user NAME] [--vm-user NAME] [--force]
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
(collect.ps1 also takes -Force and -VmCredential (Get-Credential); -OutFile - returns the snapshot as
JSON text instead of writing a file, for Invoke-Command.)

Many hosts at once (PowerShell remoting, from this machine): with --computer or --computers-file it
runs the same collector on each host through one Invoke-Command -ComputerName ... -ThrottleLimit N, and
writes FOLDER/<host>.json for each host that answered, and FOLDER/manifest.json: every host with its
status (ok, unreachable, failed, timeout), duration and error. A host that is unreachable, fails or
hangs never stops the others. Progress (done/total, host, status, seconds) goes to stderr. WinRM must
be enabled on the hosts (Enable-PSRemoting) and your account an administrator there.
The same from your own tooling, with collect.ps1 from ccdoctor collect --script:
  Invoke-Command -ComputerName (Get-Content hosts.txt) -FilePath .\\collect.ps1 -ArgumentList '-' -ThrottleLimit 8 |
    ForEach-Object { [IO.File]::WriteAllText((Join-Path $PWD ($_.PSComputerName + '.json')), $_) }

Options:
  --out FILE         where to write the snapshot (JSON, UTF-8); an existing file is not replaced
                     (with --computer: the folder for the snapshots and manifest.json, made if missing)
  --force            replace --out if it exists
  --script           print the collector script (Windows PowerShell 5.1) to stdout
  --tenant FILE      tenant facts to write into the snapshot: the JSON of Get-CsHybridPSTNAppliance,
                     Get-CsHybridPSTNSite or Get-CsHybridMediationServer piped to ConvertTo-Json
                     (UTF-8 or UTF-16); repeat for several. Also possible later:
                     ccdoctor check --snapshot FILE --tenant FILE
  --vm-user NAME     VM administrator account for the probes inside the VMs (PowerShell Direct); the
                     password is read from the CCDOCTOR_VM_PASSWORD environment variable. Default: the
                     stored credential (Get-CcCredential -AccountType VmAdmin); with --computer, each
                     host's collector gets it
  --timeout SECONDS  limit for the whole run (default 300); a probe that overruns its own limit is
                     recorded as timeout and the others go on. With --computer: the limit per host,
                     connecting included; a host that overruns it is stopped and recorded as timeout
  --computer NAMES   the hosts to collect through PowerShell remoting (comma-separated; repeatable)
  --computers-file FILE
                     the hosts, one name a line (# starts a comment, blank lines are skipped)
  --throttle N       hosts collected at once (Invoke-Command -ThrottleLimit; default 8, 1 to 128)
  --credential-user NAME
                     the account for the remoting connection (default: your own logon); its password
                     is read from the CCDOCTOR_REMOTE_PASSWORD environment variable
  -h, --help         this help

PowerShell: powershell.exe, else pwsh, from PATH; CCDOCTOR_POWERSHELL names another.
Ctrl-C stops PowerShell and everything it started.
Exit codes: 0 snapshot written (or script printed; with --computer: every host collected); 1 with
--computer, some hosts not collected (manifest.json says which and why); 2 usage or input error (no
PowerShell, --out exists, a bad computer name), or PowerShell reported no fact of the host (it could not
run, a policy refused the script, or it died first: the snapshot is written all the same, with each
fact's error); 130 interrupted.`,
  async run(argv, io, ctx) {
    const { values } = parseCommandArgs('collect', argv, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      script: { type: 'boolean' },
      tenant: { type: 'string', multiple: true },
      'vm-user': { type: 'string' },
      timeout: { type: 'string' },
      computer: { type: 'string', multiple: true },
      'computers-file': { type: 'string', multiple: true },
      throttle: { type: 'string' },
      'credential-user': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    if (values.computer || values['computers-file']) {
      if (values.script) throw new InputError('ccdoctor collect: --script prints the collector and takes no --computer; to collect hosts drop --script. See: ccdoctor collect --help');
      const { fleetRequest } = await import('./collect-fleet-args.js');
      const request = fleetRequest(values, io);
      const [{ facts }, { collectFleet }] = await Promise.all([ctx.catalogue(), import('./collect-fleet.js')]);
      return withInterrupt(io, (signal) => collectFleet({ ...request, specs: facts, version: VERSION, signal }, io));
    }
    for (const flag of ['throttle', 'credential-user'] as const) {
      if (values[flag] !== undefined) throw new InputError(`ccdoctor collect: --${flag} is for collecting many hosts: give --computer NAME[,NAME...] or --computers-file FILE. See: ccdoctor collect --help`);
    }
    if (values.script) {
      for (const flag of ['out', 'force', 'tenant', 'vm-user', 'timeout'] as const) {
        if (values[flag] !== undefined) throw new InputError(`ccdoctor collect: --script prints the script to stdout and takes no --${flag} (collect.ps1 has its own parameters, see its help). See: ccdoctor collect --help`);
      }
      const [{ facts }, { collectorProbes }, { collectorScript }] = await Promise.all([
        ctx.catalogue(),
        import('../../live/probes.js'),
        import('../../live/ps-script.js'),
      ]);
      io.stdout.write(collectorScript(collectorProbes(facts), { collectorVersion: VERSION, deadlineMs: 300_000 }));
      return EXIT.ok;
    }
    if (!values.out) throw new InputError('ccdoctor collect: --out FILE is required (where to write the snapshot), or --script to print the collector script. See: ccdoctor collect --help');
    const liveOpts = liveOptionsFrom('collect', values, io);
    const out = resolve(io.cwd, values.out);
    const [{ facts }, { runLive }, { liveHost }, { progressPrinter, liveSummary }, { snapshotFromStore, writeSnapshotFile }, { readTenantFiles, putTenantFacts }] = await Promise.all([
      ctx.catalogue(),
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
      const result = await runLive({ ...liveOpts, specs: facts, signal, onProgress: progressPrinter(io.stderr) });
      putTenantFacts(result.store, tenant, { origin: true });
      const host = liveHost(result.store, { version: VERSION });
      await writeSnapshotFile(out, snapshotFromStore(result.store, facts, host), { force: values.force === true });
      io.stderr.write(liveSummary(result, result.store.collected()));
      if (collectedNothing(result.store)) {
        io.stderr.write(`ccdoctor collect: PowerShell reported no fact of this host (see the warning above). ${values.out} was written with each fact's error, for whoever looks into it; it holds nothing to check.\n`);
        return EXIT.usage;
      }
      io.stderr.write(`Snapshot written to ${values.out}. Check it: ccdoctor check --snapshot ${values.out}\n`);
      return EXIT.ok;
    });
  },
};

