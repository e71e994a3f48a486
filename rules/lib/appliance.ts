/** The appliance as CloudConnector.ini describes it, and its Hyper-V VMs matched to their roles. */
import { iniValue, type IniDocument } from '../../src/core/ini/read.js';
import type { HyperVVm, VmRole } from '../../src/facts/hyperv.js';
import { vmNameMatches } from '../../src/facts/vm-name.js';

/** 1.3.x switch names; 1.4.1 and later default to "SfB CCE … Switch" (and the ini names them). */
export const LEGACY_MANAGEMENT_SWITCH = 'Cloud Connector Management Switch';
export const DEFAULT_MANAGEMENT_SWITCH = 'SfB CCE Management Switch';
export const DEFAULT_MANAGEMENT_PREFIX = '192.168.213.0';

export interface Topology {
  siteName?: string;
  vmDomain?: string;
  sipDomain?: string;
  servers: Record<VmRole, string | undefined>;
  ips: { AD?: string; CMS?: string; Mediation?: string; edgeInternal: string[]; edgeExternal: string[] };
  corpnetSwitch?: string;
  internetSwitch?: string;
  managementSwitch?: string;
  corpnetPrefixLength?: number;
  managementPrefix?: string;
  managementPrefixLength?: number;
  /** ServerName of [MediationServer] + '.' + VirtualMachineDomain: what Register-CcAppliance registers. */
  mediationFqdn?: string;
  /** ExternalSIPPoolName + '.' + the first SIP domain: the Edge's access proxy FQDN. */
  accessProxyFqdn?: string;
  wsusServer?: string;
}

function value(ini: IniDocument, section: string, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = iniValue(ini, section, k)?.trim();
    if (v) return v;
  }
  return undefined;
}

const list = (v: string | undefined) => (v ?? '').split(/[\s,;]+/).filter((s) => s !== '');
const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

/**
 * A dozen rules read the same CloudConnector.ini: each document's topology is worked out once, and frozen
 * so that no rule can change what the next one sees.
 */
export function topology(ini: IniDocument): Topology {
  let t = topologies.get(ini);
  if (!t) {
    t = readTopology(ini);
    for (const part of [t.servers, t.ips, t.ips.edgeInternal, t.ips.edgeExternal, t]) Object.freeze(part);
    topologies.set(ini, t);
  }
  return t;
}
const topologies = new WeakMap<IniDocument, Topology>();

function readTopology(ini: IniDocument): Topology {
  const vmDomain = value(ini, 'Common', 'VirtualMachineDomain');
  const mediation = value(ini, 'MediationServer', 'ServerName');
  const sipDomain = list(value(ini, 'Common', 'SIPDomains'))[0];
  const sipPool = value(ini, 'EdgeServer', 'ExternalSIPPoolName');
  return {
    ...opt('siteName', value(ini, 'Common', 'SiteName')),
    ...opt('vmDomain', vmDomain),
    ...opt('sipDomain', sipDomain),
    servers: {
      AD: value(ini, 'Common', 'ServerName'),
      CMS: value(ini, 'PrimaryCMS', 'ServerName'),
      Mediation: mediation,
      // The multi-site page's example spells these InternalMachineName / InternalMachineIPs.
      Edge: value(ini, 'EdgeServer', 'InternalServerName', 'InternalMachineName'),
    },
    ips: {
      ...opt('AD', value(ini, 'Common', 'IP')),
      ...opt('CMS', value(ini, 'PrimaryCMS', 'IP')),
      ...opt('Mediation', value(ini, 'MediationServer', 'IP')),
      edgeInternal: list(value(ini, 'EdgeServer', 'InternalServerIPs', 'InternalMachineIPs')),
      edgeExternal: [...new Set([...list(value(ini, 'EdgeServer', 'ExternalSIPIPs')), ...list(value(ini, 'EdgeServer', 'ExternalMRIPs'))])],
    },
    ...opt('corpnetSwitch', value(ini, 'Network', 'CorpnetSwitchName')),
    ...opt('internetSwitch', value(ini, 'Network', 'InternetSwitchName')),
    ...opt('managementSwitch', value(ini, 'Network', 'ManagementSwitchName')),
    ...opt('corpnetPrefixLength', num(value(ini, 'Network', 'CorpnetIPPrefixLength'))),
    ...opt('managementPrefix', value(ini, 'Network', 'ManagementIPPrefix')),
    ...opt('managementPrefixLength', num(value(ini, 'Network', 'ManagementIPPrefixLength'))),
    ...opt('mediationFqdn', mediation && vmDomain ? `${mediation}.${vmDomain}` : undefined),
    ...opt('accessProxyFqdn', sipPool && sipDomain ? `${sipPool}.${sipDomain}` : undefined),
    ...opt('wsusServer', value(ini, 'Common', 'WSUSServer')),
  };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

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
