import { defineRule, fail, formatVersion, notApplicable, pass, versionRange, type EvidenceItem } from '../src/core/rules/api.js';
import { DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH, sameText } from './lib/appliance.js';

/** From 1.4.1 until 2.0 the management switch stays on purpose: automatic recovery reaches the VMs over it. */
const KEPT = versionRange('>=1.4.1 <2.0');

export default defineRule({
  id: 'management-switch-in-use',
  title: 'The management switch is still there with VMs attached',
  family: 'deployment',
  order: 30,
  severity: 'warning',
  applies: 'all',
  symptom:
    'Remove-VMSwitch fails: the management switch is in use. Not applicable from CCE 1.4.1 until 2.0: there the switch stays on purpose, because the management service reaches the VMs over it (automatic recovery), so it must not be removed',
  needs: ['hyperv.switches', 'hyperv.vms'],
  optional: ['cce.topology'],
  signatures: [
    {
      text: "Remove-VMSwitch : Failed while removing virtual Ethernet switch. The virtual switch '<name>' cannot be deleted because it is being used by running virtual machines or assigned to child pools.",
      pattern: /remove-vmswitch\s*:\s*failed while removing virtual ethernet switch\.?\s*the virtual switch\s*['‘’"“”][^'‘’"“”]+['‘’"“”]\s*cannot be deleted because it is being used by running virtual machines or assigned to child pools/i,
    },
  ],
  check({ facts, version }) {
    const configured = facts['cce.topology']?.managementSwitch;
    const names = [...new Set([configured, DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH].filter((n): n is string => !!n))];
    const sw = facts['hyperv.switches'].find((s) => names.some((n) => sameText(s.name, n)));
    const namesNote = `looked for ${names.map((n) => `"${n}"`).join(', ')}${configured ? ' (the first from [Network] ManagementSwitchName)' : ''}`;
    if (!sw) {
      return pass(`no management switch exists (${namesNote})`, [
        { fact: 'hyperv.switches', label: 'Virtual switches', value: facts['hyperv.switches'].map((s) => s.name).join(', ') || '(none)' },
      ]);
    }
    if (version && KEPT.contains(version)) {
      return notApplicable(`CCE ${formatVersion(version)} keeps "${sw.name}" on purpose: from 1.4.1 until 2.0 the management service reaches the VMs over the management switch (automatic recovery), so it is not a leftover of the deployment; do not remove it`, [
        { fact: 'hyperv.switches', label: 'Management switch', value: sw.name },
      ]);
    }
    const attached: EvidenceItem[] = [];
    for (const vm of facts['hyperv.vms']) {
      for (const ad of vm.adapters) {
        if (sameText(ad.switchName, sw.name)) {
          attached.push({ fact: 'hyperv.vms', label: `VM ${vm.name} (${vm.state})`, value: `adapter "${ad.name}" is connected to ${sw.name}` });
        }
      }
    }
    const switchEvidence: EvidenceItem = { fact: 'hyperv.switches', label: 'Management switch still present', value: sw.name, at: namesNote };
    if (attached.length > 0) {
      return fail(`the management switch "${sw.name}" was not removed after the deployment and ${attached.length} VM adapter(s) are still connected to it`, [switchEvidence, ...attached], {
        switchName: sw.name,
      });
    }
    return pass(`the management switch "${sw.name}" still exists but no VM is connected to it: Remove-VMSwitch can delete it`, [switchEvidence]);
  },
  remediation: [
    {
      id: 'disconnect-adapters',
      title: 'Disconnect the VMs from the management switch',
      text: 'Check in Hyper-V Manager which VMs are still connected to the management switch, and disconnect their adapters.',
      command: 'Get-VM | Get-VMNetworkAdapter | Where-Object { $_.SwitchName -eq {switchName} } | Disconnect-VMNetworkAdapter',
      params: { switchName: 'the management switch' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'remove-switch',
      title: 'Delete the management switch',
      text: 'The deployment normally deletes it when it finishes.',
      command: 'Remove-VMSwitch -Name {switchName} -Force',
      params: { switchName: 'the management switch' },
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'restart-and-retry',
      title: 'If it still cannot be deleted: restart the host and try again',
      text: 'Restarting the host interrupts every call on this appliance; in a site with several appliances use Enter-CcUpdate first.',
      command: 'Restart-Computer',
      runsOn: 'host',
      destructive: true,
    },
  ],
});
