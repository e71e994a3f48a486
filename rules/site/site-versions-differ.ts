import { defineSiteRule, formatVersion, siteFail, sitePass, siteUnknown, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { groupBy, nameList } from '../lib/site.js';

export default defineSiteRule({
  id: 'site-versions-differ',
  title: 'The appliances of a site run different CCE versions',
  scope: 'site',
  order: 40,
  severity: 'warning',
  applies: 'all',
  source:
    'The automated update process (1.4.1 and later) updates the appliances of a site one at a time, and "For multi-site deployments, follow the steps for a single site for each site in the deployment, applying updates to one site at a time": once an update is done, every appliance of the site runs the same version. Manual update: "Register-CcAppliance", "Start-CcDownload", "Install-CcAppliance -Upgrade", "Switch-CcVersion"; "Microsoft supports the previously-released version of Cloud Connector for 60 days after the new version is released".',
  symptom: 'One appliance of an HA site is on another CCE version than the others (an update that stopped part-way, or an appliance left out)',
  needs: ['cce.version'],
  check({ site, hosts }) {
    const evidence: SiteEvidenceItem[] = hosts.map((h) => ({ host: h.name, fact: 'cce.version', label: 'Installed CCE version', value: h.facts['cce.version'] }));
    const unreadable = hosts.filter((h) => !h.version).map((h) => h.name);
    if (unreadable.length > 0) {
      return siteUnknown(`the CCE version of ${nameList(unreadable)} is not a version ccdoctor can read (${unreadable.map((n) => JSON.stringify(hosts.find((h) => h.name === n)!.facts['cce.version'])).join(', ')})`, unreadable.map((host) => ({ host, fact: 'cce.version' })));
    }
    const versions = groupBy(hosts, (h) => formatVersion(h.version!));
    if (versions.size === 1) return sitePass(`every appliance of site ${site} runs CCE ${[...versions.keys()][0]}`, evidence);
    const list = [...versions].map(([v, hs]) => `${v} on ${nameList(hs.map((h) => h.name))}`).join('; ');
    return siteFail(`the appliances of site ${site} run different CCE versions: ${list}`, evidence);
  },
  remediation: [
    {
      id: 'finish-update',
      title: 'Bring every appliance of the site to one version, one appliance at a time',
      text: 'On the appliance that is behind, compare Get-CcVersion (the scripts) and Get-CcRunningVersion (the running deployment); let the automatic update finish, or update it by hand: Register-CcAppliance, Start-CcDownload, Install-CcAppliance -Upgrade, then Switch-CcVersion. Update one appliance at a time so the site keeps serving calls.',
      command: 'Get-CcVersion; Get-CcRunningVersion',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
