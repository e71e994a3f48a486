# The simulated CCE host (test code): the Windows-only commands ccdoctor's probes call, as functions that
# answer from the host model ($env:CCD_SIM_MODEL). Imported into every probe runspace (host side) and into
# each simulated VM's runspace (guest side: $global:CcdSimGuest names the VM).
#
# Faithful where it matters for diagnosis: typed objects (enums, [datetime], [version]), single results
# that PowerShell unrolls, errors as the real commands raise them (honouring -ErrorAction), remoting that
# serialises at depth 1 as PowerShell Direct and WinRM do, and a ConvertTo-Json that refuses what Windows
# PowerShell 5.1 would write differently (no -Depth, [datetime], enums).
Set-StrictMode -Off
$script:Model = Get-Content -Raw -LiteralPath $env:CCD_SIM_MODEL | ConvertFrom-Json
$script:Guest = $null
$g = Get-Variable -Name CcdSimGuest -Scope Global -ValueOnly -ErrorAction SilentlyContinue
if ($g) { $script:Guest = @($script:Model.guests | Where-Object { $_.vmName -eq $g })[0] }

function Write-CcdSimLog([string]$Text) {
  if ($env:CCD_SIM_LOG) { [IO.File]::AppendAllText($env:CCD_SIM_LOG, $Text + "`n") }
}

function ConvertTo-CcdSimValue($v) {
  # Model JSON → PowerShell values: {"$date": iso} → [datetime] (local kind, as WMI gives), {"$version": "x"} → [version].
  if ($null -eq $v) { return $null }
  if ($v -is [System.Management.Automation.PSCustomObject]) {
    $names = @($v.PSObject.Properties.Name)
    if ($names.Count -eq 1 -and $names[0] -eq '$date') { return [datetime]::Parse([string]$v.'$date', [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal).ToLocalTime() }
    if ($names.Count -eq 1 -and $names[0] -eq '$version') { return [version][string]$v.'$version' }
    $o = [ordered]@{}
    foreach ($p in $v.PSObject.Properties) { $o[$p.Name] = ConvertTo-CcdSimValue $p.Value }
    return [pscustomobject]$o
  }
  if ($v -is [array]) { return , @($v | ForEach-Object { ConvertTo-CcdSimValue $_ }) }
  return $v
}

function Fail([System.Management.Automation.PSCmdlet]$Cmdlet, [Exception]$Exception, [string]$Id, [System.Management.Automation.ErrorCategory]$Category, $Target) {
  # Non-terminating, like the real cmdlets: -ErrorAction decides (Stop throws, SilentlyContinue hides).
  $Cmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord -ArgumentList $Exception, $Id, $Category, $Target))
}

function Test-CcdSimLike([string]$Value, [string]$Pattern) {
  $re = '^' + [regex]::Escape($Pattern).Replace('%', '.*').Replace('_', '.') + '$'
  return $Value -match $re
}

function Test-CcdSimWql($Object, [string]$Filter) {
  if (-not $Filter) { return $true }
  foreach ($alt in ($Filter -split '\s+OR\s+')) {
    $all = $true
    foreach ($clause in ($alt -split '\s+AND\s+')) {
      $c = $clause.Trim().Trim('(', ')')
      if ($c -match "^(\w+)\s+LIKE\s+'(.*)'$") { if (-not (Test-CcdSimLike ([string]$Object.($Matches[1])) $Matches[2])) { $all = $false } }
      elseif ($c -match "^(\w+)\s*=\s*'(.*)'$") { if ([string]$Object.($Matches[1]) -ne $Matches[2]) { $all = $false } }
      elseif ($c -match '^(\w+)\s*=\s*(True|False)$') { if ([bool]$Object.($Matches[1]) -ne ($Matches[2] -eq 'True')) { $all = $false } }
      else { throw "simulated WQL: unsupported filter clause '$c'" }
    }
    if ($all) { return $true }
  }
  return $false
}

# ---- CIM ---------------------------------------------------------------------------------------------

