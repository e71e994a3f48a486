import { resolve } from 'node:path';
import type { CliIO } from './command.js';
import { InputError } from '../core/errors.js';
import type { TenantFile } from '../core/tenant/apply.js';
import type { LiveOptions } from '../live/run-live.js';
import { interruptible } from './interrupt.js';

// What the commands that run PowerShell on this host (check without --snapshot, collect) share.

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
  return interruptible(async (signal) => {
    try {
      return await body(signal);
    } catch (e) {
      if (!signal.aborted) throw e;
      io.stderr.write('\nInterrupted: PowerShell and everything it started were stopped; nothing was written.\n');
      return 130;
    }
  });
}
