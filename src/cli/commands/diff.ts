import { resolve } from 'node:path';
import { parseCommandArgs, oneOf, ruleOptions, snapshotLimit } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { runCheck, snapshotSource } from '../../core/run/run-check.js';
import { cleanDiff, diffRuns, diffText } from '../../core/diff/index.js';

export const diffCommand: Command = {
  name: 'diff',
  help: `Usage: ccdoctor diff A.json B.json [--format text|json] [--all] [--redact] [--cert-expiry-days N]

Compares two hosts' snapshots (two appliances of one site, or one host before and after a fix): first
the rules whose outcome changed (both snapshots go through the same check as ccdoctor check), then the
facts that differ, grouped by area (the fact id's first part: cce, host, hyperv, vm, certs, tenant …),
one line per value that differs inside a fact:

  cce.topology: ips.Mediation 10.0.0.5 -> 10.0.0.6
  hyperv.vms: [MS01].state Running -> Off

Noise is left out unless --all: the last boot time, the PowerShell processes running at collection,
and times, durations and counters inside facts (collectedAt, durationMs, lastWriteTime, startTime,
process ids; a log's size and excerpt). Certificate validity dates are not noise. Contents never shown
(file bytes, raw text, PEM) are compared and shown by size only.

Options:
  --format FORMAT     text (default) or json ("schema": "ccdoctor/diff", "version": 1)
  --all               include the noise differences (each marked noise)
  --redact            replace host, domain, user, tenant and site names and IP addresses by consistent
                      tokens (as ccdoctor report --redact; the same value, the same token on both sides)
  --cert-expiry-days N  as for ccdoctor check (certificate-expiry's warning window, default 60)
  --max-snapshot-mb N   refuse a snapshot larger than N MB (default 64)
  -h, --help          this help

Passwords and other secrets are masked always, redacted or not; control characters are stripped.
Exit codes (as diff(1)): 0 no difference (noise aside, unless --all); 1 differences; 2 usage or input error.`,
  async run(argv, io, ctx) {
    const { values, positionals } = parseCommandArgs('diff', argv, {
      format: { type: 'string' },
      all: { type: 'boolean' },
      redact: { type: 'boolean' },
      'cert-expiry-days': { type: 'string' },
      'max-snapshot-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    }, true);
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('diff', 'format', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 2) {
      throw new InputError(`ccdoctor diff: give two snapshot files, A and B (got ${positionals.length}).\n  Example: ccdoctor diff site-a/cce01.json site-a/cce02.json`);
    }
    const options = ruleOptions('diff', values);
    const maxBytes = snapshotLimit('diff', values);
    const catalogue = await ctx.catalogue();
    const runs = [];
    for (const file of positionals) {
      runs.push(await runCheck(snapshotSource(resolve(io.cwd, file), file, undefined, maxBytes !== undefined ? { maxBytes } : {}), catalogue, { options }));
    }
    const pair = [runs[0]!, runs[1]!] as const;
    const diff = cleanDiff(diffRuns(pair[0], pair[1], catalogue.facts, { all: values.all ?? false }), pair, catalogue.facts, { redact: values.redact ?? false });
    io.stdout.write(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff));
    return diff.same ? EXIT.ok : EXIT.findings;
  },
};