function Get-CimInstance {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$ClassName, [string]$Filter, [string]$Namespace, [string]$ComputerName)
  $source = if ($script:Guest) { $script:Guest.cim } else { $script:Model.cim }
  $rows = $source.$ClassName
  if ($null -eq $source.PSObject.Properties[$ClassName]) {
    Fail $PSCmdlet (New-Object Microsoft.Management.Infrastructure.CimException -ArgumentList "Invalid class") 'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' InvalidType $ClassName
    return
  }
  foreach ($r in @($rows)) {
    $o = ConvertTo-CcdSimValue $r
    if (-not (Test-CcdSimWql $o $Filter)) { continue }
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/' + $ClassName)
    $o
  }
}

# ---- registry ------------------------------------------------------------------------------------------

function Get-CcdSimKey([string]$Path) {
  $p = $Path -replace '^Registry::HKEY_LOCAL_MACHINE', 'HKLM:' -replace '^Registry::HKEY_CURRENT_USER', 'HKCU:'
  $p = $p.TrimEnd('\')
  foreach ($k in $script:Model.registry.PSObject.Properties) { if ($k.Name -eq $p) { return $k } }
  return $null
}

function ConvertFrom-CcdSimRegValue($v) {
  switch ([string]$v.kind) {
    'DWord' { return [int]$v.value }
    'QWord' { return [long]$v.value }
    'Binary' { return , [byte[]][Convert]::FromBase64String([string]$v.value) }
    'MultiString' { return , [string[]]@($v.value) }
    default { return [string]$v.value }
  }
}

function Get-ItemProperty {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(ParameterSetName = 'Path', Position = 0)][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
  $paths = if ($PSCmdlet.ParameterSetName -eq 'LiteralPath') { $LiteralPath } else { $Path }
  foreach ($one in $paths) {
    if ($one -notmatch '^(HKLM|HKCU|Registry)::?') { Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters; return }
    $key = Get-CcdSimKey $one
    if ($null -eq $key) {
      Fail $PSCmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList "Cannot find path '$one' because it does not exist.") 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand' ObjectNotFound $one
      continue
    }
    $o = [ordered]@{}
    foreach ($v in $key.Value.PSObject.Properties) {
      if ($Name -and $Name -notcontains $v.Name) { continue }
      $o[$v.Name] = ConvertFrom-CcdSimRegValue $v.Value
    }
    foreach ($n in @($Name)) {
      if ($n -and -not $o.Contains($n)) {
        Fail $PSCmdlet (New-Object System.Management.Automation.PSArgumentException -ArgumentList "Property $n does not exist at path $one.") 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand' InvalidArgument $n
        return
      }
    }
    $o['PSPath'] = 'Microsoft.PowerShell.Core\Registry::' + $key.Name
    [pscustomobject]$o
  }
}

function Get-Item {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(ParameterSetName = 'Path', Position = 0)][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][string[]]$LiteralPath, [switch]$Force)
  $paths = if ($PSCmdlet.ParameterSetName -eq 'LiteralPath') { $LiteralPath } else { $Path }
  foreach ($one in $paths) {
    if ($one -match '^WSMan:\\localhost\\Client\\TrustedHosts$') { [pscustomobject]@{ Name = 'TrustedHosts'; Value = [string]$script:Model.trustedHosts }; continue }
    if ($one -notmatch '^(HKLM|HKCU|Registry)::?') { Microsoft.PowerShell.Management\Get-Item @PSBoundParameters; return }
    $key = Get-CcdSimKey $one
    if ($null -eq $key) {
      Fail $PSCmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList "Cannot find path '$one' because it does not exist.") 'PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand' ObjectNotFound $one
      continue
    }
    # A RegistryKey's reading surface: GetValue (optionally without expanding %VARIABLES%), GetValueKind,
    # GetValueNames. Values are converted here: script methods cannot call this module's functions.
    $raw = @{}; $expanded = @{}; $kinds = @{}
    foreach ($v in $key.Value.PSObject.Properties) {
      $value = ConvertFrom-CcdSimRegValue $v.Value
      $raw[$v.Name] = $value
      $kinds[$v.Name] = [string]$v.Value.kind
      if ([string]$v.Value.kind -eq 'ExpandString') {
        $expanded[$v.Name] = [regex]::Replace($value, '%(\w+)%', { param($m) $e = $script:Model.windowsEnv.($m.Groups[1].Value); if ($null -ne $e) { $e } else { $m.Value } })
      } else { $expanded[$v.Name] = $value }
    }
    $k = [pscustomobject]@{ Name = $key.Name; PSPath = 'Microsoft.PowerShell.Core\Registry::' + $key.Name }
    $k | Add-Member -MemberType ScriptMethod -Name GetValueNames -Value { @($kinds.Keys) }.GetNewClosure()
    $k | Add-Member -MemberType ScriptMethod -Name GetValueKind -Value {
      param($n)
      if (-not $kinds.ContainsKey($n)) { throw (New-Object System.IO.IOException -ArgumentList 'The specified registry key does not exist.') }
      [Microsoft.Win32.RegistryValueKind]$kinds[$n]
    }.GetNewClosure()
    $k | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
      param($n, $default, $options)
      if (-not $raw.ContainsKey($n)) { return $default }
      if ([string]$options -eq 'DoNotExpandEnvironmentNames') { return $raw[$n] }
      return $expanded[$n]
    }.GetNewClosure()
    $k
  }
}

