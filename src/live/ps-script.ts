/**
 * The PowerShell the live provider runs, and the standalone collector script, both generated from the
 * facts' probe definitions. Everything here must run on Windows PowerShell 5.1 (test/live lints it).
 *
 * Each probe runs in its own pipeline of a RunspacePool ([powershell]::Create() + BeginInvoke), so one
 * slow or hung probe costs only its own time limit: the main loop polls the handles, stops a pipeline
 * that overruns (BeginStop, never waiting on it) and reports it as a timeout.
 */
import { psQuote } from '../core/powershell/quote.js';
import type { PlannedProbe } from './probes.js';
import { PS_CLOUDCONNECTOR } from '../facts/ps-cloudconnector.js';

export const FRAME = '#ccdoctor:';
/** The marker in front of each probe in the generated script; the fake PowerShell of the tests reads it. */
export const PROBE_MARKER = '#ccdoctor-probe ';

export interface ProbeMarker {
  id: string;
  requiresAdmin: boolean;
  timeoutMs: number;
  credential: boolean;
  tenant: boolean;
}

export interface VmCredential {
  user: string;
  password: string;
}

/**
 * The script block text a probe runs as, in its own runspace: the value as JSON, or the error.
 * `$ErrorActionPreference = 'Stop'` is set in the probe's own scope (the `& { }`), never in the runspace's
 * global scope: script modules such as CloudConnector read preference variables from the global scope,
 * and must behave under ccdoctor exactly as they do for an operator.
 */
export function probeWrapper(script: string, id?: string): string {
  return [
    'param($cred)',
    ...(id ? [`# ccdoctor probe ${id.replace(/[^\w.-]/g, '_')}`] : []),
    "$ProgressPreference = 'SilentlyContinue'",
    'try {',
    '  $ccdValue = & {',
    "    $ErrorActionPreference = 'Stop'",
    "    $WarningPreference = 'SilentlyContinue'",
    script,
    '  }',
    "  if ($null -eq $ccdValue) { $ccdJson = 'null' } else { $ccdJson = ConvertTo-Json -InputObject $ccdValue -Depth 8 -Compress }",
    "  @{ status = 'ok'; json = $ccdJson }",
    '} catch {',
    "  @{ status = 'error'; message = $_.Exception.Message; at = [string]$_.InvocationInfo.PositionMessage; type = $_.Exception.GetType().FullName; hresult = $_.Exception.HResult }",
    '}',
  ].join('\n');
}

/** A string expression for the text: a literal when it is ASCII, else decoded from base64 (PS 5.1 reads a BOM-less .ps1 as ANSI). */
export function psText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7F]*$/.test(text)) return psQuote(text);
  return `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}'))`;
}

function probeTable(probes: readonly PlannedProbe[]): string {
  const rows = probes.map((p) => {
    const marker: ProbeMarker = { id: p.id, requiresAdmin: p.requiresAdmin, timeoutMs: p.timeoutMs, credential: p.usesCredential, tenant: p.tenant };
    return [
      `${PROBE_MARKER}${JSON.stringify(marker)}`,
      `[pscustomobject]@{ id = ${psQuote(p.id)}; admin = $${p.requiresAdmin}; cred = $${p.usesCredential}; tenant = $${p.tenant}; timeoutMs = ${p.timeoutMs}; group = ${psQuote(p.group)}; script = ${psText(probeWrapper(p.probe.script, p.id))} }`,
    ].join('\n');
  });
  return `$ccdProbes = @(\n${rows.join('\n')}\n)`;
}

/** The environment variable the VM administrator's password travels in: never in a script's text. */
export const VM_PASSWORD_ENV = 'CCDOCTOR_VM_PASSWORD';

/**
 * First thing a script does: the given password (if any) becomes a SecureString and leaves the process
 * environment, before any command runs (a child process, e.g. csc.exe for Add-Type, would inherit it).
 */
const TAKE_PASSWORD = `$ccdGivenSecure = $null
$ccdPasswordText = [Environment]::GetEnvironmentVariable('${VM_PASSWORD_ENV}')
[Environment]::SetEnvironmentVariable('${VM_PASSWORD_ENV}', $null)
if ($ccdPasswordText) {
  $ccdGivenSecure = New-Object System.Security.SecureString
  foreach ($ch in $ccdPasswordText.ToCharArray()) { $ccdGivenSecure.AppendChar($ch) }
  $ccdGivenSecure.MakeReadOnly()
}
$ccdPasswordText = $null`;

