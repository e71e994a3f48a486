import { APPLIANCES, SEVERAL } from './questions.js';
import type { Procedure } from './types.js';

/** "Install Windows updates manually" (troubleshooting issue 18 and the section after the issues). */
export const manualWindowsUpdate: Procedure = {
  id: 'manual-windows-update',
  title: 'Install Windows updates by hand',
  summary: 'Update the host and its VMs by hand at a time you choose',
  source: 'Troubleshoot your Cloud Connector deployment, issue 18 and "Install Windows updates manually"',
  questions: [APPLIANCES],
  steps: [
    {
      id: 'plan',
      title: 'Choose the time',
      text: 'Checking for and installing Windows updates may require a server restart, and while a host server restarts users cannot place or receive calls. Plan on updating the host server and the virtual machines running on it at the same time to minimise down time. If updates come from WSUS, configure Windows Update not to install automatically.',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'open-console',
      title: 'Open a PowerShell console as administrator on the host',
      text: 'On each host server, open a PowerShell console as administrator.',
      runsOn: 'host',
      appliances: 'each',
      destructive: false,
      when: SEVERAL,
    },
    {
      id: 'enter-update',
      title: 'Remove the instance from HA',
      text: 'The instance being updated and restarted cannot be accessed by users during the updates: remove it from HA while you apply the updates.',
      command: 'Enter-CcUpdate',
      runsOn: 'host',
      appliances: 'each',
      destructive: false,
      when: SEVERAL,
    },
    {
      id: 'update-host',
      title: 'Update the host server',
      text: 'Connect to the host server and open the Control Panel. Select System and Security > Windows Update, and then manage the updates and server restarts as appropriate for your environment.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'update-vms',
      title: 'Update each virtual machine',
      text: 'Connect to each virtual machine (AD, CMS, Mediation, Edge) and open the Control Panel. Select System and Security > Windows Update, and then configure the updates and server restarts as appropriate.',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'verify',
      title: 'Verify the appliance is healthy',
      text: 'Wait until all virtual machines and all Skype for Business services have started after the updates, then run ccdoctor check on this host.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'exit-update',
      title: 'Set the instance back to HA',
      text: 'Set the instance back to HA with Exit-CcUpdate.',
      command: 'Exit-CcUpdate',
      runsOn: 'host',
      appliances: 'each',
      destructive: false,
      when: SEVERAL,
    },
    {
      id: 'one-site-at-a-time',
      title: 'Next appliance; one site at a time',
      text: 'Repeat for the other appliances of the site. For multi-site deployments, follow the steps for a single site for each site in the deployment, applying updates to one site at a time.',
      runsOn: 'operator',
      destructive: false,
      when: SEVERAL,
    },
  ],
};
