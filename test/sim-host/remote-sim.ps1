# Simulated PowerShell remoting (test code): dot-sourced by enter-sim.ps1 (CCD_SIM_PRELUDE) before what
# ccdoctor sends runs. Linux pwsh has no WinRM: this Invoke-Command (a function: functions win over cmdlets)
# takes -ComputerName/-ThrottleLimit/-AsJob/-ScriptBlock/-ArgumentList and runs the script block for each
# "computer" in a runspace of its own, as the host in $env:CCD_SIM_REMOTE_HOSTS (JSON) describes it:
#   { "<name>": { "kind": "ok" | "unreachable" | "hang" | "error",
#                 "connectMs": n, "runMs": n, "modules": ["<psm1>" …] (the host's simulated commands),
#                 "launcher": "<pwsh-sim.mjs>", "env": { … } } }
# A name not listed is unreachable. Output crosses back serialised at depth 1, as remoting does.
# A computer with a launcher is a separate simulated host (harness.ts simulate(): its own model, sandbox and
# environment): its script block runs in a process of its own, started with that launcher and only that
# environment (remote-process.ps1), so every computer of a fan-out is a whole host, not this one.
$ErrorActionPreference = 'Stop'
if (-not ('CcdSimRemoting.FanOutJob' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'SimRemoting.cs') }
$global:CcdSimRemoteDir = $PSScriptRoot
$global:CcdSimRemoteHosts = Get-Content -Raw -LiteralPath $env:CCD_SIM_REMOTE_HOSTS | ConvertFrom-Json

# What runs in each computer's runspace: "connecting", then the script block as the remote session would.
$global:CcdSimRemoteRunner = @'
param($Job, [string]$Computer, [string]$Text, [object[]]$ArgumentList, $Spec, [string]$SimDir)
# A separate host's session: the script block and its (serialised) arguments in files, run by the host's own
# launcher (pwsh-sim.mjs -File remote-process.ps1 …, the host's environment only); each output line the
# script prints framed as '#ccdoctor:remote <text>' (so the launcher turns the host's sandbox paths into its
# C:\ paths inside JSON text) comes back as one string. The process is killed when the job is stopped.
function Invoke-CcdSimRemoteProcess([string]$Computer, [string]$Text, [object[]]$ArgumentList, $Spec, [string]$SimDir) {
  $dir = Join-Path ([IO.Path]::GetTempPath()) ('ccd-remote-' + [guid]::NewGuid().ToString('n'))
  [void][IO.Directory]::CreateDirectory($dir)
  $block = Join-Path $dir 'block.ps1'
  $arguments = Join-Path $dir 'arguments.xml'
  [IO.File]::WriteAllText($block, $Text)
  [IO.File]::WriteAllText($arguments, [System.Management.Automation.PSSerializer]::Serialize(@($ArgumentList), 2))
  $psi = New-Object System.Diagnostics.ProcessStartInfo -ArgumentList ([string]$Spec.launcher)
  foreach ($a in @('-File', (Join-Path $SimDir 'remote-process.ps1'), '-Block', $block, '-Arguments', $arguments)) { $psi.ArgumentList.Add($a) }
  $psi.UseShellExecute = $false
  $psi.RedirectStandardInput = $true
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $psi.Environment.Clear()
  foreach ($p in $Spec.env.PSObject.Properties) { $psi.Environment[$p.Name] = [string]$p.Value }
  $proc = [Diagnostics.Process]::Start($psi)
  try {
    $proc.StandardInput.Close()
    $out = $proc.StandardOutput.ReadToEndAsync()
    $err = $proc.StandardError.ReadToEndAsync()
    # Short waits: a stopped job's pipeline stops between them.
    while (-not $proc.WaitForExit(200)) { }
    $proc.WaitForExit()
    $lines = @($out.Result -split '\r?\n' | Where-Object { $_.StartsWith('#ccdoctor:remote ') } | ForEach-Object { $_.Substring(17) })
    if ($proc.ExitCode -ne 0) { throw ('simulated host ' + $Computer + ': its PowerShell exited with code ' + $proc.ExitCode + ': ' + $err.Result.Trim()) }
    $lines
  }
  finally {
    if (-not $proc.HasExited) { $proc.Kill($true) }
    $proc.Dispose()
    Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
  }
}
if ($Spec.connectMs) { Start-Sleep -Milliseconds ([int]$Spec.connectMs) }
if ($null -eq $Spec -or $Spec.kind -eq 'unreachable') {
  # As WinRM reports a host that does not answer (RemotingErrorIdStrings ConnectExCallBackError, WSMan error 2150859046).
  $message = 'Connecting to remote server ' + $Computer + ' failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception for public profiles limits access to remote computers within the same local subnet. For more information, see the about_Remote_Troubleshooting Help topic.'
  $ex = New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList $message
  $Job.Fail((New-Object System.Management.Automation.ErrorRecord -ArgumentList $ex, 'WinRMOperationTimeout,PSSessionStateBroken', ([System.Management.Automation.ErrorCategory]::OpenError), $Computer))
  return
}
$Job.MarkRunning()
# The remote session: the simulated host's commands in every runspace the collector opens (see enter-sim.ps1).
$global:ccdSimulatedHost = @{ admin = $true; is64BitProcess = $true; modules = @($Spec.modules) }
if ($Spec.kind -eq 'hang') { [Threading.Thread]::Sleep([Threading.Timeout]::Infinite) }
if ($Spec.runMs) { Start-Sleep -Milliseconds ([int]$Spec.runMs) }
if ($Spec.kind -eq 'error') { throw ('simulated failure on ' + $Computer) }
if ($Spec.launcher) {
  foreach ($line in @(Invoke-CcdSimRemoteProcess -Computer $Computer -Text $Text -ArgumentList $ArgumentList -Spec $Spec -SimDir $SimDir)) {
    $back = [psobject]$line
    $back.PSObject.Properties.Add((New-Object System.Management.Automation.PSNoteProperty -ArgumentList 'PSComputerName', $Computer))
    $back
  }
  return
}
$sb = [scriptblock]::Create($Text)
foreach ($o in @(& $sb @ArgumentList)) {
  $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o, 1))
  $back = [psobject]$back
  $back.PSObject.Properties.Add((New-Object System.Management.Automation.PSNoteProperty -ArgumentList 'PSComputerName', $Computer))
  $back
}
'@


