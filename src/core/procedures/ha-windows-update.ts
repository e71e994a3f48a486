import { APPLIANCES, SEVERAL, SINGLE } from './questions.js';
import type { Procedure } from './types.js';

/** Troubleshooting issue 5: the host restarted for Windows updates and its calls fail. */
export const haWindowsUpdate: Procedure = {
  id: 'ha-windows-update',
  title: 'Windows updates on an appliance, out of HA and back',
  summary: 'Enter-CcUpdate, install updates, restart, verify, Exit-CcUpdate',
  source: 'Troubleshoot your Cloud Connector deployment, issue 5 and "Install Windows updates manually"',
  questions: [APPLIANCES],
  steps: [
    {
      id: 'single-plan',
      title: 'Choose a time when the site may be without calls',
      text: 'Enter-CcUpdate moves one host machine out of a high availability topology; with one appliance there is no other instance to take the calls. When a host server is restarting, users will not be able to use Cloud Connector to place or receive calls: update at a time you choose to avoid disruption of services.',
      runsOn: 'operator',
      destructive: false,
      when: SINGLE,
    },
    {
      id: 'enter-update',
      title: 'Move this appliance out of HA',
      text: 'On the host server, start a PowerShell console as administrator, then run Enter-CcUpdate. The appliance is drained: existing calls complete, new calls are rejected. Make sure the remaining appliances have enough capacity.',
      command: 'Enter-CcUpdate',
      runsOn: 'host',
      appliances: 'each',
      destructive: false,
      when: SEVERAL,
    },
    {
      id: 'install-updates',
      title: 'Check for updates and install any that are available',
      text: 'On the host server and on each virtual machine open the Control Panel, select System and Security > Windows Update, and install the available updates.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'restart',
      title: 'Restart the host and the virtual machines as the updates require',
      text: 'Restart the machines the updates ask for, and wait until all virtual machines and all Skype for Business services have started.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'verify',
      title: 'Verify the appliance is healthy',
      text: 'Run ccdoctor check on this host (or the wizard\'s live check): the appliance VMs must be running and connected, and the monitored services started.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'exit-update',
      title: 'Put the appliance back into HA',
      text: 'In the PowerShell console, run Exit-CcUpdate.',
      command: 'Exit-CcUpdate',
      runsOn: 'host',
      appliances: 'each',
      destructive: false,
      when: SEVERAL,
    },
    {
      id: 'next-appliance',
      title: 'Repeat for the next appliance, one site at a time',
      text: 'Update one appliance at a time. For multi-site deployments, follow the steps for a single site for each site in the deployment, applying updates to one site at a time.',
      runsOn: 'operator',
      destructive: false,
      when: SEVERAL,
    },
  ],
};
