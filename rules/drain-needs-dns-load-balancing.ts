import { defineRule, fail, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { DNS_LB_APPLICATIONS, usesDnsLoadBalancing, withoutLyncServer } from './lib/lync.js';

export default defineRule({
  id: 'drain-needs-dns-load-balancing',
  title: 'Applications that rely on DNS load balancing run in a pool without it',
  family: 'lync',
  order: 20,
  severity: 'warning',
  applies: 'all',
  symptom: 'Attendant, Conferencing Announcement, Response Group, Announcement or Call Park sessions drop when the server goes offline: the pool has no DNS load balancing',
  needs: [],
  optional: ['lync.services', 'lync.pool'],
  check({ facts, version }) {
    const services = facts['lync.services'];
    const skip = withoutLyncServer(services, version);
    if (skip) return skip;
    const installed = new Set(services!.services.filter((s) => s.status !== 'NotFound').map((s) => s.name.toUpperCase()));
    const hosted = DNS_LB_APPLICATIONS.filter((a) => installed.has(a.service));
    if (hosted.length === 0) return pass('this server hosts none of the applications that rely on DNS load balancing', []);
    const appsEvidence: EvidenceItem = { fact: 'lync.services', label: 'Hosted applications that rely on DNS load balancing', value: hosted.map((a) => `${a.application} (${a.service})`).join(', ') };
    const pool = facts['lync.pool'];
    if (!pool) return unknown("this server's pool and its load balancing were not collected", ['lync.pool']);
    const dnsLb = usesDnsLoadBalancing(pool);
    if (dnsLb === undefined) return unknown(`cannot tell how ${pool.poolFqdn} is load balanced: no addresses were collected`, ['lync.pool']);
    const poolEvidence: EvidenceItem = {
      fact: 'lync.pool',
      label: `Pool ${pool.poolFqdn}`,
      value: pool.dnsLoadBalancing !== null
        ? `DNS load balancing: ${pool.dnsLoadBalancing ? 'yes' : 'no'} (as answered)`
        : `resolves to ${pool.poolAddresses.join(', ')}; Front Ends ${pool.frontEnds.map((f) => `${f.fqdn} ${f.addresses.join('/')}`).join(', ')}`,
    };
    if (!dnsLb) {
      return fail(`${hosted.map((a) => a.application).join(', ')} run here, but pool ${pool.poolFqdn} does not use DNS load balancing: their sessions are not re-routed while the server drains and drop when it goes offline`, [appsEvidence, poolEvidence]);
    }
    return pass(`pool ${pool.poolFqdn} uses DNS load balancing, so ${hosted.map((a) => a.application).join(', ')} re-route while the server drains`, [appsEvidence, poolEvidence]);
  },
  remediation: [
    {
      id: 'plan-window',
      title: 'Take the server offline in a quiet window',
      text: 'Without DNS load balancing these applications are not moved to other servers while this one drains; expect their sessions and calls to drop when it goes offline.',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'configure-dns-lb',
      title: 'Configure DNS load balancing for the pool',
      text: "Publish an A record for the pool FQDN per Front End server (each server's own address), next to any hardware load balancer for web traffic (see DNS load balancing in Lync Server 2013).",
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
