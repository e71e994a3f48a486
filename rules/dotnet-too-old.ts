import { defineRule, fail, pass } from '../src/core/rules/api.js';
import { DOTNET_461_RELEASE, dotnetName } from './lib/dotnet.js';

export default defineRule({
  id: 'dotnet-too-old',
  title: '.NET Framework older than 4.6.1 on a CCE 2.1 host',
  family: 'host',
  order: 40,
  severity: 'critical',
  applies: '>=2.1',
  symptom: "CCE 2.1 cmdlets fail: The property 'Common' cannot be found on this object",
  needs: ['dotnet.release'],
  signatures: [
    {
      text: "ForEach-Object : The property 'Common' cannot be found on this object. Verify that the property exists. At C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector\\Internal\\MtHostCommon.ps1:681 char:14",
      pattern: /the property ['‘’]common['‘’] cannot be found on this object/i,
    },
  ],
  check({ facts }) {
    const release = facts['dotnet.release'];
    const evidence = [{ fact: 'dotnet.release' as const, label: 'Installed .NET Framework', value: dotnetName(release) }];
    if (release === null || release < DOTNET_461_RELEASE) {
      return fail(`CCE 2.1 needs .NET Framework 4.6.1 or later (Release ≥ ${DOTNET_461_RELEASE}); the host has ${dotnetName(release)}`, evidence);
    }
    return pass(`${dotnetName(release)} is 4.6.1 or later`, evidence);
  },
  remediation: [
    {
      id: 'install-dotnet',
      title: 'Install .NET Framework 4.6.1 or later',
      text: 'Install .NET Framework 4.6.1 or later on the host (4.8 is the usual choice), restart if the installer asks, then run the cmdlet that failed again.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'verify-release',
      title: 'Check the installed release',
      text: 'The Release value must be 394254 or more.',
      command: "(Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release",
      runsOn: 'host',
      destructive: false,
    },
  ],
});
