import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import { psQuote } from '../core/powershell/quote.js';
import { PS_CLOUDCONNECTOR } from './ps-cloudconnector.js';
import { PS_VM_NAME } from './vm-name.js';
import { allMonitoredServices, MONITORED_FIREWALL_RULES, VM_ROLES, type VmRole } from '../core/monitoring/services.js';

/**
 * PowerShell that defines Invoke-CcdInVm: runs a script block inside a role's VM and returns
 * { role, vmName, address, reachable, message, data }.
 *
 * CCE guests are Windows Server 2012 R2, where PowerShell Direct (-VMName) never works, so the VMs are
 * reached over WinRM, the way the management service reaches them: from 2.0 on at the role's corpnet IP in
 * CloudConnector.ini, before 2.0 at the VM's address on the management switch (then the corpnet IP).
 * Explicit credentials and Negotiate authentication, with open and operation time limits; one session per
 * VM address, kept in the runspace (these probes share one) and closed at the end of the run. When WinRM
 * refuses an IP address that is not in TrustedHosts, that is the evidence. The VM itself (for its name and
 * state) is picked with the shared matcher (vm-name.ts): never from an empty server name, a running VM
 * first, then one named with the running version.
 */
export const PS_IN_VM = `${PS_CLOUDCONNECTOR}
${PS_VM_NAME}
Use-CcdCloudConnector
$ccdIni = Get-Content -LiteralPath (Join-Path (Get-CcdCcFolder { Get-CcApplianceDirectory } 'Get-CcApplianceDirectory') 'CloudConnector.ini')
function Get-CcdIniValue([string]$Section, [string]$Key) {
  $in = $false
  foreach ($line in $ccdIni) {
    if ($line -match '^\\s*\\[(.+?)\\]') { $in = ($Matches[1].Trim() -eq $Section); continue }
    if ($in -and $line -match ('^\\s*' + [regex]::Escape($Key) + '\\s*=(.*)$')) { return $Matches[1].Trim() }
  }
  return $null
}
$ccdVersion = $null
if (Get-Command Get-CcVersion -ErrorAction SilentlyContinue) { try { $ccdVersion = [version](Get-CcdCcValue { Get-CcVersion } 'Get-CcVersion') } catch { $ccdVersion = $null } }
$ccdRunning = $null
try { $ccdRunning = Get-CcdCcValue { Get-CcRunningVersion } 'Get-CcRunningVersion' } catch { $ccdRunning = $null }
function Test-CcdTrustedHost([string]$Address) {
  $list = $null
  try { $list = [string](Get-Item -LiteralPath 'WSMan:\\localhost\\Client\\TrustedHosts' -ErrorAction Stop).Value } catch { return $null }
  foreach ($e in ($list -split ',')) { if ($e.Trim() -and $Address -like $e.Trim()) { return $true } }
  return $false
}
function Get-CcdVmSession([string]$Address) {
  if ($null -eq $global:ccdVmSessions) { $global:ccdVmSessions = @{} }
  $s = $global:ccdVmSessions[$Address]
  # Reused only when idle: a session an earlier (stopped) probe left busy, or broken, is replaced.
  if ($null -ne $s -and [string]$s.State -eq 'Opened' -and [string]$s.Availability -eq 'Available') { return $s }
  if ($null -ne $s) { try { Remove-PSSession -Session $s -ErrorAction SilentlyContinue } catch { $null = $_ } }
  $opt = New-PSSessionOption -OpenTimeout 20000 -OperationTimeout 90000 -CancelTimeout 5000
  $s = New-PSSession -ComputerName $Address -Credential $cred -Authentication Negotiate -SessionOption $opt -ErrorAction Stop
  $global:ccdVmSessions[$Address] = $s
  return $s
}
function Invoke-CcdInVm([string]$Role, [scriptblock]$Block, [object[]]$Arguments = @()) {
  $map = @{ AD = @('Common', 'ServerName', 'IP'); CMS = @('PrimaryCMS', 'ServerName', 'IP'); Mediation = @('MediationServer', 'ServerName', 'IP'); Edge = @('EdgeServer', 'InternalServerName', 'InternalServerIPs') }
  $m = $map[$Role]
  $out = [ordered]@{ role = $Role; vmName = $null; address = $null; reachable = $false; message = $null; data = $null }
  $server = Get-CcdIniValue $m[0] $m[1]
  if (-not $server -and $Role -eq 'Edge') { $server = Get-CcdIniValue 'EdgeServer' 'InternalMachineName' }
  if (-not $server) { $out.message = 'CloudConnector.ini has no ' + $m[1] + ' in [' + $m[0] + ']: which VM is the ' + $Role + ' server cannot be told'; return [pscustomobject]$out }
  $vm = $null
  if (Get-Command Get-VM -ErrorAction SilentlyContinue) {
    $named = @(Get-VM -ErrorAction SilentlyContinue | Where-Object { Test-CcdVmName $_.Name $server })
    $ranked = @($named | Sort-Object -Property @{ Expression = { [string]$_.State -eq 'Running' }; Descending = $true }, @{ Expression = { $ccdRunning -and $_.Name.Contains([string]$ccdRunning) }; Descending = $true })
    if ($ranked.Count -gt 0) { $vm = $ranked[0]; $out.vmName = [string]$vm.Name }
    if ($null -ne $vm -and [string]$vm.State -ne 'Running') { $out.message = 'the ' + $Role + ' VM ' + $vm.Name + ' is ' + [string]$vm.State; return [pscustomobject]$out }
  }
  $ipText = [string](Get-CcdIniValue $m[0] $m[2])
  if (-not $ipText -and $Role -eq 'Edge') { $ipText = [string](Get-CcdIniValue 'EdgeServer' 'InternalMachineIPs') }
  $corpnet = @($ipText -split '[,\\s]+' | Where-Object { $_ })
  $addresses = @()
  if ($null -eq $ccdVersion -or $ccdVersion -lt [version]'2.0') {
    $sw = Get-CcdIniValue 'Network' 'ManagementSwitchName'
    if ($null -ne $vm -and $sw) { $addresses += @(Get-VMNetworkAdapter -VM $vm -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq $sw } | ForEach-Object { $_.IPAddresses } | Where-Object { $_ -match '^\\d+\\.\\d+\\.\\d+\\.\\d+$' }) }
  }
  $addresses += @($corpnet | Select-Object -First 1)
  if ($addresses.Count -eq 0) { $out.message = 'CloudConnector.ini has no ' + $m[2] + ' in [' + $m[0] + '] to reach the ' + $Role + ' VM at'; return [pscustomobject]$out }
  $why = @()
  if ($null -eq $global:ccdVmFailures) { $global:ccdVmFailures = @{} }
  foreach ($a in $addresses) {
    # An address that could not be reached earlier in this run is not tried again: each try can cost the
    # whole open timeout, and every VM probe would pay it.
    if ($global:ccdVmFailures.ContainsKey($a)) { $why += ($a + ': ' + $global:ccdVmFailures[$a]); continue }
    $connected = $false
    try {
      $session = Get-CcdVmSession $a
      $connected = $true
      $out.address = $a
      $out.data = Invoke-Command -Session $session -ScriptBlock $Block -ArgumentList $Arguments -ErrorAction Stop
      $out.reachable = $true
      $out.message = $null
      return [pscustomobject]$out
    } catch {
      $text = $_.Exception.Message
      if ($null -ne $global:ccdVmSessions) { $global:ccdVmSessions.Remove($a) }
      if ((Test-CcdTrustedHost $a) -eq $false) { $text = $a + ' is not in this host''s WinRM TrustedHosts list, so WinRM will not use it (Get-Item WSMan:\\localhost\\Client\\TrustedHosts): ' + $text }
      if (-not $connected) { $global:ccdVmFailures[$a] = $text }
      $why += ($a + ': ' + $text)
    }
  }
  $out.message = 'WinRM to the ' + $Role + ' VM failed: ' + ($why -join '; ')
  return [pscustomobject]$out
}
`;