# ---- Hyper-V -------------------------------------------------------------------------------------------

function New-CcdSimVm($v) {
  $o = New-Object Microsoft.HyperV.PowerShell.VirtualMachine
  $o.Name = [string]$v.name
  $o.VMId = [guid]([string]$v.id)
  $o.State = [Microsoft.HyperV.PowerShell.VMState][string]$v.state
  $o
}

function Get-VM {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  foreach ($v in @($script:Model.hyperv.vms)) {
    if ($Name -and -not ($Name | Where-Object { $v.name -like $_ })) { continue }
    New-CcdSimVm $v
  }
}

function Get-VMNetworkAdapter {
  [CmdletBinding()]
  param([Parameter(ValueFromPipeline = $true)]$VM, [string[]]$VMName, [switch]$ManagementOS, [switch]$All)
  process {
    if ($ManagementOS) {
      foreach ($a in @($script:Model.hyperv.managementOs)) {
        $o = New-Object Microsoft.HyperV.PowerShell.VMNetworkAdapter
        $o.Name = [string]$a.name; $o.SwitchName = [string]$a.switchName; $o.MacAddress = [string]$a.macAddress; $o.IsManagementOs = $true; $o.IPAddresses = @()
        $o
      }
      return
    }
    $names = @()
    if ($VM) { $names = @($VM | ForEach-Object { $_.Name }) } elseif ($VMName) { $names = $VMName }
    foreach ($v in @($script:Model.hyperv.vms | Where-Object { $names -contains $_.name })) {
      foreach ($a in @($v.adapters)) {
        $o = New-Object Microsoft.HyperV.PowerShell.VMNetworkAdapter
        $o.Name = [string]$a.name; $o.VMName = [string]$v.name; $o.SwitchName = $a.switchName; $o.MacAddress = [string]$a.macAddress
        $o.IPAddresses = [string[]]@($a.ipAddresses)
        $o
      }
    }
  }
}

function Get-VMSwitch {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  foreach ($s in @($script:Model.hyperv.switches)) {
    $o = New-Object Microsoft.HyperV.PowerShell.VMSwitch
    $o.Name = [string]$s.name
    $o.SwitchType = [Microsoft.HyperV.PowerShell.VMSwitchType][string]$s.switchType
    $o
  }
}

# ---- networking, Defender, DISM, processes, shares -----------------------------------------------------

function Get-NetIPAddress {
  [CmdletBinding()]
  param([string[]]$InterfaceAlias, [int[]]$InterfaceIndex, [string]$AddressFamily)
  $rows = @($script:Model.netIPAddresses | Where-Object { (-not $InterfaceAlias -or $InterfaceAlias -contains $_.interfaceAlias) -and (-not $InterfaceIndex -or $InterfaceIndex -contains [int]$_.interfaceIndex) })
  if ($rows.Count -eq 0) {
    Fail $PSCmdlet (New-Object Microsoft.Management.Infrastructure.CimException -ArgumentList 'No matching MSFT_NetIPAddress objects found') 'CmdletizationQuery_NotFound,Get-NetIPAddress' ObjectNotFound $InterfaceAlias
    return
  }
  foreach ($r in $rows) { [pscustomobject]@{ InterfaceAlias = [string]$r.interfaceAlias; InterfaceIndex = [int]$r.interfaceIndex; IPAddress = [string]$r.ipAddress; PrefixLength = [byte]$r.prefixLength; AddressFamily = 'IPv4' } }
}

