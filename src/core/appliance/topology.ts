/** The appliance as CloudConnector.ini describes it: its servers, addresses, switches and site. */
import { iniValue, type IniDocument } from '../ini/read.js';
import type { VmRole } from '../../facts/hyperv.js';

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

export function topology(ini: IniDocument): Topology {
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
