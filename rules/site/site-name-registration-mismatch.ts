import { defineSiteRule, siteFail, siteNotApplicable, sitePass, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { sameSite, sameText } from '../lib/appliance.js';
import { nameList } from '../lib/site.js';

export default defineSiteRule({
  id: 'site-name-registration-mismatch',
  title: 'An appliance\'s SiteName differs from the site the tenant registered it in',
  scope: 'site',
  order: 10,
  severity: 'error',
  applies: '>=1.4.1',
  minHosts: 1,
  source:
    'CloudConnector.ini ([Common] SiteName): "Register-CcAppliance cmdlet uses SiteName to register current appliance to an existing or new site. … If you want to register the appliance to an existing site, SiteName must match the site name defined in your Office 365 tenant configuration. If you are copying configuration file from one site to another, make sure you update the SiteName for each site correctly." Register-CcAppliance: ApplianceName defaults to "the computer name of the host server". Troubleshooting: "update your CloudConnector.ini file with information that matches the registered appliance, or unregister the existing appliance to resolve the conflicts."',
  symptom: 'CloudConnector.ini names one site while the tenant has the appliance registered in another (an ini copied from another site, or edited after registration): HA information and updates follow the registration',
  needs: ['cce.topology', 'tenant.appliances'],
  check({ site, hosts }) {
    const rows = hosts.map((h) => {
      const ini = h.facts['cce.topology'].siteName;
      const reg = h.facts['tenant.appliances'].find((a) => sameText(a.name, h.name));
      return { host: h.name, ini, reg };
    });
    const evidence: SiteEvidenceItem[] = rows.flatMap((r) => [
      { host: r.host, fact: 'cce.topology', label: 'SiteName in CloudConnector.ini', value: r.ini ?? '(none)' },
      { host: r.host, fact: 'tenant.appliances', label: `Site of appliance ${r.host} in the tenant registration`, value: r.reg ? (r.reg.site ?? '(none)') : '(not registered)' },
    ]);
    const registered = rows.filter((r) => r.reg);
    const unregistered = rows.filter((r) => !r.reg).map((r) => r.host);
    const notes = unregistered.length > 0 ? `; not in the tenant registration (Get-CsHybridPSTNAppliance): ${nameList(unregistered)}` : '';
    if (registered.length === 0) return siteNotApplicable(`none of the appliances of site ${site} is in the tenant registration: there is no registered site to compare with (${nameList(unregistered)})`);
    const wrong = registered.filter((r) => !sameSite(r.reg!.site, r.ini));
    if (wrong.length > 0) {
      const list = wrong.map((r) => `${r.host}: CloudConnector.ini ${r.ini ? `says SiteName=${r.ini}` : 'has no SiteName'}, the tenant registered it in site ${r.reg!.site ?? '(none)'}`).join('; ');
      return siteFail(`${list}${notes}`, evidence);
    }
    return sitePass(`${nameList(registered.map((r) => r.host))}: the SiteName in CloudConnector.ini is the site the tenant registered${notes}`, evidence);
  },
  remediation: [
    {
      id: 'fix-ini-sitename',
      title: 'Make the SiteName in CloudConnector.ini the appliance\'s site, and register it again',
      text: 'Decide which site the appliance belongs to. When the registration is right, correct SiteName in CloudConnector.ini (in the Appliance Directory) and redeploy the documented way: Uninstall-CcAppliance, Unregister-CcAppliance, edit the ini, Import-CcConfiguration (2.0 and later), Register-CcAppliance, Install-CcAppliance; then Publish-CcAppliance on the other appliances of the site.',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'unregister',
      title: 'When the registration is the stale one: unregister it, then register the appliance from its ini',
      text: 'In a Skype for Business Online PowerShell session, list the registrations (Get-CsHybridPSTNAppliance) and unregister the appliance; then run Register-CcAppliance on it, which registers it in the site its SiteName names.',
      command: 'Unregister-CsHybridPSTNAppliance -Identity {identity} -Force',
      params: { identity: 'the Identity (GUID) of the appliance, from Get-CsHybridPSTNAppliance' },
      runsOn: 'tenant',
      destructive: true,
    },
  ],
});