function Get-NetAdapter {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [switch]$IncludeHidden)
  foreach ($a in @($script:Model.netAdapters)) {
    if ($Name -and -not ($Name | Where-Object { $a.name -like $_ })) { continue }
    [pscustomobject]@{ Name = [string]$a.name; InterfaceAlias = [string]$a.name; InterfaceIndex = [int]$a.interfaceIndex; MacAddress = [string]$a.macAddress; InterfaceDescription = [string]$a.interfaceDescription }
  }
}

function Get-MpPreference {
  [CmdletBinding()] param()
  $d = $script:Model.defender
  [pscustomobject]@{ ExclusionPath = $(if ($d.exclusionPath) { [string[]]@($d.exclusionPath) } else { $null }); ExclusionProcess = $(if ($d.exclusionProcess) { [string[]]@($d.exclusionProcess) } else { $null }) }
}

function Get-MProtPreference {
  [CmdletBinding()] param()
  $d = $script:Model.scep
  [pscustomobject]@{ ExclusionPath = $(if ($d.exclusionPath) { [string[]]@($d.exclusionPath) } else { $null }); ExclusionProcess = $(if ($d.exclusionProcess) { [string[]]@($d.exclusionProcess) } else { $null }) }
}

function Get-WindowsImage {
  [CmdletBinding()]
  param([switch]$Mounted)
  foreach ($i in @($script:Model.mountedImages)) {
    $o = New-Object Microsoft.Dism.Commands.MountedImageInfoObject
    $o.Path = [string]$i.path; $o.ImagePath = [string]$i.imagePath; $o.ImageIndex = 1
    $o.MountStatus = [Microsoft.Dism.Commands.MountStatus][string]$i.mountStatus
    $o
  }
}

function Get-Process {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [int[]]$Id)
  if ($Id) { Microsoft.PowerShell.Management\Get-Process @PSBoundParameters; return }
  foreach ($p in @($script:Model.processes)) {
    if ($Name -and -not ($Name | Where-Object { $p.name -like $_ })) { continue }
    $o = [pscustomobject]@{ Id = [int]$p.id; ProcessName = [string]$p.name; Name = [string]$p.name }
    $start = ConvertTo-CcdSimValue $p.startTime
    $o | Add-Member -MemberType ScriptProperty -Name StartTime -Value { if ($null -eq $start) { throw 'Access is denied' } $start }.GetNewClosure()
    $o
  }
}

function Get-SmbShare {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  $rows = @($script:Model.smbShares | Where-Object { -not $Name -or $Name -contains $_.name })
  if ($Name -and $rows.Count -eq 0) {
    Fail $PSCmdlet (New-Object Microsoft.Management.Infrastructure.CimException -ArgumentList 'No MSFT_SmbShare objects found with property ''Name''') 'CmdletizationQuery_NotFound_Name,Get-SmbShare' ObjectNotFound $Name
    return
  }
  foreach ($s in $rows) { [pscustomobject]@{ Name = [string]$s.name; Path = [string]$s.path } }
}

function New-Object {
  [CmdletBinding(DefaultParameterSetName = 'Net')]
  param([Parameter(ParameterSetName = 'Net', Position = 0)][string]$TypeName, [Parameter(ParameterSetName = 'Net', Position = 1)][object[]]$ArgumentList, [Parameter(ParameterSetName = 'Com')][string]$ComObject, [hashtable]$Property, [switch]$Strict)
  if ($PSCmdlet.ParameterSetName -ne 'Com') { Microsoft.PowerShell.Utility\New-Object @PSBoundParameters; return }
  if ($ComObject -ne 'Microsoft.Update.Session') { throw "Retrieving the COM class factory for component with CLSID {00000000-0000-0000-0000-000000000000} failed (simulated host: $ComObject)" }
  $updates = @($script:Model.updates)
  $delay = [int]$script:Model.updatesDelayMs
  $searcher = [pscustomobject]@{}
  $searcher | Add-Member -MemberType ScriptMethod -Name GetTotalHistoryCount -Value { $updates.Count }.GetNewClosure()
  $searcher | Add-Member -MemberType ScriptMethod -Name QueryHistory -Value {
    param($start, $count)
    if ($delay -gt 0) { Start-Sleep -Milliseconds $delay }
    @($updates | Select-Object -Skip $start -First $count | ForEach-Object {
      # WUA gives the date as a UTC time in an unspecified-kind DateTime.
      $d = [datetime]::SpecifyKind(([datetime]::Parse([string]$_.date, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal)), 'Unspecified')
      [pscustomobject]@{ Title = [string]$_.title; Date = $d; Operation = [int]$_.operation; ResultCode = [int]$_.resultCode }
    })
  }.GetNewClosure()
  $session = [pscustomobject]@{}
  $session | Add-Member -MemberType ScriptMethod -Name CreateUpdateSearcher -Value { $searcher }.GetNewClosure()
  $session
}

