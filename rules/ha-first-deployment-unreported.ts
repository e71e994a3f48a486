import { defineRule, fail, notApplicable, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { describeVm, isRunning, roleVms, sameSite, sameText } from './lib/appliance.js';

const finished = (status: string | null) => status !== null && /^finished$/i.test(status.trim());

export default defineRule({
  id: 'ha-first-deployment-unreported',
  title: "The site's first appliance is deployed but not reported as finished",
  family: 'deployment',
  order: 90,
  severity: 'error',
  applies: '>=1.4.1',
  symptom: 'The first appliance of an HA site failed to deploy, or deployed but was never reported',
  needs: ['tenant.appliances', 'cce.topology', 'host.name', 'hyperv.vms', 'cce.runningVersion'],
  check({ facts }) {
    const topo = facts['cce.topology'];
    const name = facts['host.name'];
    const site = facts['tenant.appliances'].filter((a) => sameSite(a.site, topo.siteName));
    const siteEvidence: EvidenceItem[] = site.map((a) => ({
      fact: 'tenant.appliances', label: `Appliance ${a.name}${a.identity ? ` (${a.identity})` : ''}`, value: `deployment status ${a.deploymentStatus ?? '(not in the output)'}`, at: `site ${a.site}`,
    }));
    if (site.length <= 1) {
      return notApplicable(`not a high-availability site: ${site.length} appliance(s) registered in site ${topo.siteName ?? '(no SiteName)'}`, siteEvidence);
    }
    const self = site.find((a) => sameText(a.name, name));
    if (!self) return notApplicable(`${name} is not registered in site ${topo.siteName}; the rule looks at this host's own deployment`, siteEvidence);
    if (site.some((a) => a.deploymentStatus === null)) {
      return unknown('the tenant appliance list has no deployment status (give Get-CsHybridPSTNAppliance output that includes it)', ['tenant.appliances']);
    }
    if (finished(self.deploymentStatus)) return pass(`${name} is marked finished in the tenant`, siteEvidence);
    const others = site.filter((a) => a !== self && finished(a.deploymentStatus));
    if (others.length > 0) {
      return notApplicable(`${name} is not the site's first appliance (${others.map((a) => a.name).join(', ')} already finished)`, siteEvidence);
    }
    const vms = roleVms(facts['hyperv.vms'], topo, facts['cce.runningVersion']);
    const running = facts['cce.runningVersion'];
    const localOk = running !== null && vms.every((a) => a.vm && isRunning(a.vm));
    const local: EvidenceItem[] = [
      { fact: 'cce.runningVersion', label: 'Local running version', value: running ?? '(empty)' },
      { fact: 'hyperv.vms', label: 'Appliance VMs', value: vms.map((a) => (a.vm ? `${a.role} ${describeVm(a.vm)}` : `${a.role} missing`)).join(', ') },
    ];
    if (!localOk) {
      return pass(`${name} is the site's first appliance and is not marked finished, but its local deployment has not succeeded either: the tenant status is right; fix the deployment (reinstall until it succeeds) before installing the others`, local);
    }
    return fail(`${name} is the first appliance of site ${topo.siteName} and its deployment succeeded locally, but the tenant has it as "${self.deploymentStatus}", not Finished`, [
      ...siteEvidence.filter((e) => e.label.startsWith(`Appliance ${self.name}`)),
      ...local,
    ], { identity: self.identity ?? self.name });
  },
  remediation: [
    {
      id: 'mark-finished',
      title: 'Mark the deployment as finished (tenant)',
      text: 'After fixing any minor cause (an external certificate issue, say), mark the first appliance as successfully deployed in a Skype for Business Online PowerShell session.',
      command: 'Set-CsCceApplianceDeploymentStatus -Identity {identity} -Action Deploy -Status Finished',
      params: { identity: 'the Identity (GUID) of the first appliance, from Get-CsHybridPSTNAppliance' },
      runsOn: 'tenant',
      destructive: false,
    },
    {
      id: 'reinstall-until-success',
      title: 'If the cause is unknown: reinstall the first appliance until it succeeds',
      text: 'Install the first appliance again until the deployment succeeds, and only then install the other appliances of the site (the reinstall-appliance procedure).',
      runsOn: 'host',
      destructive: true,
    },
  ],
});
