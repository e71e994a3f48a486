import { defineRule, fail, notApplicable, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { roleVms, sameText } from './lib/appliance.js';

export default defineRule({
  id: 'vm-not-on-switch',
  title: 'An appliance VM is not connected to the Corpnet or Internet switch',
  family: 'monitoring',
  order: 10,
  severity: 'critical',
  applies: 'all',
  symptom: 'The management service finds an appliance VM not connected to the Cloud Connector corporate or Internet switch',
  needs: ['hyperv.vms', 'cce.topology'],
  optional: ['cce.runningVersion'],
  check({ facts }) {
    const topo = facts['cce.topology'];
    const assigned = roleVms(facts['hyperv.vms'], topo, facts['cce.runningVersion']).filter((a) => a.vm);
    if (assigned.length === 0) return notApplicable('no appliance VM (AD, CMS, Mediation, Edge) is deployed on this host');
    if (!topo.corpnetSwitch || !topo.internetSwitch) {
      return unknown('CloudConnector.ini names no CorpnetSwitchName or InternetSwitchName in [Network]', ['cce.ini']);
    }
    const evidence: EvidenceItem[] = [];
    const missing: { vm: string; switchName: string; adapter?: string }[] = [];
    for (const a of assigned) {
      const vm = a.vm!;
      const wanted = a.role === 'Edge' ? [topo.corpnetSwitch, topo.internetSwitch] : [topo.corpnetSwitch];
      const connected = vm.adapters.map((ad) => ad.switchName ?? '(not connected)').join(', ') || 'no adapters';
      for (const sw of wanted) {
        const ok = vm.adapters.some((ad) => sameText(ad.switchName, sw));
        evidence.push({ fact: 'hyperv.vms', label: `${a.role} VM ${vm.name} on ${sw}`, value: ok ? 'connected' : 'not connected', at: `adapters on: ${connected}` });
        if (!ok) {
          const free = vm.adapters.find((ad) => !ad.switchName);
          missing.push({ vm: vm.name, switchName: sw, ...(free ? { adapter: free.name } : {}) });
        }
      }
    }
    evidence.push({ fact: 'cce.ini', label: 'Switches in CloudConnector.ini', value: `Corpnet: ${topo.corpnetSwitch}; Internet: ${topo.internetSwitch}` });
    if (missing.length > 0) {
      const first = missing[0]!;
      return fail(missing.map((m) => `${m.vm} is not connected to ${m.switchName}`).join('; '), evidence.filter((e) => e.value !== 'connected'), {
        vmName: first.vm,
        switchName: first.switchName,
        ...(first.adapter ? { adapterName: first.adapter } : {}),
      });
    }
    return pass('every appliance VM is connected to its switches', evidence);
  },
  remediation: [
    {
      id: 'connect-adapter',
      title: 'Connect the VM adapter to the switch',
      text: 'Connect the disconnected network adapter of the VM to the switch CloudConnector.ini names (Hyper-V Manager > VM settings > Network Adapter, or the command).',
      command: 'Connect-VMNetworkAdapter -VMName {vmName} -Name {adapterName} -SwitchName {switchName}',
      params: { vmName: 'the appliance VM', adapterName: 'its unconnected network adapter', switchName: 'the Corpnet or Internet switch from CloudConnector.ini' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'check-switch-name',
      title: 'If the switch was renamed: make the names agree',
      text: 'The switch names in CloudConnector.ini [Network] must be the names of the Hyper-V switches (Get-VMSwitch).',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
