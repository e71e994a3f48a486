import { resolve, sep } from 'node:path';
import { InputError } from '../../core/errors.js';
import { computersFromFile, computersFromOption, uniqueComputers } from '../../core/fleet/computers.js';
import { readInputFileSync } from '../../core/fs/read-input.js';
import { decodeText } from '../../core/text/decode.js';
import { REMOTE_PASSWORD_ENV } from '../../live/fanout-script.js';
import type { CliIO } from '../command.js';
import { liveOptionsFrom } from '../live-options.js';
import type { FleetCollectOptions } from './collect-fleet.js';

export const DEFAULT_THROTTLE = 8;
export const DEFAULT_HOST_TIMEOUT_S = 300;

export interface FleetArgs {
  out?: string;
  force?: boolean;
  tenant?: string[];
  'vm-user'?: string;
  timeout?: string;
  computer?: string[];
  'computers-file'?: string[];
  throttle?: string;
  'credential-user'?: string;
}

export type FleetRequest = Omit<FleetCollectOptions, 'specs' | 'version' | 'signal'>;

/** collect --computer's options, checked before anything runs; every problem is one InputError line. */
export function fleetRequest(values: FleetArgs, io: CliIO): FleetRequest {
  if (values.tenant) {
    throw new InputError('ccdoctor collect: --tenant is not taken with --computer (tenant facts are the same for every host): give it when checking, ccdoctor check --snapshot FOLDER --tenant FILE');
  }
  if (!values.out) throw new InputError('ccdoctor collect: --out FOLDER is required with --computer (where the snapshots and manifest.json go). See: ccdoctor collect --help');
  const listed = computersFromOption(values.computer ?? []);
  for (const f of values['computers-file'] ?? []) {
    const bytes = readInputFileSync(resolve(io.cwd, f), { what: `--computers-file ${f}`, maxBytes: 4 * 1024 * 1024, shown: f });
    listed.push(...computersFromFile(decodeText(bytes).text, f));
  }
  const computers = uniqueComputers(listed).map((c) => c.name);
  const live = liveOptionsFrom('collect', values, io);
  const request: FleetRequest = {
    computers,
    outDir: resolve(io.cwd, values.out),
    shownOut: /[\\/]$/.test(values.out) ? values.out : `${values.out}${sep}`,
    force: values.force === true,
    throttle: throttleFrom(values.throttle),
    hostTimeoutMs: live.deadlineMs ?? DEFAULT_HOST_TIMEOUT_S * 1000,
    ...(live.vmCredential ? { vmCredential: live.vmCredential } : {}),
  };
  const user = values['credential-user'];
  if (user !== undefined) {
    if (user.trim() === '') throw new InputError('ccdoctor collect: --credential-user needs an account name (e.g. CONTOSO\\admin)');
    const password = io.env[REMOTE_PASSWORD_ENV];
    if (!password) throw new InputError(`ccdoctor collect: --credential-user ${user.trim()} needs its password in the ${REMOTE_PASSWORD_ENV} environment variable (it is never taken on the command line)`);
    request.remoteCredential = { user: user.trim(), password };
  }
  return request;
}

function throttleFrom(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_THROTTLE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 128) throw new InputError(`ccdoctor collect: --throttle must be a whole number of hosts from 1 to 128 (got "${raw}")`);
  return n;
}
