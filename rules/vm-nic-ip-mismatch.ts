import { defineRule, fail, notApplicable, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { DEFAULT_MANAGEMENT_PREFIX, DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH, isRunning, roleVms, sameText } from './lib/appliance.js';
import { formatSubnet, inSubnet, subnetOf } from './lib/ipv4.js';

export default defineRule({
  id: 'vm-nic-ip-mismatch',
  title: "An appliance VM's network adapter lacks its configured IP address",
  family: 'deployment',
  order: 10,
  severity: 'error',
  applies: 'all',
  symptom: "Deployment fails or hangs; a VM's management/internal/external NIC IP address is missing or wrong",
  needs: ['hyperv.vms', 'cce.topology'],
  optional: ['cce.runningVersion'],
  check({ facts }) {
    const topo = facts['cce.topology'];
    const assigned = roleVms(facts['hyperv.vms'], topo, facts['cce.runningVersion']);
    if (assigned.every((a) => !a.vm)) return notApplicable('no appliance VM (AD, CMS, Mediation, Edge) is deployed on this host');
    if (!topo.corpnetSwitch || !topo.internetSwitch) {
      return unknown('CloudConnector.ini names no CorpnetSwitchName or InternetSwitchName in [Network]', ['cce.ini']);
    }
    const expected: { role: string; ip: string; switchName: string; key: string }[] = [];
    const ips = topo.ips;
    if (ips.AD) expected.push({ role: 'AD', ip: ips.AD, switchName: topo.corpnetSwitch, key: '[Common] IP' });
    if (ips.CMS) expected.push({ role: 'CMS', ip: ips.CMS, switchName: topo.corpnetSwitch, key: '[PrimaryCMS] IP' });
    if (ips.Mediation) expected.push({ role: 'Mediation', ip: ips.Mediation, switchName: topo.corpnetSwitch, key: '[MediationServer] IP' });
    for (const ip of ips.edgeInternal) expected.push({ role: 'Edge', ip, switchName: topo.corpnetSwitch, key: '[EdgeServer] InternalServerIPs' });
    for (const ip of ips.edgeExternal) expected.push({ role: 'Edge', ip, switchName: topo.internetSwitch, key: '[EdgeServer] ExternalSIPIPs/ExternalMRIPs' });

    const mgmtSubnet = subnetOf(topo.managementPrefix ?? DEFAULT_MANAGEMENT_PREFIX, topo.managementPrefixLength ?? 24);
    const managementNames = [topo.managementSwitch ?? DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH];
    const problems: EvidenceItem[] = [];
    const checked: EvidenceItem[] = [];
    const notRunning: string[] = [];
    const unplugged: string[] = [];
    for (const a of assigned) {
      const want = expected.filter((e) => e.role === a.role);
      if (!a.vm) {
        if (want.length > 0) problems.push({ fact: 'hyperv.vms', label: `${a.role} VM`, value: `no VM found (expected one named with ${a.serverName ?? 'its ini server name'})` });
        continue;
      }
      const vm = a.vm;
      // Hyper-V reports guest IP addresses only for a running VM with integration services.
      if (!isRunning(vm)) {
        notRunning.push(`${vm.name} (${vm.state})`);
        continue;
      }
      // A management adapter (present while deploying, and before 2.0) needs an address in the management subnet.
      for (const ad of mgmtSubnet ? vm.adapters.filter((x) => managementNames.some((n) => sameText(x.switchName, n))) : []) {
        const ok = ad.ipAddresses.some((ip) => inSubnet(ip, mgmtSubnet!));
        const item: EvidenceItem = {
          fact: 'hyperv.vms', label: `${a.role} VM ${vm.name}: management adapter "${ad.name}" in ${formatSubnet(mgmtSubnet!)}`,
          value: ok ? 'present' : 'missing', at: `${ad.switchName}: ${ad.ipAddresses.join(', ') || 'no IP'}`,
        };
        (ok ? checked : problems).push(item);
      }
      for (const e of want) {
        const onSwitch = vm.adapters.filter((ad) => sameText(ad.switchName, e.switchName));
        // No adapter on the switch but one connected to no switch: vm-not-on-switch's finding (connect it),
        // not a missing address (which would send the operator to a reinstall).
        const loose = vm.adapters.find((ad) => !ad.switchName);
        if (onSwitch.length === 0 && loose) {
          const what = `${a.role} VM ${vm.name} (adapter "${loose.name || 'adapter'}" is connected to no switch: see vm-not-on-switch)`;
          if (!unplugged.includes(what)) unplugged.push(what);
          continue;
        }
        const has = onSwitch.some((ad) => ad.ipAddresses.includes(e.ip));
        const seen = vm.adapters.map((ad) => `${ad.name || 'adapter'} on ${ad.switchName ?? '(not connected)'}: ${ad.ipAddresses.join(', ') || 'no IP'}`).join('; ');
        const item: EvidenceItem = { fact: 'hyperv.vms', label: `${a.role} VM ${vm.name}: ${e.ip} (${e.key}) on ${e.switchName}`, value: has ? 'present' : 'missing', at: seen };
        (has ? checked : problems).push(item);
      }
    }
    if (problems.length > 0) {
      return fail(`${problems.length} expected VM address(es) are missing: ${problems.map((p) => p.label).join('; ')}`, [
        ...problems,
        { fact: 'cce.ini', label: 'Switches in CloudConnector.ini', value: `Corpnet: ${topo.corpnetSwitch}; Internet: ${topo.internetSwitch}` },
      ]);
    }
    if (checked.length === 0 && unplugged.length > 0) {
      return notApplicable(`the addresses cannot be checked until the adapters are connected: ${unplugged.join('; ')}${notRunning.length > 0 ? `; not running: ${notRunning.join(', ')}` : ''}`);
    }
    if (checked.length === 0) return unknown(`no role VM is running, so their IP addresses cannot be seen: ${notRunning.join(', ')}`, ['hyperv.vms']);
    const notes = [
      ...(notRunning.length > 0 ? [`not running: ${notRunning.join(', ')}`] : []),
      ...(unplugged.length > 0 ? [`not on its switch: ${unplugged.join('; ')}`] : []),
    ];
    const note = notes.length > 0 ? ` (not checked, ${notes.join('; ')})` : '';
    return pass(`every running appliance VM has its configured addresses on the right switches${note}`, checked);
  },
  remediation: [
    {
      id: 'remove-vms',
      title: 'Shut down and remove the appliance VMs',
      text: 'This cannot be fixed in place: network adapters cannot be added to running VMs. In Hyper-V Manager shut down and delete the appliance VMs (AD, CMS, Mediation, Edge).',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'uninstall',
      title: 'Uninstall the appliance',
      text: 'Removes the failed deployment from the host.',
      command: 'Uninstall-CcAppliance',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'install',
      title: 'Install the appliance again',
      text: 'Deploys the VMs again with the addresses in CloudConnector.ini; check the ini IP addresses and switch names first.',
      command: 'Install-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
