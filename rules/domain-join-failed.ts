import { defineRule, fail, pass, unknown, type DomainState, type EvidenceItem, type Topology, type VmAdapter } from '../src/core/rules/api.js';
import { vmAddress, vmLabel } from './lib/vm-services.js';

/** The role's IP in CloudConnector.ini ([PrimaryCMS] IP, [MediationServer] IP). */
const INI_IP: Record<DomainState['role'], (topo: Topology) => string | undefined> = { CMS: (t) => t.ips.CMS, Mediation: (t) => t.ips.Mediation };
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The deployment's temporary management network and APIPA addresses are not the corpnet NIC. */
const notCorpnet = (ip: string) => ip.startsWith('169.254.') || ip.startsWith('192.168.213.');

export default defineRule({
  id: 'domain-join-failed',
  title: 'CMS or Mediation Server did not join the CCE domain',
  family: 'deployment',
  order: 20,
  severity: 'error',
  applies: 'all',
  symptom: 'After AD was installed, the CMS and/or Mediation Server did not join the domain',
  needs: ['vm.domainMembership', 'cce.topology'],
  check({ facts }) {
    const topo = facts['cce.topology'];
    const domain = topo.vmDomain;
    const problems: EvidenceItem[] = [];
    const fine: EvidenceItem[] = [];
    /** Pings without an answer where other evidence shows the AD server is there: reported, not failed. */
    const notes: EvidenceItem[] = [];
    const unseen: string[] = [];
    let firstBad: { role: 'CMS' | 'Mediation'; vmName: string | null; address: string | null; adIp: string; iface?: string } | undefined;
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
      const expectedIp = INI_IP[role](topo);
      const nic = corpnetAdapter(vm.adapters, expectedIp);
      const adIp = vm.adIp;
      let dnsIsAd = false;
      if (!nic) {
        problems.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: `no valid IPv4 address${expectedIp ? ` (expected ${expectedIp})` : ''}`, at: role });
      } else {
        const ips = nic.ipv4.filter((ip) => ipv4.test(ip) && !notCorpnet(ip));
        const nicText = `${nic.name}: ${ips.join(', ')}${nic.dhcp ? ' (DHCP, not static)' : ''}; DNS ${nic.dnsServers.join(', ') || 'none'}`;
        if (!nic.dnsServers.includes(adIp) || nic.dhcp) {
          problems.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: `${nicText} (DNS must be the AD server ${adIp}, statically)`, at: role });
        } else {
          dnsIsAd = true;
          fine.push({ fact: 'vm.domainMembership', label: `${label}: corpnet NIC`, value: nicText, at: role });
        }
      }
      // A ping that gets no answer is not an IP address conflict by itself: a firewall may drop ICMP echo.
      // The catalogue's "there may be an IP address conflict" stands only when nothing shows the AD server
      // is there: the VM joined to the domain and using it for DNS, or its FQDN answering ping (then what
      // the name resolves to is the thing to check).
      const viaDomain = joined && dnsIsAd;
      const reachable = viaDomain || vm.adFqdnPing === true;
      const why = viaDomain ? `the VM is joined to ${vm.domain} and uses ${adIp} for DNS` : `${vm.adFqdn} answers ping`;
      if (vm.adFqdnPing === false) {
        if (vm.adIpPing === true) {
          problems.push({ fact: 'vm.domainMembership', label: `${label}: ping ${vm.adFqdn}`, value: `no answer while ${adIp} answers: the name does not resolve, or resolves to another address (check DNS)`, at: role });
        } else if (reachable) {
          notes.push({ fact: 'vm.domainMembership', label: `${label}: ping ${vm.adFqdn}`, value: `no answer (ICMP may be blocked by a firewall: ${why})`, at: role });
        } else {
          problems.push({ fact: 'vm.domainMembership', label: `${label}: ping ${vm.adFqdn}`, value: 'no answer', at: role });
        }
      }
      if (vm.adIpPing === false) {
        if (vm.adFqdnPing === true) {
          // The name answered from some address: if it were the AD IP, the IP would have answered too.
          notes.push({ fact: 'vm.domainMembership', label: `${label}: ping ${adIp}`, value: `no answer while ${vm.adFqdn} answers: compare the address the name resolves to with ${adIp} (Resolve-DnsName ${vm.adFqdn}); a firewall may also drop ICMP echo`, at: role });
        } else if (viaDomain) {
          notes.push({ fact: 'vm.domainMembership', label: `${label}: ping ${adIp}`, value: `no answer (ICMP may be blocked by a firewall: ${why}); not by itself an IP address conflict`, at: role });
        } else {
          problems.push({ fact: 'vm.domainMembership', label: `${label}: ping ${adIp}`, value: 'no answer: another machine may hold the AD IP (an IP address conflict), or a firewall drops ICMP echo', at: role });
        }
      }
      if (vm.adFqdnPing === true && vm.adIpPing === true) fine.push({ fact: 'vm.domainMembership', label: `${label}: ping AD`, value: `${vm.adFqdn} and ${adIp} answer`, at: role });
      if (problems.length > before && !firstBad) firstBad = { role, vmName: vm.vmName, address: vm.address ?? null, adIp, ...(nic ? { iface: nic.name } : {}) };
    }
    if (problems.length > 0) {
      return fail(problems.map((p) => `${p.label}: ${p.value}`).join('; '), [...problems, ...notes], {
        adIp: firstBad!.adIp,
        ...(firstBad!.iface ? { interfaceAlias: firstBad!.iface } : {}),
        ...(firstBad!.vmName ? { vmName: firstBad!.vmName } : {}),
        ...(vmAddress(firstBad!.role, firstBad!.address, topo) ? { vmAddress: vmAddress(firstBad!.role, firstBad!.address, topo)! } : {}),
        ...(domain ? { domain } : {}),
      });
    }
    if (unseen.length > 0) return unknown(`cannot look inside: ${unseen.join('; ')}`, ['vm.domainMembership']);
    if (notes.length > 0) {
      return pass(`CMS and Mediation Server are joined to ${domain} and use the AD server for DNS; some pings of the AD server got no answer (ICMP may be blocked by a firewall): ${notes.map((n) => n.label).join(', ')}`, [...fine, ...notes]);
    }
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
      command: 'Invoke-Command -ComputerName {vmAddress} -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($nic, $dns) Set-DnsClientServerAddress -InterfaceAlias $nic -ServerAddresses $dns } -ArgumentList {interfaceAlias}, {adIp}',
      params: { vmAddress: "the VM's address WinRM reaches it at (its IP in CloudConnector.ini; an IP must be in the host's WinRM TrustedHosts)", interfaceAlias: 'the corpnet network adapter of that VM', adIp: 'Common.IP, the AD server' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'check-ip-conflict',
      title: 'If the AD server does not answer ping: tell a firewall from an IP address conflict',
      text: 'A firewall that drops ICMP echo (on the AD server or the VM) also leaves ping unanswered. The command pings the AD IP from the CMS or Mediation Server, then shows the ARP entry for it: none means nothing answered at that address; a MAC address other than the AD VM\'s network adapter (Get-VMNetworkAdapter -VMName <AD VM> on the host) means another machine holds the IP: an IP address conflict. An answer on TCP port 389 (LDAP) shows the AD server is reachable whatever ICMP does.',
      command: 'Invoke-Command -ComputerName {vmAddress} -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($ip) ping -n 2 $ip; arp -a $ip; Test-NetConnection -ComputerName $ip -Port 389 } -ArgumentList {adIp}',
      params: { vmAddress: "the CMS or Mediation VM's address WinRM reaches it at (its IP in CloudConnector.ini; an IP must be in the host's WinRM TrustedHosts)", adIp: 'Common.IP, the AD server' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'new-ad-ip',
      title: 'On an IP address conflict: give the AD server a new IP',
      text: 'When another machine holds the AD IP, assign the AD server a new IP and update DNS on the CMS and Mediation Server to match.',
      runsOn: 'vm:AD',
      destructive: false,
    },
  ],
});

function corpnetAdapter(adapters: readonly VmAdapter[], expectedIp: string | undefined): VmAdapter | undefined {
  const valid = (a: VmAdapter) => a.ipv4.some((ip) => ipv4.test(ip) && !notCorpnet(ip));
  return (expectedIp ? adapters.find((a) => a.ipv4.includes(expectedIp)) : undefined) ?? adapters.find(valid);
}