/**
 * Elevation, process bitness, the VM credential, and the entry builder; shared by both scripts.
 * `$ccdSimulatedHost` is set only by the simulated host of the tests (test/sim-host), before this script
 * runs: Linux pwsh can neither be elevated nor load Windows modules, so the simulator says what the host
 * is and which modules every probe runspace gets. On a real host nothing sets it.
 */
function prelude(needCredential: boolean, credentialHint: string, givenUser: string | undefined): string {
  const lines = [
    "$ErrorActionPreference = 'Continue'",
    "$ProgressPreference = 'SilentlyContinue'",
    '$ccdAdmin = $false',
    '$ccdIs64Process = [Environment]::Is64BitProcess',
    '$ccdIs64Os = [Environment]::Is64BitOperatingSystem',
    '$ccdProbeModules = @()',
    'if ($null -ne $ccdSimulatedHost) {',
    '  $ccdAdmin = [bool]$ccdSimulatedHost.admin',
    '  if ($null -ne $ccdSimulatedHost.is64BitProcess) { $ccdIs64Process = [bool]$ccdSimulatedHost.is64BitProcess }',
    '  $ccdProbeModules = @($ccdSimulatedHost.modules)',
    '} else {',
    '  try { $ccdAdmin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) } catch { $ccdAdmin = $false }',
    '}',
    // A 32-bit PowerShell on 64-bit Windows sees a redirected System32 and Program Files: no Hyper-V cmdlets,
    // no CloudConnector module. Its answers would be wrong diagnoses, so it collects nothing.
    "$ccdWrongBitness = ''",
    "if ($ccdIs64Os -and -not $ccdIs64Process) { $ccdWrongBitness = 'this is a 32-bit PowerShell on 64-bit Windows: Hyper-V and the CloudConnector module are invisible to it. Run the 64-bit one: %SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe (from a 32-bit program: %SystemRoot%\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe)' }",
    '$cred = $null',
    "$ccdCredState = 'not-needed'",
    "$ccdCredMessage = ''",
  ];
  if (needCredential) {
    lines.push(
      PS_CLOUDCONNECTOR,
      "$ccdCredState = 'none'",
      // The password comes from the environment, is turned into a SecureString at once, and the variable is
      // cleared before any probe runspace exists: no secret is ever part of a script's text.
      givenUser !== undefined ? `$ccdGivenUser = ${psQuote(givenUser)}` : '$ccdGivenUser = $null',
      `if ($null -ne $ccdGivenCredential) { $cred = $ccdGivenCredential; $ccdCredState = 'given' }
elseif ($ccdGivenUser) {
  $cred = New-Object System.Management.Automation.PSCredential -ArgumentList $ccdGivenUser, $ccdGivenSecure
  $ccdCredState = 'given'
}
elseif ($(try { Use-CcdCloudConnector; $true } catch { $false }) -and (Get-Command Get-CcCredential -ErrorAction SilentlyContinue)) {
  try {
    $ccdStored = Get-CcCredential -AccountType VmAdmin -ErrorAction Stop
    if ($ccdStored -is [System.Management.Automation.PSCredential]) { $cred = $ccdStored; $ccdCredState = 'stored' }
    else { $ccdCredMessage = 'Get-CcCredential -AccountType VmAdmin returned no credential' }
  } catch { $ccdCredMessage = 'Get-CcCredential -AccountType VmAdmin failed: ' + $_.Exception.Message }
}
else { $ccdCredMessage = 'the CloudConnector module (Get-CcCredential) is not available' }
if ($null -eq $cred) { $ccdCredMessage = 'needs the VM administrator credential: ' + $ccdCredMessage + '. ' + ${psQuote(credentialHint)} }`,
    );
  }
  lines.push(`function ConvertTo-CcdEntry([string]$Id, [string]$Status, [string]$Json, [int64]$Ms, [string]$Message, [string]$Raw) {
  $parts = New-Object 'System.Collections.Generic.List[string]'
  $parts.Add('"status":"' + $Status + '"')
  if ($Status -eq 'ok') { $parts.Add('"value":' + $Json) }
  if ($Message) { $parts.Add('"message":' + (ConvertTo-Json -InputObject $Message -Depth 1 -Compress)) }
  if ($Raw) { $parts.Add('"raw":' + (ConvertTo-Json -InputObject $Raw -Depth 1 -Compress)) }
  $parts.Add('"source":"command"')
  $parts.Add('"ref":' + (ConvertTo-Json -InputObject ('probe ' + $Id) -Depth 1 -Compress))
  $parts.Add('"collectedAt":"' + [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [Globalization.CultureInfo]::InvariantCulture) + '"')
  $parts.Add('"durationMs":' + [string]$Ms)
  '{' + ($parts -join ',') + '}'
}`);
  return lines.join('\n');
}

