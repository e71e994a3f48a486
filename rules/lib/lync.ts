/** Lync Server 2013 / Skype for Business Server: which services host what, and pool load balancing. */
import { formatVersion, notApplicable, unknown, type CheckResult, type Version } from '../../src/core/rules/api.js';

/**
 * The applications the Lync drain page says rely on DNS load balancing, and the Windows service that
 * hosts each. RTCCAA, RTCCAS, RTCRGS and RTCCPS are the standard service names; that the Announcement
 * application runs in the Call Park service (RTCCPS) is inferred, not documented on the drain page.
 */
export const DNS_LB_APPLICATIONS: readonly { application: string; service: string }[] = [
  { application: 'Attendant (Conferencing Attendant)', service: 'RTCCAA' },
  { application: 'Conferencing Announcement', service: 'RTCCAS' },
  { application: 'Response Group', service: 'RTCRGS' },
  { application: 'Announcement', service: 'RTCCPS' },
  { application: 'Call Park', service: 'RTCCPS' },
];

export interface LyncPool {
  poolFqdn: string;
  poolAddresses: string[];
  frontEnds: { fqdn: string; addresses: string[] }[];
  dnsLoadBalancing: boolean | null;
}

/**
 * DNS load balancing: the pool FQDN resolves to the Front End servers' own addresses (behind a hardware
 * load balancer only, it resolves to a virtual IP that is no server's). undefined when it cannot be told.
 */
export function usesDnsLoadBalancing(pool: LyncPool): boolean | undefined {
  if (pool.dnsLoadBalancing !== null) return pool.dnsLoadBalancing;
  if (pool.poolAddresses.length === 0 || pool.frontEnds.length === 0) return undefined;
  const servers = new Set(pool.frontEnds.flatMap((f) => f.addresses));
  return pool.poolAddresses.every((a) => servers.has(a));
}

/**
 * Lync rules look at a Lync Server. Without its facts: on a CCE appliance (its version is known) they do
 * not apply; elsewhere the facts are simply missing.
 */
export function withoutLyncServer(services: { installed: boolean } | undefined, version: Version | undefined): CheckResult | undefined {
  if (services?.installed) return undefined;
  if (services) return notApplicable('no Lync Server or Skype for Business Server service is installed on this host');
  if (version) return notApplicable(`this is a CCE ${formatVersion(version)} appliance host, not a Lync Server (no Lync facts collected)`);
  return unknown('the Lync Server services of this host were not collected', ['lync.services']);
}