function Resolve-DnsName {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Name, [string]$Type = 'A', [switch]$DnsOnly)
  $ips = $script:Model.dns.$Name
  if ($null -eq $ips) {
    Fail $PSCmdlet (New-Object System.ComponentModel.Win32Exception -ArgumentList 9003, "$Name : DNS name does not exist") 'DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName' ResourceUnavailable $Name
    return
  }
  foreach ($ip in @($ips)) { [pscustomobject]@{ Name = $Name; Type = 'A'; IPAddress = [string]$ip; Section = 'Answer' } }
}

function Get-CsComputer {
  [CmdletBinding()]
  param([string]$Identity)
  $pool = $script:Model.lync.computers.$Identity
  if ($null -eq $pool) { throw "Management object not found for identity `"$Identity`"." }
  [pscustomobject]@{ Identity = $Identity; Fqdn = $Identity; Pool = [string]$pool }
}

function Get-CsPool {
  [CmdletBinding()]
  param([string]$Identity)
  $c = $script:Model.lync.pools.$Identity
  if ($null -eq $c) { throw "Management object not found for identity `"$Identity`"." }
  [pscustomobject]@{ Identity = $Identity; Fqdn = $Identity; Computers = [string[]]@($c) }
}

# ---- remoting to the VMs -------------------------------------------------------------------------------

function Find-CcdSimGuest([string]$VMName, [string]$ComputerName) {
  foreach ($g in @($script:Model.guests)) {
    if ($VMName -and $g.vmName -eq $VMName) { return $g }
    if ($ComputerName -and (@($g.ips) -contains $ComputerName -or $g.vmName -eq $ComputerName -or $g.fqdn -eq $ComputerName)) { return $g }
  }
  return $null
}

function Test-CcdSimTrusted([string]$Target) {
  $t = [string]$script:Model.trustedHosts
  if ($t -eq '*') { return $true }
  foreach ($e in ($t -split ',')) { if ($e.Trim() -and $Target -like $e.Trim()) { return $true } }
  return $false
}

function Open-CcdSimGuest([string]$VMName, [string]$ComputerName, $Credential, [switch]$UseSSL) {
  # Throws what Windows would: the checks the real client and guest make, in their order.
  if ($VMName) {
    $vm = @($script:Model.hyperv.vms | Where-Object { $_.name -eq $VMName })[0]
    if ($null -eq $vm) { throw (New-Object System.ArgumentException -ArgumentList "The input VMName $VMName does not resolve to a single virtual machine.") }
    if ($vm.state -ne 'Running') { throw (New-Object System.InvalidOperationException -ArgumentList "The virtual machine $VMName is not in running state.") }
    $g = Find-CcdSimGuest -VMName $VMName
    if ($null -eq $g -or -not $g.direct) {
      # PowerShell Direct needs a Windows 10 / Server 2016 guest; a 2012 R2 guest never answers.
      if ($script:Model.directFailureMs) { Start-Sleep -Milliseconds ([int]$script:Model.directFailureMs) }
      throw (New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList 'An error has occurred which Windows PowerShell cannot handle. A remote session might have ended.')
    }
  } else {
    $g = Find-CcdSimGuest -ComputerName $ComputerName
    $isIp = $ComputerName -match '^\d+\.\d+\.\d+\.\d+$'
    if ($isIp -and -not $UseSSL -and -not (Test-CcdSimTrusted $ComputerName)) {
      throw (New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList ("Connecting to remote server $ComputerName failed with the following error message : The WinRM client cannot process the request. Default authentication may be used with an IP address under the following conditions: the transport is HTTPS or the destination is in the TrustedHosts list, and explicit credentials are provided. Use winrm.cmd to configure TrustedHosts. Note that computers in the TrustedHosts list might not be authenticated. For more information on how to set TrustedHosts run the following command: winrm help config. For more information, see the about_Remote_Troubleshooting Help topic."))
    }
    if ($null -eq $g -or -not $g.winrm) {
      throw (New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList ("Connecting to remote server $ComputerName failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. For more information, see the about_Remote_Troubleshooting Help topic."))
    }
  }
  if ($null -ne $Credential -and $g.password -and $Credential.GetNetworkCredential().Password -cne [string]$g.password) {
    throw (New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList 'The user name or password is incorrect.')
  }
  if ($null -eq $Credential -or -not $g.credentialOk) {
    throw (New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList 'The credential is invalid.')
  }
  return $g
}

function Invoke-CcdSimGuest($Guest, [scriptblock]$ScriptBlock, [object[]]$ArgumentList) {
  # Arguments and results cross as remoting sends them: serialised to depth 1.
  $iss = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
  [void]$iss.ImportPSModule([string[]]@($PSCommandPath))
  $iss.Variables.Add((New-Object System.Management.Automation.Runspaces.SessionStateVariableEntry -ArgumentList 'CcdSimGuest', ([string]$Guest.vmName), ''))
  $rs = [runspacefactory]::CreateRunspace($iss)
  $rs.Open()
  try {
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    [void]$ps.AddScript($ScriptBlock.ToString())
    foreach ($a in @($ArgumentList)) { [void]$ps.AddArgument([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($a, 1))) }
    $out = $ps.Invoke()
    foreach ($e in $ps.Streams.Error) { Write-Error -ErrorRecord $e }
    foreach ($o in $out) {
      $d = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o, 1))
      if ($d -is [psobject]) { $d | Add-Member -NotePropertyName PSComputerName -NotePropertyValue ([string]$Guest.vmName) -Force }
      $d
    }
  } finally { $rs.Dispose() }
}