const role = z.enum(['CMS', 'Mediation', 'Edge']);
const vmAccess = {
  vmName: z.nullable(z.string()),
  /** The address WinRM reached (or last tried). */
  address: z.optional(z.nullable(z.string())),
  reachable: z.boolean(),
  message: z.optional(z.nullable(z.string())),
};

/** Windows service status as Get-Service names it (Win32_Service "Start Pending" → StartPending), or NotFound. */
export const serviceState = z.object({
  name: z.string().check(z.minLength(1)),
  displayName: z.optional(z.nullable(z.string())),
  status: z.string().check(z.minLength(1)),
  /** Automatic, Manual, Disabled; null when not known (checklist answers). */
  startType: z.nullable(z.string()),
});
export type ServiceState = z.infer<typeof serviceState>;

/** In a VM or on a server: the named services via CIM (works on the 2012 R2 guests, where Get-Service has no StartType). */
export const PS_SERVICE_STATES = `param([string[]]$Names)
foreach ($n in $Names) {
  $s = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $n + "'") -ErrorAction SilentlyContinue
  if ($null -eq $s) { [pscustomobject]@{ name = $n; displayName = $null; status = 'NotFound'; startType = $null } }
  else {
    $start = switch ($s.StartMode) { 'Auto' { 'Automatic' } default { [string]$s.StartMode } }
    [pscustomobject]@{ name = $s.Name; displayName = $s.DisplayName; status = ([string]$s.State -replace ' ', ''); startType = $start }
  }
}`;

