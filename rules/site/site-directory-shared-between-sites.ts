import { defineSiteRule, NO_SITE, siteFail, sitePass, siteUnknown, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { groupBy, isUncPath, nameList, siteDirectoryKey, unlessTwoSites } from '../lib/site.js';

export default defineSiteRule({
  id: 'site-directory-shared-between-sites',
  title: 'Two PSTN sites share one site directory',
  scope: 'fleet',
  order: 70,
  severity: 'error',
  applies: 'all',
  source:
    'Deploying several PSTN sites: "The shared folder must be different between PSTN sites". The site directory (Get-CcSiteDirectory) holds the site\'s base VHD, Cloud Connector bits and CA backup (<SiteRoot>\\CA\\SfB CCE Root.p12): "This folder should be shared with all other appliances of a Cloud Connector site."',
  symptom: 'Appliances of different PSTN sites use the same shared site directory: one site\'s CA backup and bits overwrite the other\'s',
  needs: ['cce.directories'],
  check({ hosts }) {
    const few = unlessTwoSites(hosts);
    if (few) return few;
    const dirs = hosts
      .filter((h) => h.site !== NO_SITE)
      .map((h) => ({ host: h.name, site: h.site, path: h.facts['cce.directories'].siteRoot?.trim() || undefined }));
    // A local path is a folder of its own host: two sites naming the same local path share nothing.
    const shared = [...groupBy(dirs.filter((d) => d.path && isUncPath(d.path)), (d) => siteDirectoryKey(d.path!)).values()]
      .filter((ds) => new Set(ds.map((d) => d.site.toLowerCase())).size > 1);
    const evidenceOf = (ds: typeof dirs): SiteEvidenceItem[] => ds.map((d) => ({ host: d.host, fact: 'cce.directories', label: `Site directory (site ${d.site})`, value: d.path ?? '(none)' }));
    if (shared.length > 0) {
      const list = shared.map((ds) => {
        const bySite = [...groupBy(ds, (d) => d.site.toLowerCase()).values()].map((s) => `site ${s[0]!.site} (${nameList(s.map((d) => d.host))})`);
        return `${ds[0]!.path} is the site directory of ${nameList(bySite)}`;
      });
      return siteFail(list.join('; '), evidenceOf(shared.flat()));
    }
    const none = dirs.filter((d) => d.path === undefined).map((d) => d.host);
    if (none.length > 0) return siteUnknown(`Get-CcSiteDirectory gave no site directory on ${nameList(none)}`, none.map((host) => ({ host, fact: 'cce.directories' })));
    const sites = new Set(dirs.map((d) => d.site.toLowerCase())).size;
    const left = hosts.length - dirs.length;
    return sitePass(`the ${sites} sites use different site directories${left > 0 ? ` (${left} appliance${left === 1 ? '' : 's'} of no known site left out)` : ''}`, evidenceOf(dirs));
  },
  remediation: [
    {
      id: 'own-share',
      title: 'Give each PSTN site its own shared site directory',
      text: 'Create a share for the site that must move (on a host of that site), copy the site\'s files into it, and on each appliance of that site run Set-CcSiteDirectory with the new share, one appliance at a time. Then check each site\'s CA backup (site-root-ca-differs).',
      command: 'Set-CcSiteDirectory {siteRoot}',
      params: { siteRoot: 'the UNC path of the new share of this site, \\\\server\\share' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
