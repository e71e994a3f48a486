import { defineSiteRule, siteFail, sitePass, siteUnknown } from '../../src/core/rules/api.js';
import { AT_ONCE_MS, applianceState, describeOut, outAtOnce, unknownFacts } from '../lib/out-of-service.js';
import { nameList } from '../lib/site.js';

export default defineSiteRule({
  id: 'site-ha-several-out',
  title: 'More than one appliance of a site is out of service at once',
  scope: 'site',
  order: 60,
  severity: 'critical',
  applies: '>=1.4.1',
  source:
    'Installing updates on a site with several appliances ("Install Windows updates manually"): "To avoid any potential disruption to service, you can remove the instance from HA while you apply the updates, and then restore it when complete" (Enter-CcUpdate, then Exit-CcUpdate), one appliance after another; Enter-CcUpdate: "You must ensure that the remaining production appliances have enough capacity to handle the calls from the appliance that you are preparing to update." What ccdoctor can see: CCE records no maintenance-mode flag a probe can read; Enter-CcUpdate "immediately stops all services", so an appliance is counted out when vm.services shows a call service stopped (Mediation RTCMEDSRV or RTCSRV, Edge RTCSRV). That is also what an update in progress or a failure (marked down) looks like: the rule says "out of service", not "in maintenance mode".',
  symptom: 'Several appliances of an HA site are drained or down at the same time (snapshots collected within 2 hours): the site runs without its high availability, or not at all',
  needs: ['vm.services'],
  check({ site, hosts }) {
    const states = hosts.map(applianceState);
    const out = states.filter((s) => s.state === 'out');
    const together = outAtOnce(out);
    if (together.length >= 2) {
      const all = together.length === hosts.length ? ' (every appliance of the site: no call can be placed through it)' : '';
      return siteFail(
        `${together.length} of the ${hosts.length} appliances of site ${site} are out of service at once${all}: ${together.map(describeOut).join('; ')}. Enter-CcUpdate, an update or a failure stopped them; the snapshots cannot tell which`,
        together.flatMap((a) => a.evidence),
      );
    }
    const unknown = states.filter((s) => s.state === 'unknown');
    if (unknown.length > 0 && together.length + unknown.length >= 2) {
      return siteUnknown(`cannot tell whether more than one appliance of site ${site} is out of service: on ${nameList(unknown.map((u) => u.host.name))} ${unknown.map((u) => u.why).join('; ')}`, unknownFacts(unknown));
    }
    const apart = out.length > 1 ? `; ${nameList(out.map((o) => o.host.name))} were out in snapshots collected more than ${AT_ONCE_MS / 3_600_000} hours apart` : '';
    const one = out.length === 1 ? `only ${describeOut(out[0]!)} is out of service` : out.length === 0 ? 'every appliance runs its call services' : 'no two appliances are out of service at the same time';
    return sitePass(`site ${site}: ${one}${apart}`, states.flatMap((s) => (s.state === 'out' ? s.evidence : [])));
  },
  remediation: [
    {
      id: 'one-at-a-time',
      title: 'Bring the appliances back, then work on one appliance at a time',
      text: 'On each appliance that was put in maintenance mode and is done, run Exit-CcUpdate so it takes calls again; leave only one appliance of the site out of HA at a time, and make sure the others have the capacity for its calls.',
      command: 'Exit-CcUpdate',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'down-for-another-reason',
      title: 'An appliance nobody put in maintenance mode: find why its services stopped',
      text: 'Its call services stopped on their own (a failed update, a VM problem, marked down by the automatic recovery): check it on its own with ccdoctor check (monitored-service-down, appliance-marked-down, calls-fail-after-host-update say why and what to do).',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