/** Runs the `runFirst` probes at once, in this runspace, before anything can look a command up. */
function earlyProbes(probes: readonly PlannedProbe[]): string {
  const lines = ['$ccdEarly = @{}'];
  for (const p of probes.filter((q) => q.runFirst)) {
    lines.push(`$ccdClock = [Diagnostics.Stopwatch]::StartNew()
$ccdEarlyOut = @(& ([scriptblock]::Create(${psText(probeWrapper(p.probe.script, p.id))})) $null)
$ccdEarly[${psQuote(p.id)}] = @{ out = $(if ($ccdEarlyOut.Count -gt 0) { $ccdEarlyOut[$ccdEarlyOut.Count - 1] } else { $null }); ms = $ccdClock.ElapsedMilliseconds }`);
  }
  return lines.join('\n');
}

/**
 * Runs every probe of $ccdProbes and calls `& $ccdOnResult $id $entryJson` as each one ends.
 * $ccdDeadlineMs bounds the whole run; $ccdSkipTenant leaves tenant probes out.
 *
 * Probes of the group 'cloudconnector' (those that call the CloudConnector module's cmdlets) share one
 * runspace and run one after another: the module is imported once, as in an operator's own session,
 * instead of in a dozen runspaces at once. The others run side by side in a pool.
 */
