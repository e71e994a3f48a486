/**
 * The PowerShell that collects many hosts at once from the operator's machine: one Invoke-Command
 * -ComputerName … -ThrottleLimit N -AsJob runs the collector (collect.ps1 with -OutFile '-') on every host
 * through PowerShell remoting; the script polls the child jobs and prints one `#ccdoctor:host` line per
 * host as it ends. Windows PowerShell 5.1 (test/pwsh parses it).
 *
 * The collector returns the snapshot as JSON text (remoting would cut objects to depth 1); the line carries
 * it in base64, so whatever the host sends stays one line. A host that overruns its limit is stopped without
 * waiting (a stop that never takes effect must not hold up the others) and reported as a timeout.
 */
import { psQuote } from '../core/powershell/quote.js';
import { FRAME, psText } from './ps-script.js';

/** The environment variables the passwords travel in: never in a script's text or ccdoctor's arguments. */
export const REMOTE_PASSWORD_ENV = 'CCDOCTOR_REMOTE_PASSWORD';
export const FANOUT_VM_PASSWORD_ENV = 'CCDOCTOR_VM_PASSWORD';

export interface FanOutOptions {
  computers: readonly string[];
  /** collect.ps1's text (collectorScript). */
  collector: string;
  throttle: number;
  /** Per host, from the moment it may connect (its place in the throttle) to its snapshot. */
  hostTimeoutMs: number;
  /** The account for the remoting connection (Invoke-Command -Credential); its password in REMOTE_PASSWORD_ENV. */
  remoteUser?: string;
  /** The VM administrator account for collect.ps1 -VmCredential; its password in FANOUT_VM_PASSWORD_ENV. */
  vmUser?: string;
}

/** A password from the environment, as a PSCredential, the variable cleared before anything else runs. */
function credentialFromEnv(variable: string, env: string, user: string | undefined): string {
  if (user === undefined) return `$${variable} = $null`;
  return `$ccdText = [Environment]::GetEnvironmentVariable('${env}')
[Environment]::SetEnvironmentVariable('${env}', $null)
$ccdSecure = New-Object System.Security.SecureString
if ($ccdText) { foreach ($ch in $ccdText.ToCharArray()) { $ccdSecure.AppendChar($ch) } }
$ccdSecure.MakeReadOnly()
$ccdText = $null
$${variable} = New-Object System.Management.Automation.PSCredential -ArgumentList ${psQuote(user)}, $ccdSecure`;
}

/**
 * Which hosts may be connecting or running now: the throttle starts the child jobs in order, N at a time,
 * the next when one ends. A child job stays NotStarted until its pipeline runs (while it connects, too), so
 * its clock starts when it enters that window, not when its state first says Running.
 */
const POLL_LOOP = `$ccdFinished = @('Completed', 'Failed', 'Stopped')
$ccdChildren = @($ccdJob.ChildJobs)
$ccdClock = @{}
$ccdSince = @{}
$ccdPassAt = [DateTime]::Now
$ccdReported = @{}
$ccdTotal = [Diagnostics.Stopwatch]::StartNew()
function Get-CcdHostName($Child, [int]$Index) {
  # As the operator named it: the child jobs are in the order of -ComputerName, and Location says which.
  $name = [string]$Child.Location
  $given = @($ccdComputers | Where-Object { $_ -eq $name })
  if ($given.Count -gt 0) { $given[0] } elseif ($Index -lt $ccdComputers.Count) { $ccdComputers[$Index] } else { $name }
}
function Get-CcdErrorInfo($Record) {
  $ex = $Record
  if ($Record -is [System.Management.Automation.ErrorRecord]) { $ex = $Record.Exception }
  $info = [ordered]@{ message = [string]$ex.Message; type = [string]$ex.GetType().FullName }
  if ($Record -is [System.Management.Automation.ErrorRecord]) {
    $info.id = [string]$Record.FullyQualifiedErrorId
    $info.category = [string]$Record.CategoryInfo.Category
  }
  elseif ($ex -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $ex.ErrorRecord) {
    $info.id = [string]$ex.ErrorRecord.FullyQualifiedErrorId
    $info.category = [string]$ex.ErrorRecord.CategoryInfo.Category
  }
  $info
}
# From entering the throttle's window to the job's end, by the job's own times: a slow pass of this loop
# (a busy machine) does not change them. Ended unseen between two passes: from the earlier pass at most.
function Get-CcdDurationMs($Child, [int]$Index) {
  $end = [DateTime]::Now
  if ($null -ne $Child.PSEndTime) { $end = [DateTime]$Child.PSEndTime }
  $start = $ccdPassAt
  if ($ccdSince.ContainsKey($Index)) { $start = $ccdSince[$Index] }
  if ($null -ne $Child.PSBeginTime -and [DateTime]$Child.PSBeginTime -lt $start) { $start = [DateTime]$Child.PSBeginTime }
  [int64][Math]::Max(0, ($end - $start).TotalMilliseconds)
}
function Write-CcdHost($Child, [int]$Index, [string]$State) {
  if ($State -eq 'Timeout') { $ms = $ccdClock[$Index].ElapsedMilliseconds } else { $ms = Get-CcdDurationMs $Child $Index }
  $line = [ordered]@{ host = (Get-CcdHostName $Child $Index); state = $State; ms = $ms; outputs = 0; errors = @() }
  $snapshot = $null
  if ($State -ne 'Timeout') {
    $errors = New-Object System.Collections.ArrayList
    $out = @()
    try { $out = @(Receive-Job -Job $Child -ErrorAction SilentlyContinue -ErrorVariable ccdReceiveErrors -WarningAction SilentlyContinue) } catch { [void]$errors.Add((Get-CcdErrorInfo $_)) }
    foreach ($e in @($ccdReceiveErrors)) { [void]$errors.Add((Get-CcdErrorInfo $e)) }
    if ($null -ne $Child.JobStateInfo.Reason) { [void]$errors.Add((Get-CcdErrorInfo $Child.JobStateInfo.Reason)) }
    $line.outputs = $out.Count
    foreach ($o in $out) {
      $text = [string]$o
      if ($text.StartsWith('{"schema":"ccdoctor/snapshot"')) { $snapshot = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)) }
    }
    if ($errors.Count -gt 5) { $errors = $errors.GetRange(0, 5) }
    $line.errors = @($errors)
  }
  $json = ConvertTo-Json -InputObject ([pscustomobject]$line) -Depth 4 -Compress
  # Base64 needs no escaping: spliced in, a large snapshot never goes through ConvertTo-Json.
  if ($snapshot) { $json = $json.Substring(0, $json.Length - 1) + ',"snapshot":"' + $snapshot + '"}' }
  Write-CcdFrame 'host' $json
}
while ($ccdReported.Count -lt $ccdChildren.Count) {
  $slots = $ccdThrottle
  $passAt = [DateTime]::Now
  for ($i = 0; $i -lt $ccdChildren.Count; $i++) {
    $child = $ccdChildren[$i]
    $state = [string]$child.JobStateInfo.State
    $done = $ccdFinished -contains $state
    if (-not $done -and $slots -gt 0) {
      $slots--
      if (-not $ccdClock.ContainsKey($i)) { $ccdClock[$i] = [Diagnostics.Stopwatch]::StartNew(); $ccdSince[$i] = $passAt }
    }
    if ($ccdReported.ContainsKey($i)) { continue }
    if ($done) {
      $ccdReported[$i] = $true
      Write-CcdHost $child $i $state
    }
    elseif ($ccdClock.ContainsKey($i) -and $ccdClock[$i].ElapsedMilliseconds -ge $ccdHostTimeoutMs) {
      $ccdReported[$i] = $true
      # StopJob waits until the job ends, which a hung host may never do: it is asked from another runspace.
      try {
        $stopper = [powershell]::Create()
        [void]$stopper.AddScript('param($j) $j.StopJob()').AddArgument($child)
        [void]$stopper.BeginInvoke()
      } catch { $null = $_ }
      Write-CcdHost $child $i 'Timeout'
    }
  }
  $ccdPassAt = $passAt
  if ($ccdReported.Count -lt $ccdChildren.Count) { Start-Sleep -Milliseconds 100 }
}`;

