import { defineSiteRule, siteFail, sitePass, siteUnknown, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { groupBy, isUncPath, nameList, siteDirectoryKey } from '../lib/site.js';

export default defineSiteRule({
  id: 'site-directory-differs',
  title: 'The appliances of a site do not share one site directory',
  scope: 'site',
  order: 30,
  severity: 'error',
  applies: 'all',
  source:
    'Get-CcSiteDirectory: "Shows the current directory where site level configuration files are stored. The folder contains the base VHD and Cloud Connector installation files. This folder should be shared with all other appliances of a Cloud Connector site." The site directory also holds the CA backup (<SiteRoot>\\CA\\SfB CCE Root.p12) the appliances of a site share; for HA it should be a UNC share (Set-CcSiteDirectory <UNC File path>, the same location on each host server of the site).',
  symptom: 'The appliances of an HA site name different site directories, or a local folder: updates, new appliances and the CA backup do not reach every appliance',
  needs: ['cce.directories'],
  check({ site, hosts }) {
    const dirs = hosts.map((h) => ({ host: h.name, path: h.facts['cce.directories'].siteRoot?.trim() || undefined }));
    const evidence: SiteEvidenceItem[] = dirs.map((d) => ({ host: d.host, fact: 'cce.directories', label: 'Site directory (Get-CcSiteDirectory)', value: d.path ?? '(none)' }));
    const none = dirs.filter((d) => d.path === undefined).map((d) => d.host);
    if (none.length > 0) return siteUnknown(`Get-CcSiteDirectory gave no site directory on ${nameList(none)}`, none.map((host) => ({ host, fact: 'cce.directories' })));
    const byDir = groupBy(dirs, (d) => siteDirectoryKey(d.path!));
    const local = dirs.filter((d) => !isUncPath(d.path!));
    const localNote = local.length > 0
      ? `${nameList(local.map((d) => d.host))} name${local.length === 1 ? 's' : ''} a local folder (${[...new Set(local.map((d) => d.path!))].join(', ')}), which no other appliance can reach`
      : '';
    // The share most appliances already use is the one to keep (a UNC path first).
    const best = [...byDir.values()].sort((a, b) => Number(isUncPath(b[0]!.path!)) - Number(isUncPath(a[0]!.path!)) || b.length - a.length)[0]![0]!.path!;
    const keep = isUncPath(best) ? { siteRoot: best } : undefined;
    if (byDir.size > 1) {
      const list = [...byDir.values()].map((ds) => `${ds[0]!.path} on ${nameList(ds.map((d) => d.host))}`).join('; ');
      return siteFail(`the appliances of site ${site} name ${byDir.size} different site directories: ${list}${localNote ? `; ${localNote}` : ''}`, evidence, keep);
    }
    if (local.length > 0) {
      return siteFail(`every appliance of site ${site} names ${local[0]!.path}, but that is a local path: each appliance has its own folder there, so nothing is shared (${localNote})`, evidence, keep);
    }
    return sitePass(`every appliance of site ${site} uses the site directory ${dirs[0]!.path}`, evidence);
  },
  remediation: [
    {
      id: 'one-share',
      title: 'Point every appliance of the site at the one shared site directory',
      text: 'Choose the share the site keeps (a UNC path every host of the site can reach; filled in: the share most appliances use, when one does), make sure it holds the site\'s files (Bits, CA), and on each appliance that names another folder set it. Do it one appliance at a time.',
      command: 'Set-CcSiteDirectory {siteRoot}',
      params: { siteRoot: 'the UNC path of the site\'s shared folder, \\\\server\\share' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
