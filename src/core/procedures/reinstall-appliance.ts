import type { Procedure } from './types.js';

/** Troubleshooting issue 1: a VM's NIC IP is missing or wrong; NICs cannot be added to running VMs. */
export const reinstallAppliance: Procedure = {
  id: 'reinstall-appliance',
  title: 'Reinstall the appliance',
  summary: 'Remove the VMs, Uninstall-CcAppliance, Install-CcAppliance (destructive)',
  source: 'Troubleshoot your Cloud Connector deployment, issue 1; Modify the configuration of an existing deployment',
  questions: [],
  steps: [
    {
      id: 'why',
      title: 'Check that a reinstall is what is needed',
      text: 'This issue cannot be resolved automatically: NICs cannot be added to VMs while they are running. If you also change CloudConnector.ini, follow "Modify the configuration of an existing Cloud Connector deployment" instead (Uninstall-CcAppliance, Unregister-CcAppliance, edit the ini, Import-CcConfiguration on 2.0+, Register-CcAppliance, Install-CcAppliance; Publish-CcAppliance on the other appliances).',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'remove-vms',
      title: 'Shut down and remove the appliance VMs in Hyper-V Manager',
      text: 'Please shut down and remove these VMs in Hyper-V Manager.',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'uninstall',
      title: 'Uninstall the appliance',
      text: 'Uninstalls the running Cloud Connector appliance from the host server.',
      command: 'Uninstall-CcAppliance',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'install',
      title: 'Install the appliance',
      text: 'Installs the Cloud Connector appliance, including the AD, Central Management Store, Mediation Server, and Edge Server virtual machines, on the host server.',
      command: 'Install-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'verify',
      title: 'Verify the VMs have their addresses',
      text: 'Run ccdoctor check on the host: vm-nic-ip-mismatch passes when every role VM has its expected IP on the expected switch.',
      runsOn: 'host',
      destructive: false,
    },
  ],
};