/**
 * The script of a fan-out run: prints `#ccdoctor:fanout {…}` when the job started, one `#ccdoctor:host {…}`
 * per host as it ends, then `#ccdoctor:end`; or `#ccdoctor:fatal {…}` when Invoke-Command itself fails.
 */
export function fanOutScript(opts: FanOutOptions): string {
  return [
    '$ccdStdout = New-Object System.IO.StreamWriter -ArgumentList ([Console]::OpenStandardOutput()), (New-Object System.Text.UTF8Encoding -ArgumentList $false)',
    '$ccdStdout.AutoFlush = $true',
    "$ErrorActionPreference = 'Continue'",
    "$ProgressPreference = 'SilentlyContinue'",
    credentialFromEnv('ccdRemoteCredential', REMOTE_PASSWORD_ENV, opts.remoteUser),
    credentialFromEnv('ccdVmCredential', FANOUT_VM_PASSWORD_ENV, opts.vmUser),
    'function Get-CcdFatal($Record) { @{ message = [string]$Record.Exception.Message; type = [string]$Record.Exception.GetType().FullName; id = [string]$Record.FullyQualifiedErrorId } }',
    `function Write-CcdFrame([string]$Kind, [string]$Text) { $ccdStdout.WriteLine(${psQuote(FRAME)} + $Kind + ' ' + $Text) }`,
    `$ccdComputers = @(${opts.computers.map(psQuote).join(', ')})`,
    `$ccdThrottle = ${Math.max(1, Math.floor(opts.throttle))}`,
    `$ccdHostTimeoutMs = ${Math.max(1000, Math.floor(opts.hostTimeoutMs))}`,
    `$ccdCollector = [scriptblock]::Create(${psText(opts.collector)})`,
    `$ccdInvoke = @{ ComputerName = $ccdComputers; ScriptBlock = $ccdCollector; ArgumentList = @('-', $ccdVmCredential); ThrottleLimit = $ccdThrottle; AsJob = $true; ErrorAction = 'Stop' }
if ($null -ne $ccdRemoteCredential) { $ccdInvoke.Credential = $ccdRemoteCredential }
try { $ccdJob = Invoke-Command @ccdInvoke }
catch {
  Write-CcdFrame 'fatal' (ConvertTo-Json -InputObject ([pscustomobject](Get-CcdFatal $_)) -Depth 3 -Compress)
  $ccdStdout.Flush()
  [Environment]::Exit(0)
}`,
    `Write-CcdFrame 'fanout' (ConvertTo-Json -InputObject ([pscustomobject]@{ psVersion = $PSVersionTable.PSVersion.ToString(); hosts = @($ccdJob.ChildJobs).Count }) -Depth 2 -Compress)`,
    POLL_LOOP,
    "Write-CcdFrame 'end' ('{\"durationMs\":' + [string]$ccdTotal.ElapsedMilliseconds + '}')",
    '$ccdStdout.Flush()',
    // A stopped host may still hold its job: exiting does not wait for it.
    '[Environment]::Exit(0)',
  ].join('\n');
}
