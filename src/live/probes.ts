import type { FactSpec, LiveProbe } from '../core/facts/types.js';

/** Per-probe time limit when the fact names none. */
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

/** One probe as the runner schedules it. */
export interface PlannedProbe {
  id: string;
  spec: FactSpec<any>;
  probe: LiveProbe<unknown>;
  requiresAdmin: boolean;
  timeoutMs: number;
  /** The probe reads `$cred` (the VM administrator credential, for PowerShell Direct into the VMs). */
  usesCredential: boolean;
  tenant: boolean;
  /** Probes of one group share a runspace and run one after another ('' = the shared pool). */
  group: 'cloudconnector' | '';
  runFirst: boolean;
}

/** A CloudConnector cmdlet: Get-CcVersion, Get-CcCredential, … (verb-Cc noun). */
const CC_CMDLET = /\b[A-Za-z]+-Cc[A-Z][A-Za-z]*\b/;

export function probeGroup(script: string): 'cloudconnector' | '' {
  return CC_CMDLET.test(script) ? 'cloudconnector' : '';
}

/** `$cred` or `${cred}`, not `$credential` and not inside a longer name. */
const CRED_VARIABLE = /\$(?:cred\b(?![\w:])|\{cred\})/i;

export function usesCredential(script: string): boolean {
  return CRED_VARIABLE.test(script);
}

/** The collected facts of a registry that have a live probe, in registry order. */
export function plannedProbes(specs: ReadonlyMap<string, FactSpec<any>>, ids?: readonly string[], defaultTimeoutMs = DEFAULT_PROBE_TIMEOUT_MS): PlannedProbe[] {
  const wanted = ids ? new Set(ids) : undefined;
  if (wanted) {
    for (const id of wanted) {
      const spec = specs.get(id);
      if (!spec) throw new Error(`unknown fact "${id}"`);
      if (spec.derive || !spec.live) throw new Error(`fact "${id}" is not collected by a probe`);
    }
  }
  const out: PlannedProbe[] = [];
  for (const spec of specs.values()) {
    if (spec.derive || !spec.live) continue;
    if (wanted && !wanted.has(spec.id)) continue;
    const probe = spec.live as LiveProbe<unknown>;
    out.push({
      id: spec.id,
      spec,
      probe,
      requiresAdmin: probe.requiresAdmin === true,
      timeoutMs: probe.timeoutMs ?? defaultTimeoutMs,
      usesCredential: usesCredential(probe.script),
      tenant: probe.scope === 'tenant',
      group: probe.group ?? probeGroup(probe.script),
      runFirst: probe.runFirst === true && probe.requiresAdmin !== true,
    });
  }
  return out;
}

export const TENANT_SKIPPED_MESSAGE =
  'not collected: this fact comes from the Office 365 tenant, which is queried only on request. ' +
  'Run with --tenant-live (tenant admin sign-in) or collect.ps1 -TenantLive; or add the cmdlet\'s JSON output to a snapshot check ' +
  '(ccdoctor check --snapshot FILE --tenant FILE); or answer it in the offline checklist';

/** The probes collect.ps1 runs: every one but those of sensitive facts (the script writes all it collects). */
export function collectorProbes(specs: ReadonlyMap<string, FactSpec<any>>): PlannedProbe[] {
  return plannedProbes(specs).filter((p) => !p.spec.sensitive);
}
