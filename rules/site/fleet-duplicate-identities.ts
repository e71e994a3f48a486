import { DEFAULT_MANAGEMENT_PREFIX, defineSiteRule, siteFail, siteNotApplicable, sitePass, type FactId, type SiteEvidenceItem } from '../../src/core/rules/api.js';
import { inSubnet, parseIpv4, subnetOf, type Subnet } from '../lib/ipv4.js';
import { groupBy, nameList } from '../lib/site.js';

/** Addresses that repeat on every appliance or mean nothing across hosts: loopback, APIPA, unspecified. */
const NOT_IDENTITIES: readonly Subnet[] = [subnetOf('127.0.0.0', 8)!, subnetOf('169.254.0.0', 16)!, subnetOf('0.0.0.0', 32)!];

interface Identity {
  kind: 'host name' | 'Mediation Server FQDN' | 'IP address';
  value: string;
  host: string;
  ref: string;
  fact: FactId;
  /** Where on the host: "Mediation IP in CloudConnector.ini", "host adapter vEthernet (…)". */
  where: string;
}

export default defineSiteRule({
  id: 'fleet-duplicate-identities',
  title: 'Two appliances have the same host name, Mediation Server FQDN or IP address',
  scope: 'fleet',
  order: 20,
  severity: 'critical',
  applies: 'all',
  minHosts: 1,
  source:
    'Registering appliances (troubleshooting, "Cannot register appliance because your current input/configuration … conflicts with existing appliance(s)"): "Values for the <ApplianceName>, <Mediation Server FQDN> and <Mediation Server IP Address> must be unique and only used for one appliance registration. By default, <ApplianceName> comes from the host name. <Mediation Server FQDN> and <Mediation Server IP Address> defined in configuration ini file." The management network (ManagementIPPrefix, default 192.168.213.0/24) is internal to each host and repeats on every appliance by design: it is left out.',
  symptom: 'A copied CloudConnector.ini or a cloned host: two appliances claim one name or address, so registration fails or calls go to the wrong appliance',
  needs: ['cce.topology'],
  optional: ['host.adapters'],
  check({ hosts }) {
    if (hosts.length < 2) return siteNotApplicable(`the run has ${hosts.length} CCE appliance; the rule compares appliances`);
    const ids: Identity[] = [];
    for (const h of hosts) {
      const thisHost = new Set<string>();
      const topo = h.facts['cce.topology'];
      const management = subnetOf(topo.managementPrefix ?? DEFAULT_MANAGEMENT_PREFIX, topo.managementPrefixLength ?? 24);
      const add = (kind: Identity['kind'], value: string | undefined, fact: FactId, where: string) => {
        if (!value) return;
        if (kind === 'IP address') {
          if (parseIpv4(value) === undefined || NOT_IDENTITIES.some((s) => inSubnet(value, s)) || (management && inSubnet(value, management))) return;
          // One appliance names an address in several places (ExternalSIPIPs = ExternalMRIPs): once per host.
          if (thisHost.has(value)) return;
          thisHost.add(value);
        }
        ids.push({ kind, value, host: h.name, ref: h.ref, fact, where });
      };
      add('host name', h.name, 'host.name', 'host name');
      add('Mediation Server FQDN', topo.mediationFqdn, 'cce.topology', '[MediationServer] ServerName + VirtualMachineDomain in CloudConnector.ini');
      add('IP address', topo.ips.AD, 'cce.topology', 'AD IP in CloudConnector.ini');
      add('IP address', topo.ips.CMS, 'cce.topology', 'CMS IP in CloudConnector.ini');
      add('IP address', topo.ips.Mediation, 'cce.topology', 'Mediation IP in CloudConnector.ini');
      for (const ip of topo.ips.edgeInternal) add('IP address', ip, 'cce.topology', 'Edge internal IP in CloudConnector.ini');
      for (const ip of topo.ips.edgeExternal) add('IP address', ip, 'cce.topology', 'Edge external IP in CloudConnector.ini');
      for (const a of h.facts['host.adapters'] ?? []) for (const x of a.addresses) add('IP address', x.ip, 'host.adapters', `host adapter ${a.name}`);
    }
    const dupes = [...groupBy(ids, (i) => `${i.kind}|${i.value.toLowerCase()}`).values()]
      .filter((g) => new Set(g.map((i) => `${i.host}|${i.ref}`)).size > 1);
    if (dupes.length === 0) {
      return sitePass(`the ${hosts.length} appliances have distinct host names, Mediation Server FQDNs and corpnet/internet addresses (the management subnet is left out: it repeats by design)`);
    }
    const evidence: SiteEvidenceItem[] = dupes.flat().map((i) => ({ host: i.host, ref: i.ref, fact: i.fact, label: i.kind, value: i.value, at: i.where }));
    const parts = dupes.map((g) => {
      const names = [...new Set(g.map((i) => i.host))];
      const on = names.length < g.length ? nameList([...new Set(g.map((i) => `${i.host} (${i.ref})`))]) : nameList(names);
      return `${g[0]!.kind} ${g[0]!.value} on ${on}`;
    });
    const sameName = dupes.some((g) => g[0]!.kind === 'host name') ? ' (one host name in two snapshots: two hosts with one name, or one host collected twice)' : '';
    return siteFail(`${dupes.length} name${dupes.length === 1 ? ' or address is' : 's or addresses are'} used by more than one appliance: ${parts.join('; ')}${sameName}`, evidence);
  },
  remediation: [
    {
      id: 'fix-ini',
      title: 'Give the newer appliance its own names and addresses',
      text: 'On the appliance whose CloudConnector.ini was copied, change the server names and IP addresses (and the host name when it is a clone), then redeploy it the documented way: Uninstall-CcAppliance, Unregister-CcAppliance, edit CloudConnector.ini, Import-CcConfiguration (2.0 and later), Register-CcAppliance, Install-CcAppliance; then Publish-CcAppliance on the other appliances of its site.',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'unregister-stale',
      title: 'Or remove a stale registration that holds the name or address',
      text: 'When an old appliance that no longer exists holds the values, list the registrations (Get-CsHybridPSTNAppliance) and unregister the stale one in a Skype for Business Online PowerShell session.',
      command: 'Unregister-CsHybridPSTNAppliance -Identity {identity} -Force',
      params: { identity: 'the Identity (GUID) of the stale appliance, from Get-CsHybridPSTNAppliance' },
      runsOn: 'tenant',
      destructive: true,
    },
  ],
});