const roleServices = z.object({ role, ...vmAccess, services: z.array(serviceState) });
export type RoleServices = z.infer<typeof roleServices>;

const psList = (items: readonly string[]) => `@(${items.map(psQuote).join(', ')})`;

const SERVICE_ANSWER = /^(CMS|Mediation|Edge):([A-Za-z0-9_]+):([A-Za-z]+)(?::([A-Za-z]+))?$/i;

function splitAnswer(a: string): string[] {
  return a.split(/[\s,;]+/).filter((s) => s !== '');
}

export const vmServices = defineFact({
  id: 'vm.services',
  title: 'Monitored services in the CMS, Mediation and Edge VMs',
  schema: z.object({ roles: z.array(roleServices) }),
  live: {
    script: `${PS_IN_VM}
$block = [scriptblock]::Create(${psQuote(PS_SERVICE_STATES)})
$roles = foreach ($r in ${psList(VM_ROLES)}) {
  $names = switch ($r) { ${VM_ROLES.map((r) => `'${r}' { ${psList(allMonitoredServices(r))} }`).join(' ')} }
  $x = Invoke-CcdInVm $r $block @(,$names)
  [pscustomobject]@{ role = $x.role; vmName = $x.vmName; address = $x.address; reachable = $x.reachable; message = $x.message; services = @($x.data | Where-Object { $null -ne $_ } | Select-Object name, displayName, status, startType) }
}
[pscustomobject]@{ roles = @($roles) }`,
    requiresAdmin: true,
    timeoutMs: 120_000,
  },
  checklist: {
    question:
      'Which monitored services are NOT Running in the CMS, Mediation and Edge VMs? List them as Role:Service:Status[:StartType], e.g. "Edge:RTCMRAUTH:Stopped:Manual"; leave empty if all run.',
    help: 'In each VM: Get-Service REPLICA, MASTER, RTCSRV, RTCMEDSRV, RTCDATAPROXY, RTCMRAUTH, RTCMEDIARELAY -ErrorAction SilentlyContinue | Select-Object Name, Status, StartType',
    answer: z.string().check(z.trim(), z.refine((a) => splitAnswer(a).every((s) => SERVICE_ANSWER.test(s)), {
      message: 'each item must look like Role:Service:Status[:StartType], Role being CMS, Mediation or Edge',
    })),
    toValue: (a: string) => {
      const roles: RoleServices[] = VM_ROLES.map((r) => ({
        role: r, vmName: null, reachable: true, services: allMonitoredServices(r).map((name) => ({ name, status: 'Running', startType: null })),
      }));
      for (const item of splitAnswer(a)) {
        const [, r, name, status, start] = SERVICE_ANSWER.exec(item)!;
        const entry = roles.find((x) => x.role.toLowerCase() === r!.toLowerCase())!;
        const existing = entry.services.find((s) => s.name.toLowerCase() === name!.toLowerCase());
        const value = { name: name!.toUpperCase(), status: status!, startType: start ?? null };
        if (existing) Object.assign(existing, value);
        else entry.services.push(value);
      }
      return { roles };
    },
  },
});