const RUN_LOOP = `$ccdNotAdmin = 'needs Administrator: run PowerShell as Administrator (right-click, Run as administrator) and try again'
$ccdTotal = [Diagnostics.Stopwatch]::StartNew()
$ccdIss = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
# Execution policies exist only on Windows (elsewhere a pool with one set does not open).
if ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { $ccdIss.ExecutionPolicy = [Microsoft.PowerShell.ExecutionPolicy]::Bypass }
if ($ccdProbeModules.Count -gt 0) { [void]$ccdIss.ImportPSModule([string[]]$ccdProbeModules) }
$ccdMax = [Math]::Max(1, [Math]::Min(32, @($ccdProbes).Count))
# No console host for the probes: a probe's Write-Host must not break into the result lines, nor may one prompt.
$ccdPools = @{ '' = [runspacefactory]::CreateRunspacePool($ccdIss); 'cloudconnector' = [runspacefactory]::CreateRunspacePool($ccdIss) }
$ccdLimit = @{ '' = $ccdMax; 'cloudconnector' = 1 }
$ccdPools[''].Open()
[void]$ccdPools[''].SetMaxRunspaces($ccdMax)
$ccdPools['cloudconnector'].Open()
[void]$ccdPools['cloudconnector'].SetMaxRunspaces(1)
$ccdRunning = New-Object System.Collections.ArrayList
$ccdQueue = New-Object System.Collections.ArrayList
foreach ($p in $ccdProbes) {
  if ($ccdWrongBitness) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'error' '' 0 $ccdWrongBitness ''); continue }
  if ($ccdEarly.ContainsKey($p.id)) {
    $e = $ccdEarly[$p.id]
    if ($null -eq $e.out) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'error' '' $e.ms 'the probe returned nothing' '') }
    elseif ($e.out.status -eq 'ok') { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'ok' $e.out.json $e.ms '' '') }
    else { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'error' '' $e.ms $e.out.message $e.out.at) }
    continue
  }
  if ($p.tenant -and $ccdSkipTenant) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'missing' '' 0 $ccdTenantMessage ''); continue }
  if ($p.admin -and -not $ccdAdmin) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'denied' '' 0 $ccdNotAdmin ''); continue }
  if ($p.cred -and $null -eq $cred) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'missing' '' 0 $ccdCredMessage ''); continue }
  [void]$ccdQueue.Add($p)
}
function Get-CcdBusy([string]$Group) { @($ccdRunning | Where-Object { $_.probe.group -eq $Group }).Count }
while ($ccdRunning.Count -gt 0 -or $ccdQueue.Count -gt 0) {
  # Started only when a runspace of its group is free, so a probe's clock never counts time spent waiting for one.
  foreach ($p in @($ccdQueue)) {
    if ($ccdTotal.ElapsedMilliseconds -ge $ccdDeadlineMs) { break }
    if ((Get-CcdBusy $p.group) -ge $ccdLimit[$p.group]) { continue }
    $ccdQueue.Remove($p)
    try {
      $ps = [powershell]::Create()
      $ps.RunspacePool = $ccdPools[$p.group]
      [void]$ps.AddScript($p.script).AddArgument($cred)
      $handle = $ps.BeginInvoke()
      [void]$ccdRunning.Add([pscustomobject]@{ probe = $p; ps = $ps; handle = $handle; clock = [Diagnostics.Stopwatch]::StartNew() })
    } catch {
      & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'error' '' 0 ('the probe could not be started: ' + $_.Exception.Message) '')
    }
  }
  if ($ccdTotal.ElapsedMilliseconds -ge $ccdDeadlineMs) {
    foreach ($q in @($ccdQueue)) {
      $ccdQueue.Remove($q)
      & $ccdOnResult $q.id (ConvertTo-CcdEntry $q.id 'timeout' '' 0 ('not started: the whole run reached its time limit of ' + [string]$ccdDeadlineMs + ' ms') '')
    }
  }
  foreach ($r in @($ccdRunning)) {
    $ms = $r.clock.ElapsedMilliseconds
    if ($r.handle.IsCompleted) {
      $entry = $null
      try {
        $out = $r.ps.EndInvoke($r.handle)
        $o = $null
        if ($out.Count -gt 0) { $o = $out[$out.Count - 1] }
        if ($null -eq $o) { $entry = ConvertTo-CcdEntry $r.probe.id 'error' '' $ms 'the probe returned nothing' '' }
        elseif ($o.status -eq 'ok') { $entry = ConvertTo-CcdEntry $r.probe.id 'ok' $o.json $ms '' '' }
        else { $entry = ConvertTo-CcdEntry $r.probe.id 'error' '' $ms $o.message $o.at }
      } catch {
        $entry = ConvertTo-CcdEntry $r.probe.id 'error' '' $ms $_.Exception.Message ''
      }
      $r.ps.Dispose()
      $ccdRunning.Remove($r)
      & $ccdOnResult $r.probe.id $entry
    }
    elseif ($ms -ge $r.probe.timeoutMs -or $ccdTotal.ElapsedMilliseconds -ge $ccdDeadlineMs) {
      [void]$r.ps.BeginStop($null, $null)
      $ccdRunning.Remove($r)
      if ($r.probe.group -eq 'cloudconnector' -and $ccdTotal.ElapsedMilliseconds -lt $ccdDeadlineMs) {
        # Its one runspace stays busy until the stop takes effect, which a blocked .NET call may never do:
        # the next probes of the group get a fresh runspace instead of waiting behind it (and timing out).
        try { [void]$ccdPools['cloudconnector'].BeginClose($null, $null) } catch { $null = $_ }
        $ccdPools['cloudconnector'] = [runspacefactory]::CreateRunspacePool($ccdIss)
        $ccdPools['cloudconnector'].Open()
        [void]$ccdPools['cloudconnector'].SetMaxRunspaces(1)
      }
      $why = 'no answer within ' + [string]$r.probe.timeoutMs + ' ms (stopped)'
      if ($ms -lt $r.probe.timeoutMs) { $why = 'the whole run reached its time limit of ' + [string]$ccdDeadlineMs + ' ms (stopped)' }
      & $ccdOnResult $r.probe.id (ConvertTo-CcdEntry $r.probe.id 'timeout' '' $ms $why '')
    }
  }
  if ($ccdRunning.Count -gt 0) { Start-Sleep -Milliseconds 15 }
}
# The VM probes share the cloudconnector runspace and its WinRM sessions: close them (bounded wait).
try {
  $ccdClose = [powershell]::Create()
  $ccdClose.RunspacePool = $ccdPools['cloudconnector']
  [void]$ccdClose.AddScript('if ($global:ccdVmSessions) { foreach ($s in @($global:ccdVmSessions.Values)) { Remove-PSSession -Session $s -ErrorAction SilentlyContinue } }')
  [void]$ccdClose.BeginInvoke().AsyncWaitHandle.WaitOne(5000)
} catch { $null = $_ }`;

