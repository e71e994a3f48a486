import { defineRule, fail, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { sameSite, sameText } from './lib/appliance.js';

export default defineRule({
  id: 'registration-conflict',
  title: 'This appliance conflicts with an appliance registered in the tenant',
  family: 'deployment',
  order: 40,
  severity: 'error',
  applies: '>=1.4.1',
  symptom: 'Register-CcAppliance refuses: the configuration conflicts with existing appliance(s)',
  needs: ['host.name', 'cce.topology', 'tenant.appliances'],
  signatures: [
    {
      text: 'Cannot register appliance because your current input/configuration <SiteName> or <ApplianceName> or <Mediation Server FQDN> or <Mediation Server IP Address> conflicts with existing appliance(s).',
      pattern: /cannot register appliance because your current input\s*\/\s*configuration\b[\s\S]*?\bconflicts with existing appliance\(s\)/i,
    },
  ],
  check({ facts }) {
    const name = facts['host.name'];
    const topo = facts['cce.topology'];
    const fqdn = topo.mediationFqdn;
    const ip = topo.ips.Mediation;
    if (!fqdn || !ip) {
      return unknown('CloudConnector.ini lacks [MediationServer] ServerName/IP or [Common] VirtualMachineDomain, so the Mediation Server identity is unknown', ['cce.ini']);
    }
    const local: EvidenceItem[] = [
      { fact: 'host.name', label: 'ApplianceName (host name)', value: name },
      { fact: 'cce.ini', label: 'SiteName', value: topo.siteName ?? '(not set)', at: '[Common] SiteName' },
      { fact: 'cce.ini', label: 'Mediation Server FQDN', value: fqdn, at: '[MediationServer] ServerName + [Common] VirtualMachineDomain' },
      { fact: 'cce.ini', label: 'Mediation Server IP Address', value: ip, at: '[MediationServer] IP' },
    ];
    const conflicts: EvidenceItem[] = [];
    let firstIdentity: string | undefined;
    let self: (typeof facts)['tenant.appliances'][number] | undefined;
    for (const a of facts['tenant.appliances']) {
      const who = `Registered appliance ${a.name}${a.identity ? ` (${a.identity})` : ''}`;
      const at = `site ${a.site ?? '(unknown)'}`;
      const found: EvidenceItem[] = [];
      if (sameText(a.name, name)) {
        self = a;
        if (a.mediationServerFqdn && !sameText(a.mediationServerFqdn, fqdn)) {
          found.push({ fact: 'tenant.appliances', label: who, value: `same name, but MediationServerFqdn ${a.mediationServerFqdn} ≠ ${fqdn} in the ini`, at });
        }
        if (a.mediationServerIpAddress && !sameText(a.mediationServerIpAddress, ip)) {
          found.push({ fact: 'tenant.appliances', label: who, value: `same name, but MediationServerIPAddress ${a.mediationServerIpAddress} ≠ ${ip} in the ini`, at });
        }
      } else {
        if (sameText(a.mediationServerFqdn, fqdn)) found.push({ fact: 'tenant.appliances', label: who, value: `MediationServerFqdn ${a.mediationServerFqdn} is this appliance's too`, at });
        if (sameText(a.mediationServerIpAddress, ip)) found.push({ fact: 'tenant.appliances', label: who, value: `MediationServerIPAddress ${a.mediationServerIpAddress} is this appliance's too`, at });
      }
      if (found.length > 0 && firstIdentity === undefined) firstIdentity = a.identity ?? a.name;
      for (const c of found) conflicts.push(c);
    }
    if (conflicts.length > 0) {
      const names = [...new Set(conflicts.map((c) => c.label.replace(/^Registered appliance /, '')))];
      return fail(`${name} (${fqdn}, ${ip}) conflicts with ${names.join(' and ')}: ${conflicts.map((c) => c.value).join('; ')}`, [...conflicts, ...local], {
        identity: firstIdentity!,
      });
    }
    if (self) {
      const siteNote = sameSite(self.site, topo.siteName) ? '' : ` (registered in site ${self.site ?? '?'}, the ini says ${topo.siteName ?? '?'})`;
      return pass(`${name} is registered with the same Mediation Server FQDN and IP${siteNote}; no other appliance uses them`, local);
    }
    return pass(`no registered appliance uses ${name}, ${fqdn} or ${ip}: registration will not conflict`, local);
  },
  remediation: [
    {
      id: 'edit-ini',
      title: 'Either: make CloudConnector.ini match the registered appliance',
      text: 'Edit [MediationServer] ServerName/IP (and [Common] SiteName) in CloudConnector.ini in the appliance directory so they match the appliance registered for this host, then run Register-CcAppliance again. ApplianceName is the host name.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'unregister',
      title: 'Or: unregister the conflicting appliance (tenant)',
      text: 'In a Skype for Business Online PowerShell session, remove the registration that holds the name, FQDN or IP. Only do this for an appliance that no longer exists.',
      command: 'Unregister-CsHybridPSTNAppliance -Identity {identity} -Force',
      params: { identity: 'the Identity of the conflicting registered appliance (Get-CsHybridPSTNAppliance)' },
      runsOn: 'tenant',
      destructive: true,
    },
    {
      id: 'register',
      title: 'Register again',
      text: 'Run the registration again on the host.',
      command: 'Register-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
