import { defineRule, fail, pass } from '../src/core/rules/api.js';
import { parentPath, samePath, splitPathList } from './lib/windows-paths.js';

const SCOPES = ['process', 'user', 'machine'] as const;

/** Where Windows keeps the Machine environment variables (REG_EXPAND_SZ values keep %VARIABLES% unexpanded). */
const MACHINE_ENVIRONMENT = "'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'";

/**
 * The lasting fix, one line for Windows PowerShell 5.1 (about_PSModulePath, "Modifying PSModulePath in
 * Windows"): the value read with DoNotExpandEnvironmentNames, {modulesDir} appended once (an entry that
 * expands to it counts), written back with -Type ExpandString. A missing value starts from Windows' own
 * entry, so $PSHOME's modules are not dropped. {modulesDir} is filled in with psQuote.
 */
export const MACHINE_PATH_COMMAND =
  `$envKey = ${MACHINE_ENVIRONMENT}; $dir = {modulesDir}; ` +
  "$current = (Get-Item -LiteralPath $envKey).GetValue('PSModulePath', '', 'DoNotExpandEnvironmentNames'); " +
  "if (-not $current) { $current = '%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules' }; " +
  "if (@($current -split ';' | Where-Object { [Environment]::ExpandEnvironmentVariables($_).TrimEnd('\\') -eq $dir.TrimEnd('\\') }).Count -eq 0) " +
  "{ Set-ItemProperty -LiteralPath $envKey -Name PSModulePath -Value ($current.TrimEnd(';') + ';' + $dir) -Type ExpandString }";

export default defineRule({
  id: 'cloudconnector-module-not-found',
  title: 'The CloudConnector module is not on PSModulePath',
  family: 'powershell',
  order: 20,
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
      text:
        'Reads the Machine value from the registry unexpanded, appends the folder unless it is already there, and writes it back as ' +
        'REG_EXPAND_SZ (ExpandString), so entries such as %SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules stay variables. ' +
        "Not [Environment]::SetEnvironmentVariable(..., 'Machine') as the document has it (it also drops [Environment]:: and fails as written): " +
        "that stores the value as REG_SZ, the %…% entries stop expanding, and Windows' own modules stop loading machine-wide. " +
        'Programs started after your next sign-in see the change (the registry write does not notify running ones); until then use the step above.',
      command: MACHINE_PATH_COMMAND,
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