export interface LiveScriptOptions {
  deadlineMs: number;
  /** The VM administrator account given by the operator; its password reaches PowerShell in VM_PASSWORD_ENV. */
  vmUser?: string;
  /**
   * After the end frame, wait (at most 10 s) to be ended by ccdoctor instead of exiting (Windows: taskkill /T
   * finds what the probes started only from a living root).
   */
  awaitKill?: boolean;
}

/**
 * The script of a live run: prints a start frame, one `#ccdoctor:fact <id> <entry JSON>` line per probe as
 * it ends, and an end frame; then exits without waiting for stopped pipelines. Output goes through its own
 * UTF-8 writer on stdout, so the console's code page (which outlives ccdoctor) is never changed.
 */
export function liveScript(probes: readonly PlannedProbe[], opts: LiveScriptOptions): string {
  const needCredential = probes.some((p) => p.usesCredential);
  return [
    '$ccdStdout = New-Object System.IO.StreamWriter -ArgumentList ([Console]::OpenStandardOutput()), (New-Object System.Text.UTF8Encoding -ArgumentList $false)',
    '$ccdStdout.AutoFlush = $true',
    TAKE_PASSWORD,
    '$ccdGivenCredential = $null',
    earlyProbes(probes),
    prelude(needCredential, 'Give one with ccdoctor --vm-user NAME (password in CCDOCTOR_VM_PASSWORD)', opts.vmUser),
    `$ccdDeadlineMs = ${Math.max(1000, Math.floor(opts.deadlineMs))}`,
    '$ccdSkipTenant = $false',
    "$ccdTenantMessage = ''",
    `function Write-CcdFrame([string]$Kind, [string]$Text) { $ccdStdout.WriteLine(${psQuote(FRAME)} + $Kind + ' ' + $Text) }`,
    // The line carries the id twice: in the frame (readable even when the JSON is not) and in the JSON.
    `$ccdOnResult = { param($id, $entry) Write-CcdFrame ('fact ' + $id) ('{"id":' + (ConvertTo-Json -InputObject ([string]$id) -Depth 1 -Compress) + ',' + $entry.Substring(1)) }`,
    probeTable(probes),
    `$ccdStart = [ordered]@{ admin = [bool]$ccdAdmin; psVersion = $PSVersionTable.PSVersion.ToString(); edition = [string]$PSVersionTable.PSEdition; credential = $ccdCredState; is64BitProcess = [bool]$ccdIs64Process; languageMode = [string]$ExecutionContext.SessionState.LanguageMode }
Write-CcdFrame 'start' (ConvertTo-Json -InputObject ([pscustomobject]$ccdStart) -Depth 2 -Compress)`,
    RUN_LOOP,
    "Write-CcdFrame 'end' ('{\"durationMs\":' + [string]$ccdTotal.ElapsedMilliseconds + '}')",
    '$ccdStdout.Flush()',
    // A stopped pipeline can still hold its runspace; exiting here does not wait for it.
    ...(opts.awaitKill ? ['Start-Sleep -Seconds 10'] : []),
    '[Environment]::Exit(0)',
  ].join('\n');
}

/** What a PowerShell that cannot run ccdoctor's script prints instead of a start frame. */
export const REFUSED_FRAME = `${FRAME}refused`;

/**
 * What goes to PowerShell's stdin. `-Command -` runs stdin statement by statement, as if typed, so a
 * multi-line script would need blank lines after each block (PowerShell/PowerShell#3223); a single line
 * that decodes and runs the whole script avoids that and any console code page.
 *
 * The first line runs in any language mode and any version: under Constrained Language Mode (AppLocker,
 * Device Guard) the decoding line itself is refused, and before 5.1 the script is not supported, so
 * PowerShell says which instead of failing quietly.
 */
export function stdinBootstrap(script: string): string {
  const b64 = Buffer.from(script, 'utf8').toString('base64');
  // The version first: PowerShell 2.0 has no LanguageMode to ask.
  const refuse = `if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) { '${REFUSED_FRAME} {"reason":"version","psVersion":"' + $PSVersionTable.PSVersion + '"}'; exit 3 } elseif ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { '${REFUSED_FRAME} {"reason":"language-mode","languageMode":"' + $ExecutionContext.SessionState.LanguageMode + '"}'; exit 3 }`;
  return `${refuse}\n& ([scriptblock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))))\n\n`;
}

