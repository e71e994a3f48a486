import { parseCommandArgs, oneOf, ruleOptions, snapshotLimit } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { FAIL_ON, failingResults } from '../../core/run/check-run.js';
import { runCheck } from '../../core/run/run-check.js';
import { InputError } from '../../core/errors.js';
import { fleetFailing } from '../../core/fleet/fleet-verdict.js';
import { FleetJsonWriter } from '../../core/output/fleet-json.js';
import { fleetText } from '../../core/output/fleet-text.js';
import { loadMarks, markFleet, markHost, markSingle, runSnapshots, snapshotSources } from '../snapshot-runs.js';
import { checkJson } from '../../core/output/check-json.js';
import { checkText } from '../../core/output/check-text.js';
import { ansiStyle, colourWanted, plainStyle } from '../../core/output/style.js';
import { VERSION } from '../../core/paths.js';
import { resolve } from 'node:path';
import { collectedNothing } from '../../live/collected-nothing.js';

export const checkCommand: Command = {
  name: 'check',
  help: `Usage: ccdoctor check --snapshot FILE|FOLDER|PATTERN... [--tenant FILE]... [--format text|json] [--fail-on LEVEL] [--cert-expiry-days N]
                      [--waivers FILE] [--baseline FILE]
       ccdoctor check [--tenant FILE]... [--vm-user NAME] [--timeout SECONDS] [--format text|json] [--fail-on LEVEL]

Evaluates every rule of the catalogue against the facts in a snapshot file and prints the findings. It
leads with the verdict: "No problems found." only when every rule could decide; otherwise "Incomplete: N
of M rules could not be checked." and what the others found. Then the failures by severity, each with
its evidence and every remediation step with its full command (the values known from the facts filled
in); then a summary; then what could not be checked and why.

Many hosts: repeat --snapshot, or give a folder (every .json in it and its subfolders; collect's
manifest.json is skipped) or a pattern (* ? **, quoted so ccdoctor expands it: "site-a/*.json"). The hosts
are grouped into sites (CloudConnector.ini's SiteName, else the tenant's registration of the appliance)
and the site rules compare the appliances of each site. The output leads with the run's verdict, then per
site: the site findings, one line per host with something to say (failures by severity, unknowns, waived
findings) followed by its findings (each rule's remediation steps in full once, later hosts point back),
one line for the hosts with no problems; then the inputs that could not be read, then a summary. With
--format json: schema ccdoctor/fleet@1. In a terminal a progress line (N of M hosts) goes to stderr;
in a pipe or a file, nothing does. One snapshot file alone gives the one-host output above.

Without --snapshot it checks this host live: one Windows PowerShell process (powershell.exe, else pwsh;
CCDOCTOR_POWERSHELL names another) runs every read-only probe; progress goes to stderr. Run it in
PowerShell as Administrator on the CCE host. With no PowerShell here it says how to use a snapshot or the
checklist instead (exit 2).

Tenant facts (the Office 365 side: registered appliances, PSTN sites, hybrid Mediation Server settings)
are never queried, live or not: give them with --tenant FILE, or answer them in the offline checklist.
Without them the rules that need them are unknown, and say so. With many hosts the tenant files apply to
every host of the run: they describe the tenant, not one appliance.

Options:
  --snapshot PATH   a ccdoctor snapshot (JSON; UTF-8 or UTF-16 with BOM), a folder of them or a pattern;
                    repeat for several
  --format FORMAT   text (default) or json (schema ccdoctor/check@1; many hosts: ccdoctor/fleet@1)
  --fail-on LEVEL   lowest severity of a failing rule that makes the exit code 1 (default: error);
                    unknown: also exit 1 when any rule could not be checked or broke (an incomplete run)
  --tenant FILE     tenant facts from the JSON of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or
                    Get-CsHybridMediationServer piped to ConvertTo-Json (UTF-8 or UTF-16), live or with
                    --snapshot; repeat for several; replaces the snapshot's tenant facts
  --waivers FILE    accepted findings: a JSON array of {"rule": ID, "host": NAME or "site": NAME (neither:
                    every host), "reason": "why" (required), "expires": "yyyy-mm-dd" (required, the last
                    day it holds)}. A waived finding is still shown, marked waived, and does not count for
                    the exit code; after its expiry date it counts again and says "waiver expired on DATE";
                    a waiver that matches no finding is reported as unused (a note, not a failure)
  --baseline FILE   a previous check --format json (one host or many): the findings it already had are
                    marked known and hidden from the text (counted: "N known findings hidden"); only new
                    ones are shown and count for the exit code; the JSON keeps them all, each marked
  --vm-user NAME    live: VM administrator account for probes inside the VMs, password in the
                    CCDOCTOR_VM_PASSWORD environment variable (default: the stored VmAdmin credential)
  --timeout SECONDS live: limit for the whole collection (default 300)
  --cert-expiry-days N  warn about certificates that expire within N days (default 60)
  --max-snapshot-mb N   refuse a snapshot larger than N MB (default 64; also CCDOCTOR_MAX_SNAPSHOT_MB)
  -h, --help        this help

Exit codes: 0 nothing failed at or above --fail-on (with unknown: nothing failed and every rule could
decide); 1 something did, or (--fail-on unknown) the run was incomplete; 2 usage or input error, or a
live check in which PowerShell reported no fact of the host (it could not run, a policy refused the script,
or it died first: the output is shown, and says why; nothing was checked). Waived
and known (baseline) findings do not count. Many hosts: 1 also when a site finding fails at or above
--fail-on, or when any input could not be read (it is named in the output, the others are checked: a
host that could not be checked is never a pass); 2 when none could be read, or a folder or pattern names
no snapshot, or the --waivers or --baseline file is invalid (the message names the entry and field);
130 interrupted (Ctrl-C): the hosts checked so far are shown, and the output says it is partial.`,
  async run(argv, io, ctx) {
    const { values } = parseCommandArgs('check', argv, {
      snapshot: { type: 'string', multiple: true },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      tenant: { type: 'string', multiple: true },
      waivers: { type: 'string' },
      baseline: { type: 'string' },
      'vm-user': { type: 'string' },
      timeout: { type: 'string' },
      'cert-expiry-days': { type: 'string' },
      'max-snapshot-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('check', 'format', values.format, ['text', 'json'] as const, 'text');
    const threshold = oneOf('check', 'fail-on', values['fail-on'], FAIL_ON, 'error');
    const options = ruleOptions('check', values);
    const snapshots = values.snapshot ?? [];
    const tenantFiles = (values.tenant ?? []).map((f) => ({ path: resolve(io.cwd, f), shown: f }));
    const liveOnly = (['vm-user', 'timeout'] as const).find((f) => values[f] !== undefined);
    if (liveOnly && snapshots.length > 0) throw new InputError(`ccdoctor check: --${liveOnly} is for a live check of this host; it does not go with --snapshot`);
    const marks = await loadMarks(values, io.cwd);
    const catalogue = await ctx.catalogue();
    const style = colourWanted(io.stdout, io.env) ? ansiStyle : plainStyle;
    let run;
    if (snapshots.length > 0) {
      const { single, sources } = await snapshotSources('check', snapshots, io, tenantFiles, snapshotLimit('check', values));
      if (!single) {
        // A run of thousands of hosts stays small: the JSON writes each host as it is checked and keeps its
        // outcomes only; the text shows findings only, so a pass's evidence is not kept.
        const now = new Date();
        const json = format === 'json' ? new FleetJsonWriter((t) => io.stdout.write(t), threshold, VERSION) : undefined;
        const checked = await runSnapshots('check', sources, catalogue, io, options, json ? 'outcomes' : 'findings', json ? (h) => json.host(markHost(h, marks, now)) : undefined);
        const fleet = markFleet(checked, marks, now);
        if (json) json.end(fleet.run, fleet.warnings);
        else io.stdout.write(fleetText(fleet.run, style, fleet.warnings));
        if (fleet.run.partial) return EXIT.interrupted;
        return fleetFailing(fleet.run, threshold) > 0 ? EXIT.findings : EXIT.ok;
      }
      run = await runCheck(sources[0]!, catalogue, { options });
    } else {
      // Live: PowerShell on this host (the module is loaded only here).
      const live = await (await import('../live-check.js')).checkThisHost(io, catalogue, values, options, tenantFiles);
      if (typeof live === 'number') return live;
      run = live;
    }
    run = markSingle(run, marks, new Date());
    if (format === 'json') io.stdout.write(`${JSON.stringify(checkJson(run, threshold, VERSION), null, 2)}\n`);
    else io.stdout.write(checkText(run, style));
    if (run.source.kind === 'live' && collectedNothing(run.store)) {
      io.stderr.write('ccdoctor check: PowerShell reported no fact of this host (see the warning above): nothing was checked.\n');
      return EXIT.usage;
    }
    return failingResults(run.results, threshold).length > 0 ? EXIT.findings : EXIT.ok;
  },
};
