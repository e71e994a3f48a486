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

/** The script block text a probe runs as, in its own runspace: the value as JSON, or the error. */
export function probeWrapper(script: string): string {
  return [
    'param($cred)',
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "$WarningPreference = 'SilentlyContinue'",
    'try {',
    '  $ccdValue = & {',
    script,
    '  }',
    "  if ($null -eq $ccdValue) { $ccdJson = 'null' } else { $ccdJson = ConvertTo-Json -InputObject $ccdValue -Depth 8 -Compress }",
    "  @{ status = 'ok'; json = $ccdJson }",
    '} catch {',
    "  @{ status = 'error'; message = $_.Exception.Message; at = [string]$_.InvocationInfo.PositionMessage }",
    '}',
  ].join('\n');
}

/** A string expression for the text: a literal when it is ASCII, else decoded from base64 (PS 5.1 reads a BOM-less .ps1 as ANSI). */
function psText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7F]*$/.test(text)) return psQuote(text);
  return `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}'))`;
}

function probeTable(probes: readonly PlannedProbe[]): string {
  const rows = probes.map((p) => {
    const marker: ProbeMarker = { id: p.id, requiresAdmin: p.requiresAdmin, timeoutMs: p.timeoutMs, credential: p.usesCredential, tenant: p.tenant };
    return [
      `${PROBE_MARKER}${JSON.stringify(marker)}`,
      `[pscustomobject]@{ id = ${psQuote(p.id)}; admin = $${p.requiresAdmin}; cred = $${p.usesCredential}; tenant = $${p.tenant}; timeoutMs = ${p.timeoutMs}; script = ${psText(probeWrapper(p.probe.script))} }`,
    ].join('\n');
  });
  return `$ccdProbes = @(\n${rows.join('\n')}\n)`;
}