const firewallRuleState = z.object({
  displayName: z.string(),
  /** Inbound rules with this display name. */
  found: z.int().check(z.nonnegative()),
  disabled: z.int().check(z.nonnegative()),
});

export const vmFirewallRules = defineFact({
  id: 'vm.firewallRules',
  title: 'Monitored inbound firewall rules (CS RTCSRV on the Edge, CS RTCMEDSRV on the Mediation Server)',
  schema: z.object({ roles: z.array(z.object({ role: z.enum(['Edge', 'Mediation']), ...vmAccess, rules: z.array(firewallRuleState) })) }),
  live: {
    script: `${PS_IN_VM}
$block = {
  param([string]$Name)
  $r = @(Get-NetFirewallRule -DisplayName $Name -ErrorAction SilentlyContinue | Where-Object { [string]$_.Direction -eq 'Inbound' })
  [pscustomobject]@{ displayName = $Name; found = $r.Count; disabled = @($r | Where-Object { [string]$_.Enabled -ne 'True' }).Count }
}
$roles = foreach ($p in @(${MONITORED_FIREWALL_RULES.map((f) => `@(${psQuote(f.role)}, ${psQuote(f.rule)})`).join(', ')})) {
  $x = Invoke-CcdInVm $p[0] $block @($p[1])
  [pscustomobject]@{ role = $x.role; vmName = $x.vmName; address = $x.address; reachable = $x.reachable; message = $x.message; rules = @($x.data | Where-Object { $null -ne $_ } | Select-Object displayName, found, disabled) }
}
[pscustomobject]@{ roles = @($roles) }`,
    requiresAdmin: true,
    timeoutMs: 60_000,
  },
  checklist: {
    question: "Are the inbound firewall rules 'CS RTCSRV' (Edge VM) and 'CS RTCMEDSRV' (Mediation VM) enabled?",
    help: "In the VM: Get-NetFirewallRule -DisplayName 'CS RTCSRV' | Select-Object DisplayName, Direction, Enabled",
    choices: [
      { value: 'both', label: 'Both enabled' },
      { value: 'edge-disabled', label: 'CS RTCSRV on the Edge is disabled' },
      { value: 'mediation-disabled', label: 'CS RTCMEDSRV on the Mediation Server is disabled' },
      { value: 'none', label: 'Both disabled' },
    ],
    answer: z.enum(['both', 'edge-disabled', 'mediation-disabled', 'none']),
    toValue: (a: 'both' | 'edge-disabled' | 'mediation-disabled' | 'none') => ({
      roles: MONITORED_FIREWALL_RULES.map((f) => {
        const off = a === 'none' || (a === 'edge-disabled' && f.role === 'Edge') || (a === 'mediation-disabled' && f.role === 'Mediation');
        return { role: f.role, vmName: null, reachable: true, rules: [{ displayName: f.rule, found: 1, disabled: off ? 1 : 0 }] };
      }),
    }),
  },
});

const adapter = z.object({
  name: z.string(),
  ipv4: z.array(z.string()),
  dhcp: z.boolean(),
  dnsServers: z.array(z.string()),
});
export type VmAdapter = z.infer<typeof adapter>;

const domainState = z.object({
  role: z.enum(['CMS', 'Mediation']),
  ...vmAccess,
  computerName: z.optional(z.nullable(z.string())),
  partOfDomain: z.nullable(z.boolean()),
  domain: z.nullable(z.string()),
  adapters: z.array(adapter),
  adFqdn: z.string(),
  adFqdnPing: z.nullable(z.boolean()),
  adIp: z.string(),
  adIpPing: z.nullable(z.boolean()),
});
export type DomainState = z.infer<typeof domainState>;

