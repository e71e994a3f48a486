import type { FactStore } from '../core/facts/store.js';

/**
 * Whether PowerShell gave none of this host's facts: it could not run, a policy refused the script, or it
 * died before the first result. Nothing of the host was then checked, whatever the rules say (all unknown):
 * `check` and `collect` exit 2, not 0. Tenant facts given with --tenant are not the host's.
 */
export function collectedNothing(store: FactStore): boolean {
  return !store.collected().some((f) => f.status === 'ok' && f.provenance.source === 'command');
}
