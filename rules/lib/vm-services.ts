/** Monitored VM services against the documented per-version matrix (src/core/monitoring/services.ts). */
import { VM_ROLES, type EvidenceItem, type RoleServices, type ServiceMatrix, type ServiceState, type Topology, type MonitoredVmRole as VmRole } from '../../src/core/rules/api.js';

/**
 * Where to reach a role's VM over WinRM: the address the live collection used, else the role's IP in
 * CloudConnector.ini (snapshots from before the address was recorded). Undefined when neither is known.
 */
export function vmAddress(role: VmRole | 'AD', collected: string | null | undefined, topo: Topology | undefined): string | undefined {
  if (collected) return collected;
  if (!topo) return undefined;
  const ips = topo.ips;
  return role === 'Edge' ? ips.edgeInternal[0] : ips[role];
}

export interface ServiceOnVm extends ServiceState {
  role: VmRole;
  vmName: string | null;
  /** Where WinRM reached the VM (the live collection's address), when known. */
  address: string | null;
}

export interface ServiceReview {
  /** Monitored services that are not Running (NotFound included). */
  down: ServiceOnVm[];
  running: ServiceOnVm[];
  /** Roles with monitored services whose VM could not be asked. */
  unreachable: RoleServices[];
  /** Roles the fact does not cover at all. */
  absentRoles: VmRole[];
}

export function reviewServices(roles: readonly RoleServices[], matrix: ServiceMatrix): ServiceReview {
  const review: ServiceReview = { down: [], running: [], unreachable: [], absentRoles: [] };
  for (const role of VM_ROLES) {
    const wanted = matrix.services[role];
    if (wanted.length === 0) continue;
    const entry = roles.find((r) => r.role === role);
    if (!entry) {
      review.absentRoles.push(role);
      continue;
    }
    if (!entry.reachable) {
      review.unreachable.push(entry);
      continue;
    }
    for (const name of wanted) {
      const s = entry.services.find((x) => x.name.toUpperCase() === name) ?? { name, status: 'NotFound', startType: null };
      const item = { ...s, name, role, vmName: entry.vmName, address: entry.address ?? null };
      if (s.status.toLowerCase() === 'running') review.running.push(item);
      else review.down.push(item);
    }
  }
  return review;
}

export function vmLabel(role: VmRole, vmName: string | null | undefined): string {
  return vmName ? `${role} VM ${vmName}` : `${role} VM`;
}

export function serviceText(s: ServiceOnVm): string {
  const status = s.status === 'NotFound' ? 'not installed' : s.status;
  return s.startType ? `${status} (startup ${s.startType})` : status;
}

export function serviceEvidence(s: ServiceOnVm): EvidenceItem {
  return { fact: 'vm.services', label: `${s.name} on the ${vmLabel(s.role, s.vmName)}`, value: serviceText(s), at: s.role };
}

export function unreachableEvidence(r: RoleServices): EvidenceItem {
  return { fact: 'vm.services', label: `${vmLabel(r.role, r.vmName)}`, value: `not reachable: ${r.message ?? 'no reason given'}`, at: r.role };
}

/** Marked down by the recovery: the monitored services are set to Manual and stopped. */
export function isMarkedDown(s: ServiceState): boolean {
  return s.status.toLowerCase() === 'stopped' && (s.startType ?? '').toLowerCase() === 'manual';
}

/** "Mediation RTCMEDSRV (Stopped), Edge RTCSRV (Stopped) and 3 more": short enough for a one-line message. */
export function serviceList(items: readonly ServiceOnVm[], max = 4): string {
  const shown = items.slice(0, max).map((s) => `${s.role} ${s.name} (${s.status === 'NotFound' ? 'not installed' : s.status})`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}
