const DAY = 24 * 60 * 60 * 1000;

export type ExpiryState = 'expired' | 'expiring' | 'valid';

export interface Expiry {
  state: ExpiryState;
  /** Whole days until NotAfter (negative once expired). */
  days: number;
}

/** Where a certificate stands at `now` against a warning threshold in days. */
export function expiryOf(notAfter: string, now: Date, thresholdDays: number): Expiry {
  const end = Date.parse(notAfter);
  if (Number.isNaN(end)) throw new Error(`NotAfter "${notAfter}" is not a date`);
  const ms = end - now.getTime();
  const days = Math.floor(ms / DAY);
  if (ms <= 0) return { state: 'expired', days };
  return { state: ms <= thresholdDays * DAY ? 'expiring' : 'valid', days };
}

export const DEFAULT_CERT_EXPIRY_DAYS = 60;

/** The threshold from the engine options (certExpiryDays), validated. */
export function certExpiryDays(options: Readonly<Record<string, unknown>>): number {
  const v = options.certExpiryDays;
  if (v === undefined) return DEFAULT_CERT_EXPIRY_DAYS;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 3650) {
    throw new Error(`option certExpiryDays must be a number of days from 0 to 3650, got ${JSON.stringify(v)}`);
  }
  return n;
}
