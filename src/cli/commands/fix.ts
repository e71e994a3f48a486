import { resolve } from 'node:path';
import { parseCommandArgs } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { inCi } from '../../core/terminal/tty.js';
import { findRule } from '../../core/rules/catalogue.js';
import type { Rule } from '../../core/rules/types.js';
import { FIXABLE, isFixable } from '../../core/fix/fixable.js';
import { validateStateValue } from '../../core/fix/state-value.js';
import { describeEncoding, planIniStateFix } from '../../core/fix/ini-state.js';
import { applyIniStateFix, readIniFile } from '../../core/fix/ini-file.js';
import { insertionDiff } from '../../core/fix/diff.js';
import { backupPath } from '../../core/fix/backup.js';
import { CLOSE_POWERSHELL, defaultCachePath, deleteCache, inspectCache } from '../../core/fix/cache.js';
import { askTypedConfirmation, consentMode } from '../../core/fix/consent.js';
import { displayLine } from '../../core/text/sanitize.js';
import { FIX_TEXT } from '../../core/fix/preview.js';

const HELP = `Usage: ccdoctor fix RULE-ID [OPTIONS]

Performs the two remediations the catalogue lets ccdoctor carry out itself. Nothing is changed without
consent: in a terminal you are asked to type a word (fix, or delete); without a terminal, or with CI
set, nothing is changed unless --yes is given. --dry-run shows exactly what would change, writes
nothing and asks nothing.

  ccdoctor fix ini-state-missing --ini PATH [--state VALUE] [--dry-run] [--yes]
      Adds "State=" (or "State=VALUE") under [Common] in CloudConnector.ini, after its last key, when
      [Common] has no State line. The file keeps every other byte: its encoding (UTF-8 with or without
      BOM, UTF-16LE/BE), BOM and line ends. A backup PATH.ccdoctor-<UTC timestamp>.bak is written first
      (an existing backup is never replaced); the edit replaces the file atomically; the file is then
      read back and checked by the ini-state-missing rule (if that fails, the original is put back).
      Already a State line (even an empty one): nothing to do. No [Common] section, or a file mixing
      CRLF and LF line ends (a rewrite would change them): refused.
      CloudConnector.ini is in the appliance directory (Get-CcApplianceDirectory; by default
      %USERPROFILE%\\CloudConnector\\ApplianceRoot).

  ccdoctor fix module-analysis-cache-stale [--cache PATH] [--backup] [--dry-run] [--yes]
      Deletes PowerShell's ModuleAnalysisCache file (harmless even when it is not stale: PowerShell
      rebuilds it when it next starts). ccdoctor deletes it itself and starts no PowerShell. Close every
      other PowerShell window first (an open one writes its cache back), and the one you ran ccdoctor
      from afterwards. Default PATH (Windows):
      %LOCALAPPDATA%\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache; elsewhere --cache is required.
      Only a regular file whose name starts with ModuleAnalysisCache is deleted, and only if it has not
      changed since it was shown to you. --backup keeps a copy (PATH.ccdoctor-<UTC timestamp>.bak).
      No such file: nothing to do.

Options:
  --ini PATH      the CloudConnector.ini to edit (ini-state-missing)
  --state VALUE   the State value to write, e.g. WA (default: empty). At most 64 characters; no
                  control characters, no ";" or "#", no surrounding quotes or spaces
  --cache PATH    the ModuleAnalysisCache file (module-analysis-cache-stale)
  --backup        keep a copy of the cache before deleting it (the ini edit always keeps one)
  --dry-run       show what would change; write nothing, ask nothing
  --yes           consent given on the command line: do not ask (needed without a terminal)
  -h, --help      show this help

Exit codes: 0 fixed, or nothing to do; 1 declined at the prompt, or the edit could not be confirmed
(the original was put back); 2 usage or input error (a refused file, a bad option, no terminal to ask
and no --yes).`;

