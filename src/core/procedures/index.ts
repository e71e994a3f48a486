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

/** The first guided procedure a text names by its id ("the reinstall-appliance procedure"), if any. */
export function procedureNamedIn(text: string): string | undefined {
  let best: { id: string; at: number } | undefined;
  for (const p of PROCEDURES) {
    const at = text.search(new RegExp(`(?<![\\w-])${p.id}(?![\\w-])`));
    if (at >= 0 && (!best || at < best.at)) best = { id: p.id, at };
  }
  return best?.id;
}

/**
 * The procedure `p` opens for a rule's finding: the one the selected step names, else the rule's own
 * (PROCEDURE_FOR_RULE), else the first one any of its steps names.
 */
export function procedureFor(ruleId: string, steps: readonly { title: string; text: string }[], selected?: number): string | undefined {
  const step = selected === undefined ? undefined : steps[selected];
  const own = step ? procedureNamedIn(`${step.title} ${step.text}`) : undefined;
  if (own) return own;
  if (PROCEDURE_FOR_RULE[ruleId]) return PROCEDURE_FOR_RULE[ruleId];
  for (const s of steps) {
    const id = procedureNamedIn(`${s.title} ${s.text}`);
    if (id) return id;
  }
  return undefined;
}
