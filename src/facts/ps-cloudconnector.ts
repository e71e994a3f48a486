/**
 * PowerShell shared by the probes that ask the CloudConnector module (Get-Cc* cmdlets).
 *
 * - The module is found by its folder when PSModulePath lost it (the symptom cloudconnector-module-not-found):
 *   importing it into ccdoctor's own session changes nothing on the host and lets the other facts be read.
 * - A cmdlet's output is never pasted through Out-String: Get-CcVersion documents no return type, and a
 *   [version] or an object would render as a table. The last non-empty value is taken, and a [version],
 *   a string and an object with a Version/Path property are each handled; anything else is an error
 *   (the fact is unknown, never a confident verdict on text that was not understood).
 * - A folder a cmdlet names is checked with Test-Path before it is used.
 */
export const PS_CLOUDCONNECTOR = `function Use-CcdCloudConnector {
  if (Get-Command Get-CcApplianceDirectory -ErrorAction SilentlyContinue) { return }
  $dir = Join-Path $env:ProgramFiles 'WindowsPowerShell\\Modules\\CloudConnector'
  if (Test-Path -LiteralPath $dir -PathType Container) { Import-Module -Name $dir -ErrorAction Stop; return }
  throw ('the CloudConnector module is not installed (no ' + $dir + ')')
}
function Get-CcdCcValue([scriptblock]$Call, [string]$What) {
  $out = @(& $Call | Where-Object { $null -ne $_ -and -not ($_ -is [string] -and $_.Trim() -eq '') })
  if ($out.Count -eq 0) { return $null }
  $v = $out[$out.Count - 1]
  if ($v -is [version]) { return $v.ToString() }
  if ($v -is [string]) { return $v.Trim() }
  foreach ($n in @('Version', 'Path', 'FullName', 'Value')) {
    $p = $v.PSObject.Properties[$n]
    if ($null -ne $p -and $null -ne $p.Value) { return ([string]$p.Value).Trim() }
  }
  throw ($What + ' printed an object of type ' + $v.GetType().FullName + ' that ccdoctor does not understand')
}
function Get-CcdCcFolder([scriptblock]$Call, [string]$What) {
  $p = Get-CcdCcValue $Call $What
  if (-not $p) { throw ($What + ' printed nothing') }
  if (-not (Test-Path -LiteralPath $p -PathType Container)) { throw ($What + ' printed ''' + $p + ''', which is not a folder on this host') }
  return $p
}`;
