import { defineRule, fail, iniEntry, iniSection, pass } from '../src/core/rules/api.js';

export default defineRule({
  id: 'ini-state-missing',
  title: 'CloudConnector.ini [Common] has no State line',
  family: 'deployment',
  order: 70,
  severity: 'error',
  applies: '2.1',
  symptom: 'Install-CcAppliance fails on the State key',
  needs: ['cce.ini'],
  signatures: [
    { text: 'Failed to install new instance with error: Cannot set "State" because only strings can be used as values to set XmlNode properties' },
  ],
  check({ facts }) {
    const ini = facts['cce.ini'];
    const common = iniSection(ini, 'Common');
    if (!common) {
      return fail(`${ini.path} has no [Common] section, so it has no State line either`, [
        { fact: 'cce.ini', label: '[Common] section', value: 'absent' },
      ]);
    }
    const state = iniEntry(ini, 'Common', 'State');
    if (!state) {
      return fail(`[Common] in ${ini.path} has no State line (an empty "State=" is enough)`, [
        { fact: 'cce.ini', label: '[Common] State line', value: 'absent', at: `[Common] at line ${common.line}` },
      ], { iniPath: ini.path });
    }
    return pass(`[Common] has a State line${state.value === '' ? ' (empty, which is allowed)' : ''}`, [
      { fact: 'cce.ini', label: '[Common] State', value: state.value === '' ? '(empty)' : state.value, at: `line ${state.line}` },
    ]);
  },
  remediation: [
    {
      id: 'add-state-line',
      title: 'Add a State line under [Common]',
      text: 'Add "State=" (a value such as State=WA is optional) under [Common] in CloudConnector.ini, keep the rest of the file as it is, then run Install-CcAppliance again. The value may be empty; the line may not be missing. Or let ccdoctor do it, with a backup, as the command does: it shows the change and asks before writing (add --state WA for a value, --dry-run to only see the change).',
      command: 'npx ccdoctor fix ini-state-missing --ini {iniPath}',
      params: { iniPath: 'the CloudConnector.ini the check read' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'rerun-install',
      title: 'Run Install-CcAppliance again',
      text: 'After saving the file, run the installation again in an elevated PowerShell.',
      command: 'Install-CcAppliance',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
