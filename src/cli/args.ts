import { quoted } from '../core/text/sanitize.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors.js';

/** Options ccdoctor no longer has, and what to do instead (told when one is given). */
const REMOVED_OPTIONS: Readonly<Record<string, string>> = {
  'tenant-live':
    'ccdoctor does not query the Office 365 tenant (nothing opens a Skype for Business Online session, and its cmdlets are retired). ' +
    'Give the tenant facts with --tenant FILE (the JSON of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or Get-CsHybridMediationServer ' +
    'piped to ConvertTo-Json), or answer them in the offline checklist',
};

/** node:util parseArgs with errors turned into one InputError line naming the command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '');
    const unknown = /^Unknown option '--([^'=]+)/.exec(msg)?.[1];
    const instead = unknown !== undefined && Object.hasOwn(REMOVED_OPTIONS, unknown) ? `: ${REMOVED_OPTIONS[unknown]}` : '';
    throw new InputError(`ccdoctor ${command}: ${msg}${instead}${'snapshot' in options ? globHint(msg) : ''}. See: ccdoctor ${command} --help`);
  }
}

/**
 * A snapshot path where no option takes one: most often a pattern the shell expanded (--snapshot
 * site/*.json became --snapshot site/a.json site/b.json).
 */
function globHint(msg: string): string {
  const arg = /^Unexpected argument '(.*)'/s.exec(msg)?.[1];
  if (arg === undefined || !/\.json$/i.test(arg)) return '';
  return `: give each file its own --snapshot (--snapshot a.json --snapshot b.json), or quote a pattern so the shell leaves it to ccdoctor (--snapshot 'site/*.json')`;
}

export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`ccdoctor ${command}: --${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** --cert-expiry-days N → the engine option certExpiryDays (days before NotAfter that certificate-expiry warns). */
export function ruleOptions(command: string, values: { 'cert-expiry-days'?: string }): Record<string, unknown> {
  const raw = values['cert-expiry-days'];
  if (raw === undefined) return {};
  const days = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || days > 3650) {
    throw new InputError(`ccdoctor ${command}: --cert-expiry-days must be a whole number of days from 0 to 3650 (got "${raw}")`);
  }
  return { certExpiryDays: days };
}

/** --max-snapshot-mb N → the snapshot size limit in bytes (undefined: the default or CCDOCTOR_MAX_SNAPSHOT_MB). */
export function snapshotLimit(command: string, values: { 'max-snapshot-mb'?: string }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = values['max-snapshot-mb'];
  if (raw === undefined) {
    // The variable is read where snapshots are loaded, which would pass over a bad one: refuse it here, as the option.
    const fromEnv = env.CCDOCTOR_MAX_SNAPSHOT_MB;
    if (fromEnv !== undefined && fromEnv.trim() !== '') megabytes(command, 'the environment variable CCDOCTOR_MAX_SNAPSHOT_MB', fromEnv);
    return undefined;
  }
  return megabytes(command, '--max-snapshot-mb', raw) * 1024 * 1024;
}

function megabytes(command: string, what: string, raw: string): number {
  const mb = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || mb < 1 || mb > 65536) {
    throw new InputError(`ccdoctor ${command}: ${what} must be a whole number of MB from 1 to 65536 (got "${quoted(raw, 40)}")`);
  }
  return mb;
}