function New-PSSessionOption {
  # The WSMan options (OpenTimeout …) exist only on Windows: the simulated host keeps them as given.
  [CmdletBinding()]
  param([int]$OpenTimeout, [int]$OperationTimeout, [int]$CancelTimeout, [switch]$SkipCACheck, [switch]$SkipCNCheck)
  [pscustomobject]@{ OpenTimeout = [timespan]::FromMilliseconds($OpenTimeout); OperationTimeout = [timespan]::FromMilliseconds($OperationTimeout); CancelTimeout = [timespan]::FromMilliseconds($CancelTimeout) }
}

function New-PSSession {
  [CmdletBinding()]
  param([string[]]$ComputerName, [string[]]$VMName, [pscredential]$Credential, [switch]$UseSSL, [string]$Authentication, $SessionOption, [int]$Port)
  Write-CcdSimLog ('New-PSSession ' + [string]$VMName + [string]$ComputerName + ' ' + [string]$Authentication)
  $g = Open-CcdSimGuest -VMName ([string]$VMName) -ComputerName ([string]$ComputerName) -Credential $Credential -UseSSL:$UseSSL
  $s = [pscustomobject]@{ ComputerName = [string]$ComputerName; VMName = [string]$VMName; Guest = $g; State = 'Opened'; Availability = 'Available' }
  $s.PSObject.TypeNames.Insert(0, 'CcdSim.PSSession')
  $s
}

function Remove-PSSession {
  [CmdletBinding()]
  param([Parameter(ValueFromPipeline = $true, Position = 0)]$Session)
  process { foreach ($s in @($Session)) { if ($s) { $s.State = 'Closed'; Write-CcdSimLog ('Remove-PSSession ' + $s.VMName + $s.ComputerName) } } }
}

