import { caCompromised } from './ca-compromised.js';
import { haWindowsUpdate } from './ha-windows-update.js';
import { lyncDrain } from './lync-drain.js';
import { manualWindowsUpdate } from './manual-windows-update.js';
import { regenerateCredentials } from './regenerate-credentials.js';
import { reinstallAppliance } from './reinstall-appliance.js';
import { renewCertificates } from './renew-certificates.js';
import type { Procedure } from './types.js';

/** Every guided procedure, in the catalogue's order. */
export const PROCEDURES: readonly Procedure[] = [
  haWindowsUpdate,
  manualWindowsUpdate,
  caCompromised,
  renewCertificates,
  regenerateCredentials,
  reinstallAppliance,
  lyncDrain,
];

export function procedureById(id: string): Procedure | undefined {
  return PROCEDURES.find((p) => p.id === id);
}

/** The procedure a finding's remediation names, by rule id. */
export const PROCEDURE_FOR_RULE: Readonly<Record<string, string>> = {
  'certificate-expiry': 'renew-certificates',
  'credential-store-unreadable': 'regenerate-credentials',
  'calls-fail-after-host-update': 'ha-windows-update',
  'site-autoupdate-disabled': 'manual-windows-update',
  'vm-nic-ip-mismatch': 'reinstall-appliance',
  'drain-autostart-after-restart': 'lync-drain',
};