/** Elevation, the VM credential, and the entry builder; shared by both scripts. */
function prelude(needCredential: boolean, credentialHint: string, given: VmCredential | undefined): string {
  const lines = [
    "$ErrorActionPreference = 'Continue'",
    "$ProgressPreference = 'SilentlyContinue'",
    '$ccdAdmin = $false',
    'try { $ccdAdmin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) } catch { $ccdAdmin = $false }',
    '$cred = $null',
    "$ccdCredState = 'not-needed'",
    "$ccdCredMessage = ''",
  ];
  if (needCredential) {
    lines.push(
      "$ccdCredState = 'none'",
      given
        ? `$ccdGivenUser = ${psQuote(given.user)}\n$ccdGivenPassword = ${psQuote(given.password)}`
        : '$ccdGivenUser = $null\n$ccdGivenPassword = $null',
      `if ($null -ne $ccdGivenCredential) { $cred = $ccdGivenCredential; $ccdCredState = 'given' }
elseif ($ccdGivenUser) {
  $cred = New-Object System.Management.Automation.PSCredential -ArgumentList $ccdGivenUser, (ConvertTo-SecureString -String $ccdGivenPassword -AsPlainText -Force)
  $ccdCredState = 'given'
}
elseif (Get-Command Get-CcCredential -ErrorAction SilentlyContinue) {
  try {
    $ccdStored = Get-CcCredential -AccountType VmAdmin -ErrorAction Stop
    if ($ccdStored -is [System.Management.Automation.PSCredential]) { $cred = $ccdStored; $ccdCredState = 'stored' }
    else { $ccdCredMessage = 'Get-CcCredential -AccountType VmAdmin returned no credential' }
  } catch { $ccdCredMessage = 'Get-CcCredential -AccountType VmAdmin failed: ' + $_.Exception.Message }
}
else { $ccdCredMessage = 'the CloudConnector module (Get-CcCredential) is not available' }
$ccdGivenPassword = $null
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

/**
 * Runs every probe of $ccdProbes and calls `& $ccdOnResult $id $entryJson` as each one ends.
 * $ccdDeadlineMs bounds the whole run; $ccdSkipTenant leaves tenant probes out.
 */
const RUN_LOOP = `$ccdNotAdmin = 'needs Administrator: run PowerShell as Administrator (right-click, Run as administrator) and try again'
$ccdTotal = [Diagnostics.Stopwatch]::StartNew()
$ccdIss = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
$ccdIss.ExecutionPolicy = [Microsoft.PowerShell.ExecutionPolicy]::Bypass
$ccdMax = [Math]::Max(1, [Math]::Min(32, @($ccdProbes).Count))
# No console host for the probes: a probe's Write-Host must not break into the result lines, nor may one prompt.
$ccdPool = [runspacefactory]::CreateRunspacePool($ccdIss)
$ccdPool.Open()
[void]$ccdPool.SetMaxRunspaces($ccdMax)
$ccdRunning = New-Object System.Collections.ArrayList
$ccdQueue = New-Object System.Collections.Queue
foreach ($p in $ccdProbes) {
  if ($p.tenant -and $ccdSkipTenant) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'missing' '' 0 $ccdTenantMessage ''); continue }
  if ($p.admin -and -not $ccdAdmin) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'denied' '' 0 $ccdNotAdmin ''); continue }
  if ($p.cred -and $null -eq $cred) { & $ccdOnResult $p.id (ConvertTo-CcdEntry $p.id 'missing' '' 0 $ccdCredMessage ''); continue }
  $ccdQueue.Enqueue($p)
}
while ($ccdRunning.Count -gt 0 -or $ccdQueue.Count -gt 0) {
  # Started only when a runspace is free, so a probe's clock never counts time spent waiting for one.
  while ($ccdQueue.Count -gt 0 -and $ccdRunning.Count -lt $ccdMax -and $ccdTotal.ElapsedMilliseconds -lt $ccdDeadlineMs) {
    $p = $ccdQueue.Dequeue()
    $ps = [powershell]::Create()
    $ps.RunspacePool = $ccdPool
    [void]$ps.AddScript($p.script).AddArgument($cred)
    $handle = $ps.BeginInvoke()
    [void]$ccdRunning.Add([pscustomobject]@{ probe = $p; ps = $ps; handle = $handle; clock = [Diagnostics.Stopwatch]::StartNew() })
  }
  if ($ccdTotal.ElapsedMilliseconds -ge $ccdDeadlineMs) {
    while ($ccdQueue.Count -gt 0) {
      $q = $ccdQueue.Dequeue()
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
      $why = 'no answer within ' + [string]$r.probe.timeoutMs + ' ms (stopped)'
      if ($ms -lt $r.probe.timeoutMs) { $why = 'the whole run reached its time limit of ' + [string]$ccdDeadlineMs + ' ms (stopped)' }
      & $ccdOnResult $r.probe.id (ConvertTo-CcdEntry $r.probe.id 'timeout' '' $ms $why '')
    }
  }
  if ($ccdRunning.Count -gt 0) { Start-Sleep -Milliseconds 15 }
}`;

export interface LiveScriptOptions {
  deadlineMs: number;
  vmCredential?: VmCredential;
}

/**
 * The script of a live run: prints a start frame, one `#ccdoctor:fact <id> <entry JSON>` line per probe as
 * it ends, and an end frame; then exits without waiting for stopped pipelines.
 */
export function liveScript(probes: readonly PlannedProbe[], opts: LiveScriptOptions): string {
  const needCredential = probes.some((p) => p.usesCredential);
  return [
    "try { [Console]::OutputEncoding = [Text.UTF8Encoding]::new($false) } catch { $null = $_ }",
    '$ccdGivenCredential = $null',
    prelude(needCredential, 'Give one with ccdoctor --vm-user NAME (password in CCDOCTOR_VM_PASSWORD)', opts.vmCredential),
    `$ccdDeadlineMs = ${Math.max(1000, Math.floor(opts.deadlineMs))}`,
    '$ccdSkipTenant = $false',
    "$ccdTenantMessage = ''",
    `function Write-CcdFrame([string]$Kind, [string]$Text) { [Console]::Out.WriteLine(${psQuote(FRAME)} + $Kind + ' ' + $Text) }`,
    // The line carries the id twice: in the frame (readable even when the JSON is not) and in the JSON.
    `$ccdOnResult = { param($id, $entry) Write-CcdFrame ('fact ' + $id) ('{"id":' + (ConvertTo-Json -InputObject ([string]$id) -Depth 1 -Compress) + ',' + $entry.Substring(1)) }`,
    probeTable(probes),
    `$ccdStart = [ordered]@{ admin = [bool]$ccdAdmin; psVersion = $PSVersionTable.PSVersion.ToString(); edition = [string]$PSVersionTable.PSEdition; credential = $ccdCredState }
Write-CcdFrame 'start' (ConvertTo-Json -InputObject ([pscustomobject]$ccdStart) -Depth 2 -Compress)`,
    RUN_LOOP,
    "Write-CcdFrame 'end' ('{\"durationMs\":' + [string]$ccdTotal.ElapsedMilliseconds + '}')",
    '[Console]::Out.Flush()',
    // A stopped pipeline can still hold its runspace; exiting here does not wait for it.
    '[Environment]::Exit(0)',
  ].join('\n');
}

