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
  /** Always false: no probe queries the tenant (tenant facts are `external`; see externalFacts). */
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
      if (spec.external) throw new Error(`fact "${id}" comes from the ${spec.external}, not from a probe on the host`);
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
      // The CloudConnector cmdlets need an elevated session: not elevated, such a probe is denied up front.
      requiresAdmin: probe.requiresAdmin === true || (probe.group ?? probeGroup(probe.script)) === 'cloudconnector',
      timeoutMs: probe.timeoutMs ?? defaultTimeoutMs,
      usesCredential: usesCredential(probe.script),
      tenant: false,
      group: probe.group ?? probeGroup(probe.script),
      runFirst: probe.runFirst === true && probe.requiresAdmin !== true,
    });
  }
  return out;
}

/**
 * Why a live run has no tenant fact, and how to give it. Nothing opens a Skype for Business Online
 * session (the Get-CsHybrid* cmdlets retired with it): the facts come from those cmdlets' JSON or the checklist.
 */
export const TENANT_SKIPPED_MESSAGE =
  'not collected: this fact comes from the Office 365 tenant, which ccdoctor does not query. ' +
  'Give it with --tenant FILE, the output of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or Get-CsHybridMediationServer ' +
  'piped to ConvertTo-Json (ccdoctor check --tenant FILE, live or with --snapshot FILE); or answer it in the offline checklist';

/** Collected facts that no probe reads (their `external` source says where they come from), in registry order. */
export function externalFacts(specs: ReadonlyMap<string, FactSpec<any>>): FactSpec<any>[] {
  return [...specs.values()].filter((s) => !s.derive && !s.live && s.external !== undefined);
}

/** The probes collect.ps1 runs: every one but those of sensitive facts (the script writes all it collects). */
export function collectorProbes(specs: ReadonlyMap<string, FactSpec<any>>): PlannedProbe[] {
  return plannedProbes(specs).filter((p) => !p.spec.sensitive);
}
