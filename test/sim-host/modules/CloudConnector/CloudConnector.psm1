# The CloudConnector module of the simulated host (test code): a script module, so module scoping and
# preference variables behave as with the real one. Answers from the host model ($env:CCD_SIM_MODEL).
$script:Cc = (Get-Content -Raw -LiteralPath $env:CCD_SIM_MODEL | ConvertFrom-Json).cc
if ($env:CCD_SIM_LOG) { [IO.File]::AppendAllText($env:CCD_SIM_LOG, "import CloudConnector`n") }

function ConvertTo-CcSimPath([string]$Path) {
  # The host's C:\ is the sandbox's C/ folder: the module hands out paths the probes can open.
  if ($Path -match '^([A-Za-z]):\\?(.*)$') { return (Join-Path (Join-Path $env:CCD_SIM_ROOT $Matches[1].ToUpper()) ($Matches[2] -replace '\\', '/')) }
  return $Path
}

function Write-CcNoise {
  # Some CloudConnector functions write non-terminating errors on a healthy host; under the caller's
  # $ErrorActionPreference = 'Stop' in the global scope they would fail.
  if ($script:Cc.noisy) { Write-Error 'Cannot find path ''HKLM:\SOFTWARE\Microsoft\Skype for Business Cloud Connector Edition\Legacy'' because it does not exist.' }
}

function Out-CcValue($Value, [string]$Shape) {
  if ($null -eq $Value) { return }
  switch ($Shape) {
    'version' { [version][string]$Value }
    'object' { [pscustomobject]@{ Version = [string]$Value } }
    'lines' { ''; [string]$Value; '' }
    default { [string]$Value }
  }
}

$script:Delayed = $false
function Get-CcVersion {
  [CmdletBinding()] param()
  # cc.delayMs: the first call is slow (a long run, for tests that need one), the others are not.
  if ($script:Cc.delayMs -and -not $script:Delayed) { $script:Delayed = $true; Start-Sleep -Milliseconds ([int]$script:Cc.delayMs) }
  Write-CcNoise; Out-CcValue $script:Cc.version $script:Cc.versionShape
}
function Get-CcRunningVersion { [CmdletBinding()] param() Write-CcNoise; Out-CcValue $script:Cc.runningVersion $script:Cc.versionShape }
function Get-CcApplianceDirectory { [CmdletBinding()] param() Write-CcNoise; ConvertTo-CcSimPath $script:Cc.applianceDirectory }
function Get-CcSiteDirectory { [CmdletBinding()] param() if ($script:Cc.siteDirectory) { ConvertTo-CcSimPath $script:Cc.siteDirectory } }

function Get-CcExternalCertificateFilePath {
  [CmdletBinding()]
  param([ValidateSet('EdgeServer', 'MediationServer')][string]$Target)
  if (-not $Target) { throw 'Cannot process command because of one or more missing mandatory parameters: Target.' }
  $p = $script:Cc.externalCertificatePath.$Target
  if ($p) { ConvertTo-CcSimPath $p }
}

function Get-CcCredential {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$AccountType, [switch]$DisplayPassword)
  $c = $script:Cc.credentials.$AccountType
  if ($null -eq $c) { throw "There is no stored credential of type $AccountType." }
  if ($c.error) {
    if ($c.error.hresult -eq '0x8009000B') { throw [CcdSim.Errors]::KeyNotValid([string]$c.error.message) }
    throw [string]$c.error.message
  }
  New-Object System.Management.Automation.PSCredential -ArgumentList ([string]$c.user), (ConvertTo-SecureString -String ([string]$c.password) -AsPlainText -Force)
}

$exported = @('Get-CcVersion', 'Get-CcRunningVersion', 'Get-CcApplianceDirectory', 'Get-CcSiteDirectory', 'Get-CcExternalCertificateFilePath', 'Get-CcCredential')
Export-ModuleMember -Function @($exported | Where-Object { @($script:Cc.missing) -notcontains $_ })