export const vmDomainMembership = defineFact({
  id: 'vm.domainMembership',
  title: 'CMS and Mediation VMs: domain membership, corpnet IP and DNS, ping of the AD server',
  schema: z.object({ roles: z.array(domainState) }),
  live: {
    script: `${PS_IN_VM}
$adFqdn = (Get-CcdIniValue 'Common' 'ServerName') + '.' + (Get-CcdIniValue 'Common' 'VirtualMachineDomain')
$adIp = [string](Get-CcdIniValue 'Common' 'IP')
$block = {
  param([string]$AdFqdn, [string]$AdIp)
  $cs = Get-CimInstance -ClassName Win32_ComputerSystem
  $nics = foreach ($c in @(Get-CimInstance -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled=True')) {
    [pscustomobject]@{ name = [string]$c.Description; ipv4 = @($c.IPAddress | Where-Object { $_ -match '^\\d+\\.\\d+\\.\\d+\\.\\d+$' }); dhcp = [bool]$c.DHCPEnabled; dnsServers = @($c.DNSServerSearchOrder | Where-Object { $_ }) }
  }
  $domain = $null
  if ($cs.PartOfDomain) { $domain = [string]$cs.Domain }
  [pscustomobject]@{
    computerName = [string]$cs.Name; partOfDomain = [bool]$cs.PartOfDomain; domain = $domain; adapters = @($nics)
    adFqdnPing = [bool](Test-Connection -ComputerName $AdFqdn -Count 2 -Quiet -ErrorAction SilentlyContinue)
    adIpPing = [bool](Test-Connection -ComputerName $AdIp -Count 2 -Quiet -ErrorAction SilentlyContinue)
  }
}
$roles = foreach ($r in @('CMS', 'Mediation')) {
  $x = Invoke-CcdInVm $r $block @($adFqdn, $adIp)
  $d = $x.data
  [pscustomobject]@{
    role = $r; vmName = $x.vmName; address = $x.address; reachable = $x.reachable; message = $x.message; adFqdn = $adFqdn; adIp = $adIp
    computerName = $(if ($d) { $d.computerName } else { $null }); partOfDomain = $(if ($d) { $d.partOfDomain } else { $null })
    domain = $(if ($d) { $d.domain } else { $null }); adapters = @($(if ($d) { $d.adapters }) | Where-Object { $null -ne $_ })
    adFqdnPing = $(if ($d) { $d.adFqdnPing } else { $null }); adIpPing = $(if ($d) { $d.adIpPing } else { $null })
  }
}
[pscustomobject]@{ roles = @($roles) }`,
    requiresAdmin: true,
    timeoutMs: 90_000,
  },
  checklist: {
    question:
      'For the CMS and the Mediation VM give: Role;domain it is joined to (or WORKGROUP);corpnet IP;DNS servers (space-separated);ping AD FQDN ok (yes/no);ping AD IP ok (yes/no);AD FQDN;AD IP. One line per VM, e.g. "Mediation;cce.contoso.local;192.168.10.13;192.168.10.11;yes;yes;AD01.cce.contoso.local;192.168.10.11"',
    help: 'In each VM: (Get-CimInstance Win32_ComputerSystem).Domain; Get-NetIPConfiguration; ping <AD FQDN>; ping <AD IP>',
    answer: z.string().check(z.trim(), z.refine((a) => a.split(/\r?\n|\|/).every((l) => /^(CMS|Mediation);[^;]*;[^;]*;[^;]*;(yes|no);(yes|no);[^;]+;[^;]+$/i.test(l.trim())), {
      message: 'each line must be Role;domain;corpnet IP;DNS servers;yes|no;yes|no;AD FQDN;AD IP',
    })),
    toValue: (a: string) => ({
      roles: a.split(/\r?\n|\|/).map((l) => {
        const [r, domain, ip, dns, pingFqdn, pingIp, adFqdn, adIp] = l.trim().split(';').map((s) => s.trim());
        const joined = domain !== '' && domain!.toUpperCase() !== 'WORKGROUP';
        return {
          role: (r!.toLowerCase() === 'cms' ? 'CMS' : 'Mediation') as 'CMS' | 'Mediation',
          vmName: null, reachable: true, partOfDomain: joined, domain: joined ? domain! : null,
          adapters: [{ name: 'corpnet', ipv4: ip ? [ip] : [], dhcp: false, dnsServers: dns ? dns.split(/\s+/) : [] }],
          adFqdn: adFqdn!, adFqdnPing: pingFqdn!.toLowerCase() === 'yes', adIp: adIp!, adIpPing: pingIp!.toLowerCase() === 'yes',
        };
      }),
    }),
  },
});

export type { VmRole };
