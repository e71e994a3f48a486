import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import { isoTime } from './shapes.js';

export const dotnetRelease = defineFact({
  id: 'dotnet.release',
  title: '.NET Framework 4.x Release (registry DWORD)',
  schema: z.nullable(z.int().check(z.nonnegative())),
  live: {
    script: `$k = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full' -ErrorAction SilentlyContinue
if ($null -eq $k -or $null -eq $k.Release) { $null } else { [int]$k.Release }`,
  },
  checklist: {
    question: 'Which .NET Framework 4.x is installed on the host?',
    help: "(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release",
    choices: [
      { value: 'none', label: 'None / 4.0 only (no Full\\Release value)' },
      { value: '379893', label: '4.5.2' },
      { value: '393297', label: '4.6' },
      { value: '394271', label: '4.6.1' },
      { value: '394806', label: '4.6.2' },
      { value: '461814', label: '4.7.2' },
      { value: '528049', label: '4.8' },
    ],
    answer: z.string().check(z.regex(/^(none|\d+)$/)),
    toValue: (a: string) => (a === 'none' ? null : Number(a)),
  },
});

const pathList = z.nullable(z.string());

export const psModulePath = defineFact({
  id: 'ps.modulePath',
  title: 'PSModulePath in Process, User and Machine scope',
  schema: z.object({
    process: pathList,
    user: pathList,
    /** As stored, %VARIABLES% unexpanded. */
    machine: pathList,
    /** The registry value's kind: ExpandString as Windows installs it; String stops %SystemRoot% from expanding. */
    machineKind: z.optional(z.nullable(z.string())),
  }),
  live: {
    // From the registry as stored (unexpanded, with its kind), not [Environment]::GetEnvironmentVariable.
    script: `$machine = $null; $kind = $null; $user = $null
$k = Get-Item -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment' -ErrorAction Stop
if (@($k.GetValueNames()) -contains 'PSModulePath') { $machine = [string]$k.GetValue('PSModulePath', $null, 'DoNotExpandEnvironmentNames'); $kind = [string]$k.GetValueKind('PSModulePath') }
$u = Get-Item -LiteralPath 'HKCU:\\Environment' -ErrorAction SilentlyContinue
if ($null -ne $u -and @($u.GetValueNames()) -contains 'PSModulePath') { $user = [string]$u.GetValue('PSModulePath', $null, 'DoNotExpandEnvironmentNames') }
[pscustomobject]@{ process = $env:PSModulePath; user = $user; machine = $machine; machineKind = $kind }`,
  },
  checklist: {
    question: "What does [Environment]::GetEnvironmentVariable('PSModulePath', 'Machine') print on the host?",
    answer: z.string(),
    toValue: (a: string) => ({ process: null, user: null, machine: a.trim() === '' ? null : a.trim() }),
  },
});

export const cloudConnectorModule = defineFact({
  id: 'ps.cloudConnectorModule',
  title: 'CloudConnector PowerShell module folder',
  schema: z.object({
    path: z.string(),
    exists: z.boolean(),
    lastWriteTime: z.nullable(isoTime),
    /**
     * When the module's files were put on this host: their newest creation time. Files installed from an
     * MSI keep their cabinet's write times, so lastWriteTime can predate the install by months.
     */
    installedAt: z.optional(z.nullable(isoTime)),
    version: z.optional(z.nullable(z.string())),
  }),
  live: {
    script: `$p = Join-Path $env:ProgramFiles 'WindowsPowerShell\\Modules\\CloudConnector'
$i = Get-Item -LiteralPath $p -ErrorAction SilentlyContinue
if ($null -eq $i) { [pscustomobject]@{ path = $p; exists = $false; lastWriteTime = $null } }
else {
  $files = @(Get-ChildItem -LiteralPath $p -Recurse -File -ErrorAction SilentlyContinue)
  $newest = $files | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
  $created = $files | Sort-Object CreationTimeUtc -Descending | Select-Object -First 1
  $t = if ($newest) { $newest.LastWriteTimeUtc } else { $i.LastWriteTimeUtc }
  $installed = if ($created) { $created.CreationTimeUtc } else { $i.CreationTimeUtc }
  $m = Get-ChildItem -LiteralPath $p -Filter '*.psd1' -ErrorAction SilentlyContinue | Select-Object -First 1
  $v = $null
  if ($m) { $v = (Test-ModuleManifest -Path $m.FullName -ErrorAction SilentlyContinue).Version; if ($v) { $v = $v.ToString() } }
  [pscustomobject]@{ path = $i.FullName; exists = $true; lastWriteTime = $t.ToString('o'); installedAt = $installed.ToString('o'); version = $v }
}`,
  },
  checklist: {
    question: 'Does C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector exist on the host?',
    choices: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
    answer: z.enum(['yes', 'no']),
    toValue: (a: 'yes' | 'no') => ({
      path: 'C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector',
      exists: a === 'yes',
      lastWriteTime: null,
    }),
  },
});

export const moduleAnalysisCache = defineFact({
  id: 'ps.moduleAnalysisCache',
  title: 'PowerShell ModuleAnalysisCache file',
  schema: z.object({
    path: z.string(),
    exists: z.boolean(),
    size: z.nullable(z.int().check(z.nonnegative())),
    lastWriteTime: z.nullable(isoTime),
  }),
  live: {
    script: `$p = Join-Path $env:LOCALAPPDATA 'Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache'
$i = Get-Item -LiteralPath $p -Force -ErrorAction SilentlyContinue
if ($null -eq $i) { [pscustomobject]@{ path = $p; exists = $false; size = $null; lastWriteTime = $null } }
else { [pscustomobject]@{ path = $i.FullName; exists = $true; size = $i.Length; lastWriteTime = $i.LastWriteTimeUtc.ToString('o') } }`,
    // Read before anything imports a module: Windows PowerShell rewrites this file after module analysis.
    runFirst: true,
  },
  checklist: {
    question: 'When was %LOCALAPPDATA%\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache last modified? (empty if the file does not exist)',
    help: "(Get-Item \"$env:LOCALAPPDATA\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache\").LastWriteTime",
    answer: z.string().check(z.trim()),
    toValue: (a: string) => ({
      path: '%LOCALAPPDATA%\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache',
      exists: a !== '',
      size: null,
      lastWriteTime: a === '' ? null : new Date(a).toISOString(),
    }),
  },
});
