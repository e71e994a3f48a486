import { defineRule, fail, pass } from '../src/core/rules/api.js';

const STALE = /^(needs\s*remount|invalid)$/i;

export default defineRule({
  id: 'dism-stale-mount',
  title: 'A Windows image is left mounted in a broken state',
  family: 'deployment',
  order: 80,
  severity: 'error',
  applies: 'all',
  symptom: 'Install or upgrade fails dismounting a Windows image',
  needs: ['host.mountedImages'],
  signatures: [
    {
      text: 'Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1550115',
      pattern: /dismount-windowsimage\s*:\s*dismount-windowsimage failed\.?\s*error code\s*=\s*0xc1550115/i,
    },
  ],
  check({ facts }) {
    const images = facts['host.mountedImages'];
    const evidence = images.map((i) => ({
      fact: 'host.mountedImages' as const,
      label: `Mounted image at ${i.path}`,
      value: i.mountStatus,
      ...(i.imagePath ? { at: i.imagePath } : {}),
    }));
    const stale = images.filter((i) => STALE.test(i.mountStatus.trim()));
    if (stale.length > 0) {
      return fail(`${stale.length} mounted image(s) need cleaning up: ${stale.map((i) => `${i.path} (${i.mountStatus})`).join(', ')}`, evidence.filter((e) => STALE.test(e.value.trim())), {
        mountPath: stale[0]!.path,
      });
    }
    return pass(images.length === 0 ? 'no Windows image is mounted' : `every mounted image is Ok: ${images.map((i) => i.path).join(', ')}`, evidence);
  },
  remediation: [
    {
      id: 'cleanup-wim',
      title: 'Clean up the broken mounts',
      text: 'In an elevated PowerShell. Clear-WindowsCorruptMountPoint does the same. Changes inside the broken mount directories are discarded.',
      command: 'DISM /Cleanup-Wim',
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'rerun-install',
      title: 'Run the installation again, or wait for the automatic upgrade',
      text: 'Run Install-CcAppliance again, or let the automatic update retry.',
      command: 'Install-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
