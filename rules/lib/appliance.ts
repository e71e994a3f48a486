/** The appliance's Hyper-V VMs matched to the roles named by the cce.topology fact. */
import { vmNameMatches, type HyperVVm, type Topology, type VmRole } from '../../src/core/rules/api.js';

export { DEFAULT_MANAGEMENT_PREFIX, DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH } from '../../src/core/rules/api.js';

export const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  a != null && b != null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** A tenant site value against the ini SiteName; tolerates an identity such as "Site:Sydney". */
export function sameSite(tenantSite: string | null | undefined, siteName: string | undefined): boolean {
  if (!tenantSite || !siteName) return false;
  return sameText(tenantSite.replace(/^site:/i, ''), siteName);
}

export const isRunning = (vm: HyperVVm) => vm.state.toLowerCase() === 'running';

export interface RoleVm {
  role: VmRole;
  serverName: string | undefined;
  /** The VM serving the role: a running one first, then one named with the running version. */
  vm: HyperVVm | undefined;
  /** Other VMs of the same role (a backup instance after Switch-CcVersion). */
  others: HyperVVm[];
}


/** Matches VMs to the four roles: by the fact's role, else by the ini server name in the VM name. */
export function roleVms(vms: readonly HyperVVm[], topo: Topology, runningVersion?: string | null): RoleVm[] {
  const roles: VmRole[] = ['AD', 'CMS', 'Mediation', 'Edge'];
  return roles.map((role) => {
    const serverName = topo.servers[role];
    const candidates = vms.filter((vm) => vm.role === role || (vm.role === null && vmNameMatches(vm.name, serverName)));
    const score = (vm: HyperVVm) => (isRunning(vm) ? 2 : 0) + (runningVersion && vm.name.includes(runningVersion) ? 1 : 0);
    const sorted = [...candidates].sort((a, b) => score(b) - score(a));
    return { role, serverName, vm: sorted[0], others: sorted.slice(1) };
  });
}

export function describeVm(vm: HyperVVm): string {
  return `${vm.name} (${vm.state})`;
}
