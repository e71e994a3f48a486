import { defineRule, fail, pass } from '../src/core/rules/define.js';
import { parentPath, samePath, splitPathList } from './lib/windows-paths.js';

const SCOPES = ['process', 'user', 'machine'] as const;

export default defineRule({
  id: 'cloudconnector-module-not-found',
  title: 'The CloudConnector module is not on PSModulePath',
  family: 'powershell',
  severity: 'error',
  applies: 'all',
  symptom: 'Import-Module CloudConnector finds no module',
  needs: ['ps.cloudConnectorModule', 'ps.modulePath'],
  optional: ['host.env'],
  signatures: [
    {
      text: "Import-Module : The specified module 'CloudConnector' was not loaded because no valid module file was found in any module directory.",
      pattern: /import-module ?: the specified module ["'‘’“”]cloudconnector["'‘’“”] was not loaded because no valid module file was found in any module directory/i,
    },
  ],
  check({ facts }) {
    const mod = facts['ps.cloudConnectorModule'];
    const env = facts['host.env'] ?? {};
    const paths = facts['ps.modulePath'];
    if (!mod.exists) {
      return fail(`the module folder ${mod.path} does not exist: the CloudConnector MSI is not (fully) installed`, [
        { fact: 'ps.cloudConnectorModule', label: 'Module folder', value: `${mod.path} (absent)` },
      ]);
    }
    const parent = parentPath(mod.path);
    const evidence = SCOPES.map((scope) => {
      const entries = splitPathList(paths[scope]);
      const holds = entries.some((e) => samePath(e, parent, env));
      return { fact: 'ps.modulePath' as const, label: `PSModulePath (${scope})`, value: paths[scope] ?? '(not set)', at: holds ? `holds ${parent}` : `lacks ${parent}` };
    });
    const holding = SCOPES.filter((scope) => splitPathList(paths[scope]).some((e) => samePath(e, parent, env)));
    const moduleEvidence = { fact: 'ps.cloudConnectorModule' as const, label: 'Module folder', value: mod.path };
    if (holding.length === 0) {
      return fail(`${mod.path} exists but no PSModulePath scope (Process, User, Machine) holds ${parent}`, [moduleEvidence, ...evidence], {
        modulesDir: parent,
      });
    }
    return pass(`${parent} is on PSModulePath (${holding.join(', ')})`, [moduleEvidence, ...evidence]);
  },
  remediation: [
    {
      id: 'session-path',
      title: 'This session: add the modules folder to PSModulePath',
      text: 'Makes Import-Module CloudConnector work in the current PowerShell window only.',
      command: "$env:PSModulePath = $env:PSModulePath + ';' + {modulesDir}",
      params: { modulesDir: 'the folder that holds the CloudConnector module' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'machine-path',
      title: 'Lasting: append it to the Machine PSModulePath',
      text: "Reads the Machine value unexpanded (so %SystemRoot% and the like stay variables) and writes it back with the folder appended. The document's own command drops [Environment]:: and fails as written. Open a new PowerShell afterwards.",
      command:
        "$current = (Get-Item -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment').GetValue('PSModulePath', '', 'DoNotExpandEnvironmentNames'); [Environment]::SetEnvironmentVariable('PSModulePath', $current + ';' + {modulesDir}, 'Machine')",
      params: { modulesDir: 'the folder that holds the CloudConnector module' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'reinstall-msi',
      title: 'If the module folder is missing: reinstall the CloudConnector MSI',
      text: 'Download CloudConnector.msi (https://aka.ms/CloudConnectorInstaller) and install it again; it puts the module in %ProgramFiles%\\WindowsPowerShell\\Modules\\CloudConnector.',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