const OPTIONS = {
  ini: { type: 'string' },
  state: { type: 'string' },
  cache: { type: 'string' },
  backup: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

export const fixCommand: Command = {
  name: 'fix',
  help: HELP,
  async run(argv, io, ctx) {
    const { values, positionals } = parseCommandArgs('fix', argv, OPTIONS, true);
    if (values.help) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const [id, ...extra] = positionals;
    if (id === undefined) throw new InputError(`ccdoctor fix: name the rule to fix: ${FIXABLE.join(' or ')}. See: ccdoctor fix --help`);
    if (extra.length > 0) throw new InputError(`ccdoctor fix: one rule at a time (got also ${extra.map((e) => `"${displayLine(e, 60)}"`).join(', ')})`);
    const catalogue = await ctx.rules();
    if (!isFixable(id)) {
      const known = findRule(catalogue, id) !== undefined;
      throw new InputError(`ccdoctor fix: ${known ? `"${id}" is not a fix ccdoctor performs itself (ccdoctor check shows its remediation steps)` : `unknown rule "${displayLine(id, 60)}"`}. `
        + `ccdoctor can fix: ${FIXABLE.join(', ')}`);
    }
    const rule = findRule(catalogue, id)!;
    return id === 'ini-state-missing' ? fixIniState(values, io, rule) : fixModuleCache(values, io, rule);
  },
};

function reject(values: Values, flags: (keyof Values)[], rule: string): void {
  const given = flags.filter((f) => values[f] !== undefined);
  if (given.length > 0) throw new InputError(`ccdoctor fix ${rule}: --${given.join(', --')} does not apply to this rule. See: ccdoctor fix --help`);
}

/** True to go ahead, false when the operator declined; InputError when consent cannot be asked. */
async function consent(values: Values, io: CliIO, question: string, word: string): Promise<boolean> {
  const mode = consentMode({ yes: values.yes === true, stdinIsTTY: io.stdin.isTTY === true, ci: inCi(io.env) });
  if (mode === 'given') return true;
  if (mode === 'unavailable') {
    throw new InputError(`ccdoctor fix: no terminal to ask for confirmation${inCi(io.env) ? ' (CI is set)' : ''}, so nothing was changed. `
      + 'Add --yes to confirm on the command line, or --dry-run to see the change first.');
  }
  return askTypedConfirmation(io.stdin, io.stderr, question, word);
}

async function fixIniState(values: Values, io: CliIO, rule: Rule<any, any>): Promise<number> {
  reject(values, ['cache', 'backup'], 'ini-state-missing');
  if (values.ini === undefined || values.ini === '') {
    throw new InputError('ccdoctor fix ini-state-missing: --ini PATH is required: the CloudConnector.ini in the appliance directory '
      + '(Get-CcApplianceDirectory; by default %USERPROFILE%\\CloudConnector\\ApplianceRoot\\CloudConnector.ini)');
  }
  const path = resolve(io.cwd, values.ini);
  const state = validateStateValue(values.state ?? '');
  const shown = displayLine(path, 400);
  const { bytes } = await readIniFile(path);
  const plan = planIniStateFix(bytes, path, state);
  if (plan.kind === 'present') {
    const ignored = values.state !== undefined && values.state !== plan.value ? ' (--state is not applied: ccdoctor only adds a missing line)' : '';
    io.stdout.write(`${FIX_TEXT.iniPresent(shown, plan)}${ignored}.\n`);
    return EXIT.ok;
  }
  const now = new Date();
  io.stdout.write(`${FIX_TEXT.iniChange(values['dry-run'] ? 'Dry run: would add' : 'This adds', shown, describeEncoding(plan.doc, bytes))}\n\n`);
  io.stdout.write(`${insertionDiff(path, plan.afterText, plan.lineNo)}\n\n`);
  if (values['dry-run']) {
    io.stdout.write(`Nothing was written. Without --dry-run a backup ${displayLine(backupPath(path, now), 400)} is written first.\n`);
    return EXIT.ok;
  }
  if (!(await consent(values, io, `${FIX_TEXT.iniQuestion(plan.line, shown)} `, 'fix'))) {
    io.stdout.write('Cancelled: nothing was changed.\n');
    return EXIT.findings;
  }
  const result = await applyIniStateFix(path, plan, new Date(), rule);
  if (!result.ok) {
    io.stdout.write(`${FIX_TEXT.iniNotFixed(result.reason, result.backup)}\n`);
    return EXIT.findings;
  }
  io.stdout.write(`${FIX_TEXT.iniFixed(plan.line, plan.lineNo, shown, result.backup, result.check.message).join('\n')}\n`);
  return EXIT.ok;
}

async function fixModuleCache(values: Values, io: CliIO, rule: Rule<any, any>): Promise<number> {
  reject(values, ['ini', 'state'], 'module-analysis-cache-stale');
  if (values.cache === '') throw new InputError('ccdoctor fix module-analysis-cache-stale: --cache needs the path of the ModuleAnalysisCache file');
  const path = values.cache !== undefined ? resolve(io.cwd, values.cache) : defaultCachePath(io.env);
  if (path === undefined) {
    throw new InputError(process.platform === 'win32'
      ? 'ccdoctor fix module-analysis-cache-stale: LOCALAPPDATA is not set: give the file with --cache PATH'
      : 'ccdoctor fix module-analysis-cache-stale: this is not Windows, so there is no default cache: give the file with --cache PATH');
  }
  const shown = displayLine(path, 400);
  const file = await inspectCache(path);
  if (!file) {
    io.stdout.write(`${FIX_TEXT.cacheMissing(shown)}\n`);
    return EXIT.ok;
  }
  const what = FIX_TEXT.cacheWhat(shown, file);
  if (values['dry-run']) {
    io.stdout.write(`Dry run: would delete ${what}${values.backup ? `, after copying it to ${displayLine(backupPath(path, new Date()), 400)}` : ''}.\n`
      + `Nothing was deleted. ${CLOSE_POWERSHELL}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`This deletes ${what}${values.backup ? ', keeping a copy first' : ''}. ${CLOSE_POWERSHELL}\n`);
  if (!(await consent(values, io, `${FIX_TEXT.cacheQuestion} `, 'delete'))) {
    io.stdout.write('Cancelled: nothing was deleted.\n');
    return EXIT.findings;
  }
  const result = await deleteCache(file, { backup: values.backup === true, now: new Date(), rule });
  io.stdout.write(`Deleted ${shown}.${result.backup ? ` Copy kept: ${displayLine(result.backup, 400)}.` : ''}\n`
    + `${FIX_TEXT.cacheRechecked(result.check.outcome, result.check.message)}\n`);
  return result.check.outcome === 'pass' ? EXIT.ok : EXIT.findings;
}