function global:Invoke-Command {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][scriptblock]$ScriptBlock, [object[]]$ArgumentList, [string[]]$ComputerName, [int]$ThrottleLimit = 32,
    [switch]$AsJob, [pscredential]$Credential, [string[]]$VMName, $Session
  )
  if (-not $ComputerName -or -not $AsJob) {
    throw 'simulated remoting: only Invoke-Command -ComputerName … -AsJob is simulated'
  }
  [CcdSimRemoting.FanOutJob]::Log(('Invoke-Command -ComputerName ' + ($ComputerName -join ',') + ' -ThrottleLimit ' + $ThrottleLimit + ' -AsJob' + $(if ($Credential) { ' -Credential ' + $Credential.UserName + ' (password ' + $Credential.GetNetworkCredential().Password.Length + ' characters; in the environment: ' + [bool][Environment]::GetEnvironmentVariable('CCDOCTOR_REMOTE_PASSWORD') + ')' } else { '' })))
  $text = $ScriptBlock.ToString()
  # Arguments cross as remoting sends them: serialised.
  $sent = @(foreach ($a in @($ArgumentList)) { if ($null -eq $a) { $null } else { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($a, 1)) } })
  $parent = New-Object CcdSimRemoting.FanOutJob -ArgumentList $text.Substring(0, [Math]::Min(40, $text.Length)), $ThrottleLimit
  foreach ($c in $ComputerName) {
    $spec = $global:CcdSimRemoteHosts.$c
    $ps = [powershell]::Create()
    $ps.Runspace = [runspacefactory]::CreateRunspace([Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
    $child = $parent.AddHost($c, $ps)
    [void]$ps.AddScript($global:CcdSimRemoteRunner).AddArgument($child).AddArgument($c).AddArgument($text).AddArgument($sent).AddArgument($spec).AddArgument($global:CcdSimRemoteDir)
  }
  $parent.StartAll()
  $parent
}