/** The script a bootstrap line carries (for tests and the fake PowerShell). */
export function scriptFromBootstrap(stdin: string): string | undefined {
  const m = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(stdin);
  return m ? Buffer.from(m[1]!, 'base64').toString('utf8') : undefined;
}

export const POWERSHELL_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'] as const;

export interface CollectorScriptOptions {
  collectorVersion: string;
  deadlineMs: number;
}

/**
 * collect.ps1: runs the same probes on a host without Node and writes snapshot v1 (UTF-8, no BOM) atomically.
 * Before anything can look a command up (which imports modules and makes PowerShell rewrite its module
 * analysis cache), it points that cache at a file of its own and reads the probes marked `runFirst`.
 */
export function collectorScript(probes: readonly PlannedProbe[], opts: CollectorScriptOptions): string {
  const needCredential = probes.some((p) => p.usesCredential);
  const text = [
    '<#',
    '.SYNOPSIS',
    `  ccdoctor ${opts.collectorVersion} collector: reads this Cloud Connector host's facts (it changes nothing) and`,
    '  writes a ccdoctor snapshot (JSON) to analyze on another machine: ccdoctor check --snapshot FILE',
    '.PARAMETER OutFile',
    '  Where to write the snapshot (default: ccdoctor-<COMPUTERNAME>-<time>.json in the current folder).',
    '.PARAMETER Force',
    '  Replace OutFile if it exists.',
    '.PARAMETER VmCredential',
    '  The VM administrator credential for the probes inside the VMs (default: Get-CcCredential -AccountType VmAdmin).',
    '.EXAMPLE',
    '  powershell -NoProfile -ExecutionPolicy Bypass -File .\\collect.ps1 -OutFile host.json',
    '.EXAMPLE',
    "  Invoke-Command -ComputerName (Get-Content hosts.txt) -FilePath .\\collect.ps1 -ArgumentList '-' -ThrottleLimit 8 |",
    "    ForEach-Object { [IO.File]::WriteAllText((Join-Path $PWD ($_.PSComputerName + '.json')), $_) }",
    '.NOTES',
    '  Run it in the 64-bit Windows PowerShell 5.1, as Administrator. Tenant facts are not collected here: add',
    '  the tenant cmdlets\' JSON output to the check (ccdoctor check --snapshot FILE --tenant FILE).',
    '  Where Group Policy enforces the AllSigned execution policy, -ExecutionPolicy Bypass is overridden: sign',
    '  this file with a code-signing certificate the host trusts first:',
    '    Set-AuthenticodeSignature -FilePath .\\collect.ps1 -Certificate (Get-ChildItem Cert:\\CurrentUser\\My -CodeSigningCert)[0]',
    '  Under Constrained Language Mode (AppLocker, Device Guard) it cannot run and says so.',
    '#>',
    '[CmdletBinding()]',
    'param(',
    '  [string]$OutFile,',
    '  [switch]$Force,',
    '  [System.Management.Automation.PSCredential]$VmCredential',
    ')',
    "if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { Write-Error ('ccdoctor: PowerShell runs in ' + $ExecutionContext.SessionState.LanguageMode + ' (AppLocker or Device Guard policy): the collector needs FullLanguage and cannot run here. Answer the offline checklist instead (ccdoctor, Offline checklist).'); return }",
    // Before any command runs (even Join-Path would load a module and fix the cache's place for the whole
    // process): .NET only, so module imports cannot rewrite the operator's ModuleAnalysisCache. This works
    // when nothing ran before the script, hence -NoProfile in the example.
    "$ccdCachePath = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ccdoctor-analysis-cache-' + [guid]::NewGuid().ToString('N'))",
    '$ccdOldCachePath = $env:PSModuleAnalysisCachePath',
    '$env:PSModuleAnalysisCachePath = $ccdCachePath',
    '$ccdPools = $null',
    'try {',
    earlyProbes(probes),
    '$ccdGivenCredential = $VmCredential',
    prelude(needCredential, 'Pass one with: .\\collect.ps1 -VmCredential (Get-Credential)', undefined),
    "if ($ccdWrongBitness) { Write-Error ('ccdoctor: ' + $ccdWrongBitness); return }",
    `$ccdDeadlineMs = ${Math.max(1000, Math.floor(opts.deadlineMs))}`,
    '$ccdSkipTenant = $true',
    "$ccdTenantMessage = 'not collected: tenant facts come from the tenant cmdlets, not from this host: add their JSON output to the check (ccdoctor check --snapshot FILE --tenant FILE), or answer them in the offline checklist'",
    // -OutFile '-': the snapshot is the script's one output (JSON text: it crosses remoting whole, where
    // objects would be cut to depth 1), and nothing else is written to the host's console.
    `$ccdToOutput = $OutFile -eq '-'
if (-not $OutFile) { $OutFile = 'ccdoctor-' + $env:COMPUTERNAME + '-' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture) + '.json' }
$ccdOut = $null
if (-not $ccdToOutput) {
  $ccdOut = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
  if ((Test-Path -LiteralPath $ccdOut) -and -not $Force) { Write-Error ('ccdoctor: ' + $ccdOut + ' already exists: not overwritten (use -Force to replace it)'); return }
}`,
    '$ccdFacts = New-Object System.Collections.ArrayList',
    '$ccdDone = 0',
    `$ccdOnResult = {
  param($id, $entry)
  [void]$ccdFacts.Add((ConvertTo-Json -InputObject ([string]$id) -Depth 1 -Compress) + ':' + $entry)
  $script:ccdDone++
  $st = ''
  if ($entry -match '^\\{"status":"([a-z]+)"') { $st = $Matches[1] }
  if (-not $ccdToOutput) { Write-Host ('[' + [string]$script:ccdDone + '/' + [string]@($ccdProbes).Count + '] ' + $id + ': ' + $st) }
}`,
    probeTable(probes),
    'if (-not $ccdAdmin) { Write-Warning \'Not running as Administrator: facts that need it will be reported as denied.\' }',
    RUN_LOOP,
    `$ccdOs = $null
try { $ccdOsInfo = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop; $ccdOs = ([string]$ccdOsInfo.Caption).Trim() + ' ' + [string]$ccdOsInfo.Version } catch { $ccdOs = $null }
$ccdHost = [ordered]@{ name = [string]$env:COMPUTERNAME }
if ($ccdOs) { $ccdHost.os = $ccdOs }
$ccdHost.collectedAt = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [Globalization.CultureInfo]::InvariantCulture)
$ccdHost.collector = [ordered]@{ name = 'ccdoctor'; version = ${psQuote(opts.collectorVersion)}; mode = 'script' }
$ccdDoc = '{"schema":"ccdoctor/snapshot","version":1,"host":' + (ConvertTo-Json -InputObject ([pscustomobject]$ccdHost) -Depth 4 -Compress) + ',"facts":{' + ($ccdFacts -join ',') + '}}'
if ($ccdToOutput) { $ccdDoc; return }
$ccdTmp = $ccdOut + '.' + [guid]::NewGuid().ToString('N') + '.tmp'
try {
  [IO.File]::WriteAllText($ccdTmp, $ccdDoc, (New-Object System.Text.UTF8Encoding -ArgumentList $false))
  # Atomic: a replaced file is swapped in whole ([NullString]: no backup; $null would become '').
  if ([IO.File]::Exists($ccdOut)) { [IO.File]::Replace($ccdTmp, $ccdOut, [NullString]::Value) } else { [IO.File]::Move($ccdTmp, $ccdOut) }
} catch {
  try { [IO.File]::Delete($ccdTmp) } catch { $null = $_ }
  Write-Error ('ccdoctor: cannot write ' + $ccdOut + ': ' + $_.Exception.Message)
  return
}
Write-Host ('Snapshot written to ' + $ccdOut)
Write-Host 'Analyze it on any machine with Node.js: npx ccdoctor check --snapshot <that file>'`,
    // However the script ends (an early return included): the pools are closed without waiting (a probe that
    // hangs must not keep the operator's window from its prompt), and the temporary cache goes.
    `} finally {
  if ($null -ne $ccdPools) { foreach ($ccdPool in $ccdPools.Values) { try { [void]$ccdPool.BeginClose($null, $null) } catch { $null = $_ } } }
  try { [IO.File]::Delete($ccdCachePath) } catch { $null = $_ }
  $env:PSModuleAnalysisCachePath = $ccdOldCachePath
}`,
  ].join('\n');
  return `${text.replace(/\r?\n/g, '\r\n')}\r\n`;
}
