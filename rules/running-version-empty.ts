import { defineRule, fail, pass, type EvidenceItem, type IniDocument } from '../src/core/rules/api.js';
import { roleVms } from './lib/appliance.js';

function entries(doc: IniDocument): Map<string, { key: string; value: string }> {
  const out = new Map<string, { key: string; value: string }>();
  for (const s of [{ name: '', entries: doc.global }, ...doc.sections]) {
    for (const e of s.entries) {
      const key = s.name ? `[${s.name}] ${e.key}` : e.key;
      out.set(key.toLowerCase(), { key, value: e.value });
    }
  }
  return out;
}

const shown = (e: { value: string } | undefined) => (e === undefined ? '(absent)' : e.value.trim() === '' ? '(empty)' : e.value.trim());

export default defineRule({
  id: 'running-version-empty',
  title: 'Get-CcRunningVersion is empty, or the two module.ini files disagree',
  family: 'deployment',
  order: 50,
  severity: 'error',
  // The catalogue: upgrades from 1.3.4/1.3.8 to 1.4.1 or later.
  applies: '>=1.4.1',
  symptom: 'Get-CcRunningVersion returns nothing although an appliance is deployed',
  needs: ['cce.runningVersion', 'hyperv.vms'],
  optional: ['cce.moduleIni', 'cce.moduleIni.userProfile', 'cce.topology'],
  check({ facts }) {
    const running = facts['cce.runningVersion'];
    const vms = facts['hyperv.vms'];
    const topo = facts['cce.topology'];
    const applianceVms = topo ? roleVms(vms, topo).filter((a) => a.vm).map((a) => a.vm!.name) : vms.map((v) => v.name);
    const evidence: EvidenceItem[] = [
      { fact: 'cce.runningVersion', label: 'Get-CcRunningVersion', value: running ?? '(empty)' },
      { fact: 'hyperv.vms', label: 'Deployed appliance VMs', value: applianceVms.join(', ') || '(none)' },
    ];
    const problems: string[] = [];
    if (running === null && applianceVms.length > 0) problems.push(`Get-CcRunningVersion is empty while ${applianceVms.length} appliance VM(s) exist`);

    // Each module.ini as read (present only when the file exists and its content was collected).
    const programData = facts['cce.moduleIni'];
    const userProfile = facts['cce.moduleIni.userProfile'];
    if (programData && userProfile) {
      const a = entries(userProfile);
      const b = entries(programData);
      const keys = [...new Set([...a.keys(), ...b.keys()])];
      const differing = keys.filter((k) => a.get(k)?.value.trim() !== b.get(k)?.value.trim());
      for (const k of differing) {
        evidence.push({
          fact: 'file.moduleIni.programData',
          label: `module.ini ${a.get(k)?.key ?? b.get(k)?.key}`,
          value: `%ProgramData%: ${shown(b.get(k))}; %UserProfile%: ${shown(a.get(k))}`,
          at: `${programData.path} vs ${userProfile.path}`,
        });
      }
      if (differing.length > 0) problems.push(`the module.ini files in %ProgramData% and %UserProfile% differ in ${differing.length} key(s)`);
    }
    if (problems.length > 0) return fail(problems.join('; '), evidence, { ...(programData ? { moduleIniPath: programData.path } : {}) });
    if (running === null) return pass('Get-CcRunningVersion is empty, but no appliance is deployed on this host', evidence);
    return pass(`Get-CcRunningVersion returns ${running}${userProfile ? ' and both module.ini files agree' : ''}`, evidence);
  },
  remediation: [
    {
      id: 'delete-programdata-module-ini',
      title: 'Delete the %ProgramData% module.ini',
      text: 'Register-CcAppliance migrates module.ini from %UserProfile%\\CloudConnector to %ProgramData%\\CloudConnector; when it was skipped after the upgrade a fresh module.ini replaced the 1.3.x running/backup versions. Delete it so the migration runs again.',
      command: 'Remove-Item -LiteralPath {moduleIniPath}',
      params: { moduleIniPath: 'the module.ini in %ProgramData%\\CloudConnector' },
      runsOn: 'host',
      destructive: true,
    },
    {
      id: 'register',
      title: 'Run Register-CcAppliance again',
      text: 'Registers the appliance and migrates module.ini.',
      command: 'Register-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'edit-by-hand',
      title: 'Or: correct the running and backup versions by hand',
      text: 'Edit %ProgramData%\\CloudConnector\\module.ini so its running and backup versions are those of the %UserProfile% copy.',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
