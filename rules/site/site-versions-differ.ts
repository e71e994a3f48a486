import { defineSiteRule, formatVersion, siteFail, sitePass, type SiteEvidenceItem } from '../../src/core/rules/api.js';

export default defineSiteRule({
  id: 'site-versions-differ',
  title: 'The appliances of a site run different CCE versions',
  scope: 'site',
  order: 40,
  severity: 'warning',
  applies: 'all',
  source:
    'The automated update process (1.4.1 and later) updates the appliances of a site one at a time, and "For multi-site deployments, follow the steps for a single site for each site in the deployment, applying updates to one site at a time": once an update is done, every appliance of the site runs the same version.',
  symptom: 'One appliance of an HA site is on another CCE version than the others (an update that stopped part-way, or an appliance left out)',
  needs: ['cce.version'],
  check({ site, hosts }) {
    const evidence: SiteEvidenceItem[] = hosts.map((h) => ({ host: h.name, fact: 'cce.version', label: 'Installed CCE version', value: h.facts['cce.version'] }));
    const versions = new Map<string, string[]>();
    for (const h of hosts) {
      const v = h.version ? formatVersion(h.version) : h.facts['cce.version'];
      versions.set(v, [...(versions.get(v) ?? []), h.name]);
    }
    if (versions.size === 1) return sitePass(`every appliance of site ${site} runs CCE ${[...versions.keys()][0]}`, evidence);
    const list = [...versions].map(([v, names]) => `${v} on ${names.join(', ')}`).join('; ');
    return siteFail(`the appliances of site ${site} run different CCE versions: ${list}`, evidence);
  },
  remediation: [
    {
      id: 'finish-update',
      title: 'Bring every appliance of the site to one version, one appliance at a time',
      text: 'On the appliance that is behind, check the update status (Get-CcUpdateStatus or the management service log); let the automatic update finish, or follow the documented manual update for that version. Update one appliance at a time so the site keeps serving calls.',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
