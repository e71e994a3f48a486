import { defineRule, displayLine, fail, monitoredServicesFor, pass, unknown, type EvidenceItem, type Topology } from '../src/core/rules/api.js';
import { reviewServices, serviceEvidence, serviceList, unreachableEvidence, vmLabel } from './lib/vm-services.js';

/** An install this long before the boot counts as the reason for the restart (Windows restarts soon after installing). */
const UPDATE_TO_BOOT_MS = 24 * 60 * 60 * 1000;

export default defineRule({
  id: 'calls-fail-after-host-update',
  title: 'The host restarted for Windows updates and the appliance is not healthy',
  family: 'host',
  order: 10,
  severity: 'critical',
  applies: 'all',
  symptom: 'The host restarted to apply Windows updates and its calls now fail',
  needs: ['host.lastBoot', 'host.recentUpdates', 'vm.services'],
  optional: ['tenant.appliances', 'cce.topology'],
  check({ facts, version }) {
    const boot = Date.parse(facts['host.lastBoot']);
    const installed = facts['host.recentUpdates'].updates
      .filter((u) => /^succeeded/i.test(u.result))
      .filter((u) => Date.parse(u.date) <= boot && boot - Date.parse(u.date) <= UPDATE_TO_BOOT_MS)
      .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
    const bootEvidence: EvidenceItem = { fact: 'host.lastBoot', label: 'Host last restarted', value: facts['host.lastBoot'] };
    if (installed.length === 0) {
      return pass('the last restart of the host did not follow a Windows update install (none in the 24 hours before it)', [bootEvidence]);
    }
    const updateEvidence: EvidenceItem = {
      fact: 'host.recentUpdates',
      label: `Updates installed before the restart (${installed.length})`,
      value: `${installed[0]!.date}: ${displayLine(installed[0]!.title, 160)}${installed.length > 1 ? ` and ${installed.length - 1} more` : ''}`,
    };
    const { matrix, note } = monitoredServicesFor(version);
    const review = reviewServices(facts['vm.services'].roles, matrix);
    const suffix = note ? ` (${note})` : '';
    const ha = siteSize(facts['tenant.appliances'], facts['cce.topology']);
    if (review.down.length > 0 || review.unreachable.length > 0) {
      const what = [
        ...(review.down.length > 0 ? [`${review.down.length} monitored service${review.down.length === 1 ? ' is' : 's are'} not running: ${serviceList(review.down)}`] : []),
        ...review.unreachable.map((r) => `the ${vmLabel(r.role, r.vmName)} is not reachable`),
      ].join('; ');
      const site = ha === undefined ? '' : ha > 1 ? `; the site has ${ha} appliances: use Enter-CcUpdate / Exit-CcUpdate for updates` : '; this is the only appliance in its site';
      return fail(`the host restarted at ${facts['host.lastBoot']} after installing updates and the appliance is not healthy: ${what}${site}${suffix}`, [
        bootEvidence, updateEvidence, ...review.down.map(serviceEvidence), ...review.unreachable.map(unreachableEvidence),
      ]);
    }
    if (review.absentRoles.length > 0) return unknown(`the services of ${review.absentRoles.join(', ')} were not collected`, ['vm.services']);
    return pass(`the host restarted after updates at ${facts['host.lastBoot']} and every monitored service runs again${suffix}`, [bootEvidence, updateEvidence]);
  },
  remediation: [
    {
      id: 'recover-now',
      title: 'Bring the appliance back',
      text: 'Check the VMs run and their monitored services start (see vm-not-running, monitored-service-down); the management service recovers the appliance at its next retry (appliance-marked-down).',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'enter-update',
      title: 'High availability: take the appliance out of the site before updating',
      text: 'With several appliances in the site, take this one out before installing updates so calls go to the others; updates on one appliance at a time.',
      command: 'Enter-CcUpdate',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'exit-update',
      title: 'High availability: put it back after updating and restarting',
      text: 'After the updates are installed and the host and VMs restarted and verified, return the appliance to the site.',
      command: 'Exit-CcUpdate',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'plan-updates',
      title: 'Control when updates restart the host',
      text: 'Let CCE install updates in its OS update window, or install them by hand at a chosen time (the manual-windows-update procedure); with WSUS, set Windows Update not to install automatically.',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});

function siteSize(appliances: { site: string | null }[] | undefined, topo: Topology | undefined): number | undefined {
  if (!appliances || !topo) return undefined;
  const site = topo.siteName?.toLowerCase();
  if (!site) return undefined;
  const norm = (s: string | null) => (s ?? '').replace(/^site:/i, '').trim().toLowerCase();
  return appliances.filter((a) => norm(a.site) === site).length;
}