/**
 * What goes to PowerShell's stdin. `-Command -` runs stdin statement by statement, as if typed, so a
 * multi-line script would need blank lines after each block (PowerShell/PowerShell#3223); a single line
 * that decodes and runs the whole script avoids that and any console code page.
 */
export function stdinBootstrap(script: string): string {
  const b64 = Buffer.from(script, 'utf8').toString('base64');
  return `& ([scriptblock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))))\n\n`;
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

/** collect.ps1: runs the same probes on a host without Node and writes snapshot v1 (UTF-8, no BOM) atomically. */
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
    '.PARAMETER TenantLive',
    '  Also query the Office 365 tenant (needs a tenant admin sign-in).',
    '.EXAMPLE',
    '  powershell -ExecutionPolicy Bypass -File .\\collect.ps1 -OutFile host.json',
    '#>',
    '[CmdletBinding()]',
    'param(',
    '  [string]$OutFile,',
    '  [switch]$Force,',
    '  [System.Management.Automation.PSCredential]$VmCredential,',
    '  [switch]$TenantLive',
    ')',
    '$ccdGivenCredential = $VmCredential',
    prelude(needCredential, 'Pass one with: .\\collect.ps1 -VmCredential (Get-Credential)', undefined),
    `$ccdDeadlineMs = ${Math.max(1000, Math.floor(opts.deadlineMs))}`,
    '$ccdSkipTenant = -not $TenantLive',
    "$ccdTenantMessage = 'not collected: this fact comes from the Office 365 tenant, which is queried only on request: run collect.ps1 -TenantLive, or add the cmdlet''s JSON output to the check (ccdoctor check --snapshot FILE --tenant FILE), or answer it in the offline checklist'",
    `if (-not $OutFile) { $OutFile = 'ccdoctor-' + $env:COMPUTERNAME + '-' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture) + '.json' }
$ccdOut = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
if ((Test-Path -LiteralPath $ccdOut) -and -not $Force) { Write-Error ('ccdoctor: ' + $ccdOut + ' already exists: not overwritten (use -Force to replace it)'); return }`,
    '$ccdFacts = New-Object System.Collections.ArrayList',
    '$ccdDone = 0',
    `$ccdOnResult = {
  param($id, $entry)
  [void]$ccdFacts.Add((ConvertTo-Json -InputObject ([string]$id) -Depth 1 -Compress) + ':' + $entry)
  $script:ccdDone++
  $st = ''
  if ($entry -match '^\{"status":"([a-z]+)"') { $st = $Matches[1] }
  Write-Host ('[' + [string]$script:ccdDone + '/' + [string]@($ccdProbes).Count + '] ' + $id + ': ' + $st)
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
$ccdTmp = $ccdOut + '.' + [guid]::NewGuid().ToString('N') + '.tmp'
try {
  [IO.File]::WriteAllText($ccdTmp, $ccdDoc, (New-Object System.Text.UTF8Encoding -ArgumentList $false))
  Move-Item -LiteralPath $ccdTmp -Destination $ccdOut -Force -ErrorAction Stop
} catch {
  Remove-Item -LiteralPath $ccdTmp -Force -ErrorAction SilentlyContinue
  Write-Error ('ccdoctor: cannot write ' + $ccdOut + ': ' + $_.Exception.Message)
  return
}
Write-Host ('Snapshot written to ' + $ccdOut)
Write-Host 'Analyze it on any machine with Node.js: npx ccdoctor check --snapshot <that file>'`,
  ].join('\n');
  return `${text.replace(/\r?\n/g, '\r\n')}\r\n`;
}
