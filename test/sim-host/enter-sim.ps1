# The simulated CCE host (test code): prepares this pwsh process as the host described by the model
# ($env:CCD_SIM_MODEL, written by model.ts), then runs what ccdoctor sends on stdin (the live run) or the
# script given as the first argument (collect.ps1) with the remaining arguments.
param([string]$Script, [Parameter(ValueFromRemainingArguments = $true)][object[]]$Rest)
$ErrorActionPreference = 'Stop'
$model = Get-Content -Raw -LiteralPath $env:CCD_SIM_MODEL | ConvertFrom-Json

# SimTypes.cs, compiled once by model.ts (CCD_SIM_TYPES); the source when run by hand.
if (-not ('Microsoft.HyperV.PowerShell.VMState' -as [type])) {
  if ($env:CCD_SIM_TYPES -and (Test-Path -LiteralPath $env:CCD_SIM_TYPES)) { Add-Type -Path $env:CCD_SIM_TYPES }
  else { Add-Type -Path (Join-Path $PSScriptRoot 'SimTypes.cs') }
}
# Local accounts belong to the computer; an account with a domain is a domain account.
foreach ($u in @($model.accounts)) {
  if ($null -eq $u.passwordAgeSeconds) { continue }
  $authority = [string]$model.computerName
  if ($u.domain) { $authority = [string]$u.domain }
  [CcdSim.WinNTUser]::PasswordAges[$authority + '/' + [string]$u.name] = [double]$u.passwordAgeSeconds
}
$accel = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$accel::Remove('ADSI') | Out-Null
$accel::Add('ADSI', [CcdSim.WinNTUser])

# The external certificate file: a PKCS#12 of the snapshot's public certificates, opened with the
# ExternalCert password as on a host.
foreach ($p in @($model.pfx)) {
  if (-not $p.sandboxPath -or (Test-Path -LiteralPath $p.sandboxPath)) { continue }
  $col = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
  foreach ($pem in @($p.pems)) { [void]$col.Add((New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (, [Convert]::FromBase64String(($pem -replace '-----[A-Z ]+-----', '' -replace '\s', ''))))) }
  [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($p.sandboxPath)) | Out-Null
  [IO.File]::WriteAllBytes($p.sandboxPath, $col.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12, [string]$p.password))
}

# What a probe prints as PSModulePath must be the host's (Windows) value, not this pwsh's Linux one.
$map = [ordered]@{}
if ($null -ne $model.psModulePath.process) { $map[[string]$env:PSModulePath] = [string]$model.psModulePath.process }
[Console]::Out.WriteLine('#ccdsim:map ' + (ConvertTo-Json -InputObject $map -Compress -Depth 2))
[Console]::Out.Flush()

$modules = @(Join-Path $PSScriptRoot 'modules/CcdSim/CcdSim.psm1')
$global:ccdSimulatedHost = @{ admin = [bool]$model.admin; is64BitProcess = $model.is64BitProcess; modules = $modules }
Import-Module $modules[0] -Global
# A test's additions to this host before anything runs (remote-sim.ps1: simulated remoting).
if ($env:CCD_SIM_PRELUDE) { . $env:CCD_SIM_PRELUDE }

# PowerShell reads -Command - itself, whatever the language mode: read it before restricting this session.
$ccdSimStdin = $null
if (-not $Script) { $ccdSimStdin = [Console]::In.ReadToEnd() }
if ($model.languageMode -and $model.languageMode -ne 'FullLanguage') { $ExecutionContext.SessionState.LanguageMode = [string]$model.languageMode }
$ErrorActionPreference = 'Continue'
if ($Script) {
  # -Name value pairs and -Switch flags, as powershell -File would bind them.
  $named = @{}
  for ($i = 0; $i -lt $Rest.Count; $i++) {
    $n = [string]$Rest[$i]
    if ($n -notmatch '^-(\w+)$') { throw "enter-sim.ps1: unexpected argument $n" }
    if ($i + 1 -lt $Rest.Count -and ([string]$Rest[$i + 1]) -notmatch '^-\w+$') { $named[$Matches[1]] = $Rest[$i + 1]; $i++ } else { $named[$Matches[1]] = $true }
  }
  & $Script @named
  exit $LASTEXITCODE
}
foreach ($ccdSimLine in ($ccdSimStdin -split "`n")) {
  if ($ccdSimLine.Trim() -eq '') { continue }
  Invoke-Expression $ccdSimLine
}