function Invoke-Command {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][scriptblock]$ScriptBlock, [object[]]$ArgumentList, [string[]]$ComputerName, [string[]]$VMName,
    $Session, [pscredential]$Credential, [switch]$UseSSL, [string]$Authentication, $SessionOption, [switch]$NoNewScope, [switch]$HideComputerName
  )
  if (-not $ComputerName -and -not $VMName -and -not $Session) {
    $local = @{} + $PSBoundParameters
    Microsoft.PowerShell.Core\Invoke-Command @local
    return
  }
  Write-CcdSimLog ('Invoke-Command ' + [string]$VMName + [string]$ComputerName + $(if ($Session) { 'session:' + $Session.VMName + $Session.ComputerName } else { '' }))
  try {
    if ($Session) {
      if ($Session.State -ne 'Opened') { throw (New-Object System.InvalidOperationException -ArgumentList 'The session state is Closed.') }
      $g = $Session.Guest
    } else { $g = Open-CcdSimGuest -VMName ([string]$VMName) -ComputerName ([string]$ComputerName) -Credential $Credential -UseSSL:$UseSSL }
  } catch {
    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord -ArgumentList $_.Exception, 'PSSessionStateBroken', OpenError, ([string]$VMName + [string]$ComputerName)))
    return
  }
  Invoke-CcdSimGuest $g $ScriptBlock $ArgumentList
}

# ---- guest side (inside a simulated VM) ----------------------------------------------------------------

function Get-NetFirewallRule {
  [CmdletBinding()]
  param([string[]]$DisplayName)
  $rows = @($script:Guest.firewallRules | Where-Object { -not $DisplayName -or $DisplayName -contains $_.displayName })
  if ($DisplayName -and $rows.Count -eq 0) {
    Fail $PSCmdlet (New-Object Microsoft.Management.Infrastructure.CimException -ArgumentList ("No MSFT_NetFirewallRule objects found with property 'DisplayName' equal to '" + ($DisplayName -join ',') + "'.")) 'CmdletizationQuery_NotFound_DisplayName,Get-NetFirewallRule' ObjectNotFound $DisplayName
    return
  }
  foreach ($r in $rows) { [pscustomobject]@{ DisplayName = [string]$r.displayName; Direction = [string]$r.direction; Enabled = [string]$r.enabled } }
}

function Get-ChildItem {
  [CmdletBinding(DefaultParameterSetName = 'Items')]
  param(
    [Parameter(ParameterSetName = 'Items', Position = 0)][string[]]$Path, [Parameter(ParameterSetName = 'Literal')][string[]]$LiteralPath,
    [Parameter(Position = 1)][string]$Filter, [switch]$Recurse, [switch]$File, [switch]$Directory, [switch]$Force, [switch]$CodeSigningCert
  )
  $one = @($Path + $LiteralPath | Where-Object { $_ })[0]
  if ($one -notmatch '^Cert:\\') {
    $fwd = @{} + $PSBoundParameters
    $times = $script:Model.creationTimes
    foreach ($item in @(Microsoft.PowerShell.Management\Get-ChildItem @fwd)) {
      $t = if ($times) { $times.($item.FullName) } else { $null }
      if ($t) { $item | Add-Member -NotePropertyName CreationTimeUtc -NotePropertyValue ([datetime]::Parse([string]$t, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal)) -Force }
      $item
    }
    return
  }
  $store = ($one -split '\\')[-1]
  $certs = if ($script:Guest) { $script:Guest.certs.$store } else { $script:Model.certs.$store }
  foreach ($pem in @($certs)) {
    if (-not $pem) { continue }
    $b64 = ($pem -replace '-----[A-Z ]+-----', '' -replace '\s', '')
    New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (, [Convert]::FromBase64String($b64))
  }
}

function Test-Connection {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$ComputerName, [int]$Count = 4, [switch]$Quiet)
  $ok = [bool]$script:Guest.ping.($ComputerName[0])
  if ($Quiet) { return $ok }
  if (-not $ok) { Fail $PSCmdlet (New-Object System.Net.NetworkInformation.PingException -ArgumentList ("Testing connection to computer '" + $ComputerName[0] + "' failed: Error due to lack of resources")) 'TestConnectionException,Microsoft.PowerShell.Commands.TestConnectionCommand' ResourceUnavailable $ComputerName }
}

# ---- ConvertTo-Json as Windows PowerShell 5.1 would need it ---------------------------------------------

function Find-CcdSimProbeId {
  foreach ($f in Get-PSCallStack) {
    $text = $null
    try { $text = $f.Position.StartScriptPosition.GetFullScript() } catch { $text = $null }
    if ($text -and $text -match '^param\(\$cred\)\r?\n# ccdoctor probe ([\w.-]+)') { return $Matches[1] }
  }
  return $null
}

