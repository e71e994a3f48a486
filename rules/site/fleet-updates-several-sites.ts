import { defineSiteRule, NO_SITE, siteFail, sitePass, siteUnknown } from '../../src/core/rules/api.js';
import { applianceState, describeOut, outAtOnce, unknownFacts, type ApplianceState } from '../lib/out-of-service.js';
import { groupBy, nameList, unlessTwoSites } from '../lib/site.js';

const sitesOf = (states: readonly ApplianceState[]) => groupBy(states, (s) => (s.host.site === NO_SITE ? undefined : s.host.site.toLowerCase()));

export default defineSiteRule({
  id: 'fleet-updates-several-sites',
  title: 'Appliances of more than one site are out of service at once',
  scope: 'fleet',
  order: 80,
  severity: 'warning',
  applies: '>=1.4.1',
  source:
    'Installing updates ("Install Windows updates manually"): "For multi-site deployments, follow the steps for a single site for each site in the deployment, applying updates to one site at a time." What ccdoctor can see: no collected fact says that an update is in progress; an appliance drained by Enter-CcUpdate or being updated has its call services stopped (vm.services: Mediation RTCMEDSRV or RTCSRV, Edge RTCSRV), which is what this rule counts. A failure looks the same: the rule says "out of service", and the operator tells whether updates are the cause.',
  symptom: 'Appliances of two or more PSTN sites are drained or down at the same time (snapshots collected within 2 hours): updates are running in several sites at once, or sites are failing together',
  needs: ['vm.services'],
  check({ hosts }) {
    const few = unlessTwoSites(hosts);
    if (few) return few;
    const states = hosts.filter((h) => h.site !== NO_SITE).map(applianceState);
    const out = states.filter((s) => s.state === 'out');
    const together = outAtOnce(out, (g) => sitesOf(g).size);
    const bySite = sitesOf(together);
    if (bySite.size >= 2) {
      const list = [...bySite.values()].map((s) => `site ${s[0]!.host.site}: ${s.map(describeOut).join(', ')}`).join('; ');
      return siteFail(`appliances of ${bySite.size} sites are out of service at once: ${list}. If these are updates, update one site at a time`, together.flatMap((a) => a.evidence));
    }
    const unknown = states.filter((s) => s.state === 'unknown');
    if (unknown.length > 0 && sitesOf([...together, ...unknown]).size >= 2) {
      return siteUnknown(`cannot tell whether appliances of more than one site are out of service: on ${nameList(unknown.map((u) => u.host.name))} ${unknown.map((u) => u.why).join('; ')}`, unknownFacts(unknown));
    }
    const which = bySite.size === 1 ? `only site ${together[0]!.host.site} has appliances out of service` : 'no appliance is out of service';
    return sitePass(`${which} (of ${sitesOf(states).size} sites)`, together.flatMap((a) => a.evidence));
  },
  remediation: [
    {
      id: 'one-site-at-a-time',
      title: 'Finish the updates of one site before starting the next',
      text: 'Let the site that started first finish (each appliance back with Exit-CcUpdate and its services running); hold the updates of the other sites until then. An appliance that is out of service without an update going on has a problem of its own: check it with ccdoctor check.',
      command: 'Exit-CcUpdate',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
