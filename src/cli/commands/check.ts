import { parseCommandArgs, oneOf } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { checkSnapshot, failingAtOrAbove } from '../../core/run/check-run.js';
import { checkJson } from '../../core/output/check-json.js';
import { checkText } from '../../core/output/check-text.js';
import { ansiStyle, colourWanted, plainStyle } from '../../core/output/style.js';
import { SEVERITIES } from '../../core/rules/types.js';
import { VERSION } from '../paths.js';
import { resolve } from 'node:path';

export const checkCommand: Command = {
  name: 'check',
  summary: 'evaluate every rule against a host snapshot and print the findings',
  help: `Usage: ccdoctor check --snapshot FILE [--format text|json] [--fail-on critical|error|warning|info]

Evaluates every rule of the catalogue against the facts in a snapshot file and prints the findings:
failures first by severity, each with its evidence and first remediation step; then a summary; then
what could not be checked and why.

Options:
  --snapshot FILE   a ccdoctor snapshot (JSON; UTF-8 or UTF-16 with BOM)
  --format FORMAT   text (default) or json (schema ccdoctor/check@1)
  --fail-on LEVEL   lowest severity of a failing rule that makes the exit code 1 (default: error)
  -h, --help        this help

Exit codes: 0 nothing failed at or above --fail-on; 1 something did; 2 usage or input error.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('check', argv, {
      snapshot: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('check', 'format', values.format, ['text', 'json'] as const, 'text');
    const threshold = oneOf('check', 'fail-on', values['fail-on'], SEVERITIES, 'error');
    if (!values.snapshot) {
      throw new InputError(
        'ccdoctor check: checking this host live needs Windows PowerShell on a CCE host, which this machine does not have.\n' +
          '  Check a snapshot instead:  ccdoctor check --snapshot host.json\n' +
          '  or try the demo:           ccdoctor check --snapshot snapshots/demo.json',
      );
    }
    const run = await checkSnapshot(resolve(io.cwd, values.snapshot), { shown: values.snapshot });
    if (format === 'json') io.stdout.write(`${JSON.stringify(checkJson(run, threshold, VERSION), null, 2)}\n`);
    else io.stdout.write(checkText(run, colourWanted(io.stdout, io.env) ? ansiStyle : plainStyle));
    return failingAtOrAbove(run.results, threshold).length > 0 ? EXIT.findings : EXIT.ok;
  },
};
