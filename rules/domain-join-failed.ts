import { defineRule, fail, pass, unknown } from '../src/core/rules/define.js';
import type { EvidenceItem } from '../src/core/rules/types.js';
import { iniValue } from '../src/core/ini/read.js';
import type { DomainState, VmAdapter } from '../src/facts/vms.js';
import { vmLabel } from './lib/vm-services.js';

const INI_IP: Record<DomainState['role'], [string, string]> = { CMS: ['PrimaryCMS', 'IP'], Mediation: ['MediationServer', 'IP'] };
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The deployment's temporary management network and APIPA addresses are not the corpnet NIC. */
const notCorpnet = (ip: string) => ip.startsWith('169.254.') || ip.startsWith('192.168.213.');

export default defineRule({
  id: 'domain-join-failed',
  title: 'CMS or Mediation Server did not join the CCE domain',
  family: 'deployment',
  severity: 'error',
  applies: 'all',
  symptom: 'After AD was installed, the CMS and/or Mediation Server did not join the domain',
  needs: ['vm.domainMembership', 'cce.ini'],
  check({ facts }) {
    const ini = facts['cce.ini'];
    const domain = iniValue(ini, 'Common', 'VirtualMachineDomain')?.trim();
    const problems: EvidenceItem[] = [];
    const fine: EvidenceItem[] = [];
    const unseen: string[] = [];
    let firstBad: { vmName: string | null; adIp: string; iface?: string } | undefined;
    for (const role of ['CMS', 'Mediation'] as const) {
      const vm = facts['vm.domainMembership'].roles.find((r) => r.role === role);
      if (!vm || !vm.reachable) {
        unseen.push(`${vmLabel(role, vm?.vmName)} (${vm?.message ?? 'not collected'})`);
        continue;
      }
      const label = vmLabel(role, vm.vmName);
      const before = problems.length;
      const joined = vm.partOfDomain === true && !!vm.domain && !!domain && vm.domain.toLowerCase() === domain.toLowerCase();
      if (!joined) {
        problems.push({ fact: 'vm.domainMembership', label: `${label}: domain`, value: vm.partOfDomain ? `${vm.domain} (expected ${domain ?? 'Common.VirtualMachineDomain, which the ini lacks'})` : `not joined (expected ${domain ?? '?'})`, at: role });
      } else {
        fine.push({ fact: 'vm.domainMembership', label: `${label}: domain`, value: vm.domain!, at: role });
      }
      const expectedIp = iniValue(ini, ...INI_IP[role])?.trim();
      const nic = corpnetAdapter(vm.adapters, expectedIp);
      const adIp = vm.adIp;
      if (!nic) {
        problems.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: `no valid IPv4 address${expectedIp ? ` (expected ${expectedIp})` : ''}`, at: role });
      } else {
        const ips = nic.ipv4.filter((ip) => ipv4.test(ip) && !notCorpnet(ip));
        const nicText = `${nic.name}: ${ips.join(', ')}${nic.dhcp ? ' (DHCP, not static)' : ''}; DNS ${nic.dnsServers.join(', ') || 'none'}`;
        if (!nic.dnsServers.includes(adIp) || nic.dhcp) {
          problems.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: `${nicText} (DNS must be the AD server ${adIp}, statically)`, at: role });
        } else {
          fine.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: nicText, at: role });
        }
      }
      if (vm.adFqdnPing === false) problems.push({ fact: 'vm.domainMembership', label: `${label}: ping ${vm.adFqdn}`, value: 'no answer', at: role });
      if (vm.adIpPing === false) {
        problems.push({ fact: 'vm.domainMembership', label: `${label}: ping ${adIp}`, value: 'no answer (another machine may hold the AD IP: an IP address conflict)', at: role });
      }
      if (vm.adFqdnPing === true && vm.adIpPing === true) fine.push({ fact: 'vm.domainMembership', label: `${label}: ping AD`, value: `${vm.adFqdn} and ${adIp} answer`, at: role });
      if (problems.length > before && !firstBad) firstBad = { vmName: vm.vmName, adIp, ...(nic ? { iface: nic.name } : {}) };
    }
    if (problems.length > 0) {
      return fail(problems.map((p) => `${p.label}: ${p.value}`).join('; '), problems, {
        adIp: firstBad!.adIp,
        ...(firstBad!.iface ? { interfaceAlias: firstBad!.iface } : {}),
        ...(firstBad!.vmName ? { vmName: firstBad!.vmName } : {}),
        ...(domain ? { domain } : {}),
      });
    }
    if (unseen.length > 0) return unknown(`cannot look inside: ${unseen.join('; ')}`, ['vm.domainMembership']);
    return pass(`CMS and Mediation Server are joined to ${domain}, use the AD server for DNS and reach it`, fine);
  },
  remediation: [
    {
      id: 'verify-domain',
      title: 'On the AD server: verify the domain was created',
      text: 'Log on to the AD VM and check the domain named in Common.VirtualMachineDomain exists and the domain controller runs.',
      command: 'Get-ADDomain -Identity {domain}',
      params: { domain: 'Common.VirtualMachineDomain from CloudConnector.ini' },
      runsOn: 'vm:AD',
      destructive: false,
    },
    {
      id: 'fix-ip-dns',
      title: 'On the CMS / Mediation Server: static corpnet IP, DNS = the AD server',
      text: "Give the VM's corpnet NIC its static IP from CloudConnector.ini and set its DNS server to the AD server IP. The command sets the DNS server from the host (log on with the VM's local Administrator while it is not in the domain).",
      command: 'Invoke-Command -VMName {vmName} -Credential (Get-Credential) -ScriptBlock { param($nic, $dns) Set-DnsClientServerAddress -InterfaceAlias $nic -ServerAddresses $dns } -ArgumentList {interfaceAlias}, {adIp}',
      params: { vmName: 'the Hyper-V name of the VM', interfaceAlias: 'the corpnet network adapter of that VM', adIp: 'Common.IP, the AD server' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'new-ad-ip',
      title: 'If the AD server does not answer ping: give it a new IP',
      text: 'No answer by IP suggests an IP address conflict. Assign the AD server a new IP and update DNS on the CMS and Mediation Server to match.',
      runsOn: 'vm:AD',
      destructive: false,
    },
  ],
});

function corpnetAdapter(adapters: readonly VmAdapter[], expectedIp: string | undefined): VmAdapter | undefined {
  const valid = (a: VmAdapter) => a.ipv4.some((ip) => ipv4.test(ip) && !notCorpnet(ip));
  return (expectedIp ? adapters.find((a) => a.ipv4.includes(expectedIp)) : undefined) ?? adapters.find(valid);
}
