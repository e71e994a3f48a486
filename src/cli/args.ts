import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors.js';

/** node:util parseArgs with errors turned into one InputError line naming the command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '');
    throw new InputError(`ccdoctor ${command}: ${msg}. See: ccdoctor ${command} --help`);
  }
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

export const RULE_OPTION_HELP = '  --cert-expiry-days N  warn about certificates expiring within N days (default 60)';
