import { formatVersion, versionRange, type Version } from '../versions.js';

export type VmRole = 'CMS' | 'Mediation' | 'Edge';
export const VM_ROLES: readonly VmRole[] = ['CMS', 'Mediation', 'Edge'];

export interface ServiceMatrix {
  versions: string;
  services: Readonly<Record<VmRole, readonly string[]>>;
}

/**
 * What the Cloud Connector management service monitors on each VM (troubleshooting page, "Monitoring").
 * The page names the Mediation service "MEDSVC"; its Windows service name is RTCMEDSRV.
 */
export const MONITORED_SERVICES: readonly ServiceMatrix[] = [
  {
    versions: '>=2.0',
    services: {
      CMS: ['REPLICA', 'MASTER'],
      Mediation: ['REPLICA', 'RTCSRV', 'RTCMEDSRV'],
      Edge: ['REPLICA', 'RTCSRV', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY'],
    },
  },
  {
    versions: '>=1.4.2 <2.0',
    services: { CMS: [], Mediation: ['RTCSRV', 'RTCMEDSRV'], Edge: ['RTCSRV'] },
  },
];

/** Inbound firewall rules monitored from 2.0 on. */
export const MONITORED_FIREWALL_RULES: readonly { role: 'Edge' | 'Mediation'; rule: string }[] = [
  { role: 'Edge', rule: 'CS RTCSRV' },
  { role: 'Mediation', rule: 'CS RTCMEDSRV' },
];

export interface MonitoredFor {
  matrix: ServiceMatrix;
  /** How the list was chosen, for the message when it is not the host's own version. */
  note?: string;
}

/**
 * The monitored services for a version. Unknown version: the 2.0 list (the larger one), said so.
 * Before 1.4.2 nothing is documented: the 1.4.2 list, said so.
 */
export function monitoredServicesFor(version: Version | undefined): MonitoredFor {
  const [v20, v142] = MONITORED_SERVICES as [ServiceMatrix, ServiceMatrix];
  if (!version) return { matrix: v20, note: 'the CCE version is unknown, so the 2.0 list of monitored services was used' };
  if (versionRange(v20.versions).contains(version)) return { matrix: v20 };
  if (versionRange(v142.versions).contains(version)) return { matrix: v142 };
  return { matrix: v142, note: `CCE ${formatVersion(version)} predates the documented monitoring (1.4.2); its 1.4.2 list was used` };
}

/** Every service any version monitors on a role: what the live probe asks each VM about. */
export function allMonitoredServices(role: VmRole): string[] {
  return [...new Set(MONITORED_SERVICES.flatMap((m) => m.services[role]))];
}