function Assert-CcdSimJsonSafe($Value, [int]$Depth, [string]$Where) {
  # Windows PowerShell 5.1 writes [datetime] as "\/Date(ms)\/" and enums as numbers: a probe must convert them first.
  if ($null -eq $Value -or $Depth -lt 0) { return }
  $v = if ($Value -is [psobject]) { $Value.PSObject.BaseObject } else { $Value }
  if ($v -is [datetime] -or $v -is [datetimeoffset]) { throw "simulated Windows PowerShell 5.1: ConvertTo-Json would write the [datetime] at $Where as \/Date(...)\/ (format it with ToString('o'))" }
  if ($v -is [enum]) { throw "simulated Windows PowerShell 5.1: ConvertTo-Json would write the enum $($v.GetType().FullName) at $Where as a number (use ToString())" }
  if ($v -is [string] -or $v -is [ValueType]) { return }
  if ($v -is [System.Collections.IDictionary]) { foreach ($k in $v.Keys) { Assert-CcdSimJsonSafe $v[$k] ($Depth - 1) "$Where.$k" }; return }
  if ($v -is [System.Collections.IEnumerable]) { $i = 0; foreach ($x in $v) { Assert-CcdSimJsonSafe $x ($Depth - 1) "$Where[$i]"; $i++ }; return }
  foreach ($p in $Value.PSObject.Properties) {
    if ($p.MemberType -notin 'NoteProperty', 'Property', 'ScriptProperty', 'AliasProperty') { continue }
    $pv = $null
    try { $pv = $p.Value } catch { continue }
    Assert-CcdSimJsonSafe $pv ($Depth - 1) "$Where.$($p.Name)"
  }
}

function ConvertTo-Json {
  [CmdletBinding()]
  param([Parameter(ValueFromPipeline = $true, Position = 0)][AllowNull()]$InputObject, [int]$Depth = -1, [switch]$Compress, [switch]$EnumsAsStrings, [switch]$AsArray)
  begin { $items = New-Object System.Collections.ArrayList }
  process { [void]$items.Add($InputObject) }
  end {
    if (-not $PSBoundParameters.ContainsKey('Depth')) { throw 'simulated Windows PowerShell 5.1: ConvertTo-Json without -Depth silently cuts objects at depth 2: give -Depth' }
    if ($EnumsAsStrings -or $AsArray) { throw 'simulated Windows PowerShell 5.1: -EnumsAsStrings and -AsArray do not exist before PowerShell 6' }
    $probe = Find-CcdSimProbeId
    if ($probe -and $script:Model.faults.$probe) {
      $f = $script:Model.faults.$probe
      if ($f.sleepMs) { Start-Sleep -Milliseconds ([int]$f.sleepMs) }
      throw [string]$f.message
    }
    $value = if ($items.Count -eq 1) { $items[0] } else { , $items.ToArray() }
    Assert-CcdSimJsonSafe $value $Depth 'value'
    Microsoft.PowerShell.Utility\ConvertTo-Json -InputObject $value -Depth $Depth -Compress:$Compress
  }
}

# Commands this host does not have (no Hyper-V module, no Defender, …) are not exported: calling them
# fails as on such a host ("The term … is not recognized").
$all = @(
  'Get-CimInstance', 'Get-ItemProperty', 'Get-Item', 'Get-VM', 'Get-VMNetworkAdapter', 'Get-VMSwitch', 'Get-NetIPAddress', 'Get-NetAdapter',
  'Get-MpPreference', 'Get-MProtPreference', 'Get-WindowsImage', 'Get-Process', 'Get-SmbShare', 'New-Object', 'Resolve-DnsName',
  'Get-CsComputer', 'Get-CsPool', 'New-PSSessionOption', 'New-PSSession', 'Remove-PSSession', 'Invoke-Command', 'Get-NetFirewallRule', 'Get-ChildItem',
  'Test-Connection', 'ConvertTo-Json'
)
$missing = @($script:Model.missingCommands)
if ($script:Guest) { $missing = @($script:Guest.missingCommands) }
if ($null -eq $script:Model.defender -and -not $script:Guest) { $missing += 'Get-MpPreference' }
if ($null -eq $script:Model.scep -and -not $script:Guest) { $missing += 'Get-MProtPreference' }
if ($null -eq $script:Model.lync -and -not $script:Guest) { $missing += 'Get-CsComputer', 'Get-CsPool' }
Export-ModuleMember -Function @($all | Where-Object { $missing -notcontains $_ })
