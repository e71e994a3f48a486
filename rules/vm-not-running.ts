import { defineRule, fail, notApplicable, pass, type EvidenceItem } from '../src/core/rules/api.js';
import { describeVm, roleVms } from './lib/appliance.js';

const DOWN = new Set(['off', 'saved']);

export default defineRule({
  id: 'vm-not-running',
  title: 'An appliance VM is saved or off',
  family: 'monitoring',
  order: 20,
  severity: 'critical',
  applies: 'all',
  symptom: 'The management service finds an appliance VM in a saved or stopped state',
  needs: ['hyperv.vms', 'cce.topology'],
  optional: ['cce.runningVersion'],
  check({ facts }) {
    const assigned = roleVms(facts['hyperv.vms'], facts['cce.topology'], facts['cce.runningVersion']).filter((a) => a.vm);
    if (assigned.length === 0) return notApplicable('no appliance VM (AD, CMS, Mediation, Edge) is deployed on this host');
    const evidence: EvidenceItem[] = assigned.map((a) => ({
      fact: 'hyperv.vms',
      label: `${a.role} VM`,
      value: describeVm(a.vm!),
      ...(a.others.length > 0 ? { at: `other instance(s), not counted: ${a.others.map(describeVm).join(', ')}` } : {}),
    }));
    const down = assigned.filter((a) => DOWN.has(a.vm!.state.toLowerCase()));
    if (down.length > 0) {
      return fail(`${down.map((a) => `${a.role} VM ${a.vm!.name} is ${a.vm!.state}`).join('; ')}`, evidence.filter((e) => down.some((d) => e.label === `${d.role} VM`)), {
        vmName: down[0]!.vm!.name,
      });
    }
    return pass(`the appliance VMs are not saved or off: ${assigned.map((a) => describeVm(a.vm!)).join(', ')}`, evidence);
  },
  remediation: [
    {
      id: 'start-vm',
      title: 'Start the VM',
      text: 'Start each saved or stopped appliance VM (a saved VM resumes from its saved state). The management service retries recovery on its own; starting the VM yourself is quicker.',
      command: 'Start-VM -Name {vmName}',
      params: { vmName: 'the appliance VM that is saved or off' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'check-services',
      title: 'Check the appliance recovered',
      text: 'After the VMs run, the monitored services should start; if the appliance was marked down, see appliance-marked-down.',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
