/**
 * Whether an appliance is out of service (not taking calls) as vm.services shows it. Enter-CcUpdate drains
 * the appliance and stops its services ("The appliance immediately stops all services"), an update stops
 * them, and so does the automatic recovery when it marks the appliance down: the collected facts cannot
 * tell these apart (CCE records no maintenance-mode flag that ccdoctor can read), so "out" here means the
 * services that carry calls are not running, whatever stopped them.
 */
import { type FactId, type RoleServices, type SiteEvidenceItem, type SiteHost } from '../../src/core/rules/api.js';

/** The call-carrying services every version from 1.4.2 monitors (Mediation RTCSRV and RTCMEDSRV, Edge RTCSRV). */
export const CALL_SERVICES: readonly { role: 'Mediation' | 'Edge'; name: string }[] = [
  { role: 'Mediation', name: 'RTCMEDSRV' },
  { role: 'Mediation', name: 'RTCSRV' },
  { role: 'Edge', name: 'RTCSRV' },
];

/** Snapshots collected further apart than this are not "at the same time" (a fan-out collection takes minutes). */
export const AT_ONCE_MS = 2 * 60 * 60 * 1000;

export type ServiceHost = SiteHost<'vm.services', never>;

export interface ApplianceState {
  host: ServiceHost;
  /** 'out': a call service is not running; 'in': all run; 'unknown': a VM could not be asked. */
  state: 'out' | 'in' | 'unknown';
  evidence: SiteEvidenceItem[];
  /** For the message: "RTCMEDSRV on MS02 Stopped". */
  why: string;
}

export function applianceState(host: ServiceHost): ApplianceState {
  const roles: readonly RoleServices[] = host.facts['vm.services'].roles;
  const evidence: SiteEvidenceItem[] = [];
  const down: string[] = [];
  const unreachable: string[] = [];
  for (const { role, name } of CALL_SERVICES) {
    const entry = roles.find((r) => r.role === role);
    if (!entry || !entry.reachable) {
      const what = `${role} VM ${entry?.vmName ?? ''}`.trim();
      if (!unreachable.includes(what)) {
        unreachable.push(what);
        evidence.push({ host: host.name, fact: 'vm.services', label: what, value: entry ? `not reachable: ${entry.message ?? 'no reason given'}` : 'not collected', at: role });
      }
      continue;
    }
    const s = entry.services.find((x) => x.name.toUpperCase() === name);
    const status = s?.status ?? 'NotFound';
    evidence.push({ host: host.name, fact: 'vm.services', label: `${name} on the ${role} VM ${entry.vmName ?? ''}`.trim(), value: s?.startType ? `${status} (startup ${s.startType})` : status, at: role });
    if (status.toLowerCase() !== 'running') down.push(`${name} on ${entry.vmName ?? `the ${role} VM`} ${status === 'NotFound' ? 'not installed' : status}`);
  }
  if (down.length > 0) return { host, state: 'out', evidence, why: down.join(', ') };
  if (unreachable.length > 0) return { host, state: 'unknown', evidence, why: `${unreachable.join(', ')} not reachable` };
  return { host, state: 'in', evidence, why: 'every call service runs' };
}

/** The collection time in ms, when the snapshot says. */
const timeOf = (h: ServiceHost): number | undefined => (h.collectedAt ? Date.parse(h.collectedAt) : undefined);

/**
 * The out-of-service appliances collected within AT_ONCE_MS of one another that score highest (by default
 * the most appliances); an appliance whose collection time is not known joins every set: it may have been
 * out at the same time.
 */
export function outAtOnce(out: readonly ApplianceState[], score: (group: ApplianceState[]) => number = (g) => g.length): ApplianceState[] {
  const timed = out.filter((a) => timeOf(a.host) !== undefined && !Number.isNaN(timeOf(a.host)!)).sort((a, b) => timeOf(a.host)! - timeOf(b.host)!);
  const untimed = out.filter((a) => !timed.includes(a));
  let best: ApplianceState[] = untimed;
  for (let i = 0; i < timed.length; i++) {
    const start = timeOf(timed[i]!.host)!;
    const group = [...timed.slice(i).filter((a) => timeOf(a.host)! - start <= AT_ONCE_MS), ...untimed];
    if (score(group) > score(best)) best = group;
  }
  return best;
}

/** "CCE-SYD-02 (RTCMEDSRV on MS02 Stopped; collected 2026-11-20T02:14:07.000Z)". */
export function describeOut(a: ApplianceState): string {
  return `${a.host.name} (${a.why}; collected ${a.host.collectedAt ?? 'at an unknown time'})`;
}

/** The hosts whose state could not be seen, for an unknown result. */
export const unknownFacts = (states: readonly ApplianceState[]): { host: string; fact: FactId }[] =>
  states.filter((a) => a.state === 'unknown').map((a) => ({ host: a.host.name, fact: 'vm.services' }));
