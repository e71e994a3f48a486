/** Host configuration: network adapters, WinHTTP proxy, Windows Update policy, Defender, DISM mounts, PowerShell processes, CCE folders. */
import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import { isPsObject, psArray, psProp, psText, psTextList } from '../core/tenant/ps-json.js';
import { isoTime } from './shapes.js';
import { PS_CLOUDCONNECTOR } from './ps-cloudconnector.js';

const lines = (a: string) => a.split(/\r?\n|;/).map((l) => l.trim()).filter((l) => l !== '');

// ---- host.adapters ---------------------------------------------------------------------------

const ADAPTER_LINE = /^[^|]+\|(\s*\d{1,3}(\.\d{1,3}){3}\/\d{1,2})*\s*$/;

const hostAdapter = z.object({
  /** Interface alias, e.g. "vEthernet (SfB CCE Corpnet Switch)" (or the name it was renamed to). */
  name: z.string().check(z.minLength(1)),
  /** The Hyper-V switch this management-OS adapter is on; null for a physical NIC. */
  switchName: z.nullable(z.string()),
  addresses: z.array(z.object({ ip: z.string(), prefixLength: z.int().check(z.gte(0), z.lte(32)) })),
});
export type HostAdapter = z.infer<typeof hostAdapter>;

export const hostAdapters = defineFact({
  id: 'host.adapters',
  title: 'Host network adapters on Hyper-V switches, with their IPv4 addresses',
  schema: z.array(hostAdapter),
  live: {
    // The management-OS adapter's alias is "vEthernet (<adapter name>)" unless someone renamed it: the
    // adapter is found by its MAC address (Hyper-V gives 00155D010203, Get-NetAdapter 00-15-5D-01-02-03),
    // preferring the Hyper-V virtual adapter when a physical NIC bound to an external switch shows the
    // same address; the default alias only when Get-NetAdapter has no adapter with that MAC.
    script: `$ccdMac = { param($m) ([string]$m -replace '[^0-9A-Fa-f]', '').ToUpperInvariant() }
$nics = @(Get-NetAdapter -ErrorAction SilentlyContinue)
$out = @(Get-VMNetworkAdapter -ManagementOS -ErrorAction Stop | ForEach-Object {
  $va = $_
  $mac = & $ccdMac $va.MacAddress
  $same = @($nics | Where-Object { $mac -ne '' -and (& $ccdMac $_.MacAddress) -eq $mac })
  $virtual = @($same | Where-Object { [string]$_.InterfaceDescription -like 'Hyper-V Virtual Ethernet Adapter*' })
  if ($virtual.Count -gt 0) { $same = $virtual }
  $ips = @()
  if ($same.Count -gt 0) {
    $alias = [string]$same[0].Name
    $ips = @(Get-NetIPAddress -InterfaceIndex ([int]$same[0].InterfaceIndex) -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ ip = $_.IPAddress; prefixLength = [int]$_.PrefixLength } })
  } else {
    $alias = 'vEthernet (' + $va.Name + ')'
    $ips = @(Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ ip = $_.IPAddress; prefixLength = [int]$_.PrefixLength } })
  }
  [pscustomobject]@{ name = $alias; switchName = $va.SwitchName; addresses = $ips }
})
[pscustomobject]@{ adapters = $out }`,
    parse: (json) => psArray(isPsObject(json) ? psProp(json, 'adapters') : json).filter(isPsObject).map((a) => ({
      name: psText(psProp(a, 'name')) ?? '(unnamed)',
      switchName: psText(psProp(a, 'switchName')),
      addresses: psArray(psProp(a, 'addresses')).filter(isPsObject).map((x) => ({
        ip: psText(psProp(x, 'ip')) ?? '',
        prefixLength: Number(psProp(x, 'prefixLength') ?? 32),
      })).filter((x) => x.ip !== ''),
    })),
    requiresAdmin: true,
  },
  checklist: {
    question: "Run the command below on the host and paste its output: each host adapter on a Hyper-V switch as SWITCH|ADDRESS/PREFIX …, separated by ';'",
    help: "(Get-VMNetworkAdapter -ManagementOS | ForEach-Object { $m = $_.MacAddress; $n = @(Get-NetAdapter | Where-Object { ($_.MacAddress -replace '-', '') -eq $m -and $_.InterfaceDescription -like 'Hyper-V Virtual Ethernet Adapter*' }); $_.SwitchName + '|' + (@($n | ForEach-Object { Get-NetIPAddress -InterfaceIndex $_.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue } | ForEach-Object { $_.IPAddress + '/' + $_.PrefixLength }) -join ' ') }) -join '; '",
    answer: z.string().check(z.refine(
      (a) => lines(a).every((l) => ADAPTER_LINE.test(l)),
      'each line: the switch name, "|", then addresses such as 192.168.10.5/24 separated by spaces',
    )),
    toValue: (a: string) => lines(a).map((l) => {
      const [switchName = '', list = ''] = l.split('|');
      return {
        name: `vEthernet (${switchName.trim()})`,
        switchName: switchName.trim(),
        addresses: list.split(/\s+/).filter((x) => x !== '').map((x) => ({ ip: x.split('/')[0]!, prefixLength: Number(x.split('/')[1]) })),
      };
    }),
  },
});

// ---- host.winhttpProxy -----------------------------------------------------------------------

const winhttpProxy = z.object({ proxyServer: z.nullable(z.string()), bypassList: z.array(z.string()) });
export type WinHttpProxy = z.infer<typeof winhttpProxy>;

/**
 * Decodes HKLM\...\Internet Settings\Connections\WinHttpSettings (what netsh winhttp writes):
 * DWORD version, DWORD counter, DWORD flags (2 = proxy), DWORD length + proxy text, DWORD length + bypass text.
 */
export function decodeWinHttpSettings(bytes: Uint8Array): WinHttpProxy {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number): [string, number] => {
    if (at + 4 > bytes.length) throw new Error('WinHttpSettings is truncated');
    const n = view.getUint32(at, true);
    if (at + 4 + n > bytes.length) throw new Error('WinHttpSettings is truncated');
    return [new TextDecoder('latin1').decode(bytes.subarray(at + 4, at + 4 + n)), at + 4 + n];
  };
  if (bytes.length < 12) throw new Error('WinHttpSettings is truncated');
  const flags = view.getUint32(8, true);
  const [proxy, next] = text(12);
  const [bypass] = text(next);
  const useProxy = (flags & 2) !== 0 && proxy.trim() !== '';
  return {
    proxyServer: useProxy ? proxy.trim() : null,
    bypassList: useProxy ? bypass.split(/[;\s]+/).filter((s) => s !== '') : [],
  };
}

export const hostWinhttpProxy = defineFact({
  id: 'host.winhttpProxy',
  title: 'WinHTTP proxy and bypass list (netsh winhttp show proxy)',
  schema: winhttpProxy,
  live: {
    script: `$v = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections' -Name WinHttpSettings -ErrorAction SilentlyContinue
if ($null -eq $v) { [pscustomobject]@{ settings = $null } } else { [pscustomobject]@{ settings = [Convert]::ToBase64String([byte[]]$v.WinHttpSettings) } }`,
    parse: (json) => {
      // The stored form (a snapshot replayed as probe output) is already decoded.
      if (isPsObject(json) && psProp(json, 'proxyServer') !== undefined) {
        return { proxyServer: psText(psProp(json, 'proxyServer')), bypassList: psTextList(psProp(json, 'bypassList')) };
      }
      const b64 = isPsObject(json) ? psText(psProp(json, 'settings')) : null;
      return b64 === null ? { proxyServer: null, bypassList: [] } : decodeWinHttpSettings(new Uint8Array(Buffer.from(b64, 'base64')));
    },
  },
  checklist: {
    question: 'What do "Proxy Server(s)" and "Bypass List" say in the output of netsh winhttp show proxy? Answer "direct" or PROXY BYPASS (e.g. proxy:8080 <local>;192.168.213.*)',
    help: 'netsh winhttp show proxy',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => {
      if (/^direct/i.test(a)) return { proxyServer: null, bypassList: [] };
      const [proxy = '', ...rest] = a.split(/\s+/);
      return { proxyServer: proxy, bypassList: rest.join(';').split(';').filter((s) => s !== '') };
    },
  },
});

// ---- host.windowsUpdatePolicy ----------------------------------------------------------------

const dword = z.nullable(z.int());

export const hostWindowsUpdatePolicy = defineFact({
  id: 'host.windowsUpdatePolicy',
  title: 'Windows Update policy (WUServer, UseWUServer, AUOptions, NoAutoUpdate) and the Control Panel setting',
  schema: z.object({
    wuServer: z.nullable(z.string()),
    useWUServer: dword,
    /** AUOptions set by Group Policy (HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU). */
    auOptions: dword,
    noAutoUpdate: dword,
    /**
     * AUOptions chosen in Control Panel > Windows Update (HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\
     * WindowsUpdate\Auto Update): what applies when no policy sets it (or the policy is 5, local admin
     * chooses). 1 never check, 2 notify, 3 download and notify, 4 install automatically. Absent in older
     * snapshots.
     */
    localAuOptions: z.optional(dword),
  }),
  live: {
    script: `$wu = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate' -ErrorAction SilentlyContinue
$au = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU' -ErrorAction SilentlyContinue
$cp = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update' -ErrorAction SilentlyContinue
[pscustomobject]@{ wuServer = $wu.WUServer; useWUServer = $au.UseWUServer; auOptions = $au.AUOptions; noAutoUpdate = $au.NoAutoUpdate; localAuOptions = $cp.AUOptions }`,
  },
  checklist: {
    question: 'What is AUOptions under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU? (2 notify, 3 download and notify, 4 install automatically, 5 local admin chooses; "disabled" if NoAutoUpdate=1; empty if not set)',
    help: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU'",
    answer: z.string().check(z.trim(), z.regex(/^(|[2-5]|disabled)$/i)),
    toValue: (a: string) => ({
      wuServer: null,
      useWUServer: null,
      auOptions: /^[2-5]$/.test(a) ? Number(a) : null,
      noAutoUpdate: /^disabled$/i.test(a) ? 1 : null,
    }),
  },
});

// ---- host.defenderExclusions -----------------------------------------------------------------

/** Which Microsoft anti-malware product the exclusions were read from. */
export type AvProduct = 'defender' | 'scep';

const defenderExclusions = z.object({
  /** The exclusions were read: Windows Defender (Get-MpPreference) or, on Windows Server 2012 R2, SCEP (Get-MProtPreference). */
  defender: z.boolean(),
  /** Which product answered; absent in older snapshots (they only read Windows Defender) and checklist answers. */
  product: z.optional(z.nullable(z.enum(['defender', 'scep']))),
  paths: z.array(z.string()),
  processes: z.array(z.string()),
});
export type DefenderExclusions = z.infer<typeof defenderExclusions>;

export const hostDefenderExclusions = defineFact({
  id: 'host.defenderExclusions',
  title: 'Windows Defender or System Center Endpoint Protection exclusions (ExclusionPath, ExclusionProcess)',
  schema: defenderExclusions,
  live: {
    // Windows Server 2012 R2 has no Windows Defender: System Center Endpoint Protection answers through
    // Get-MProtPreference, in its MpProvider module, which is not on PSModulePath and is imported by path.
    // Get-MpPreference that fails while SCEP answers is SCEP's host; with neither, its error is the fact's.
    script: `$ccdAv = $null; $ccdProduct = $null; $ccdErr = $null
if (Get-Command Get-MpPreference -ErrorAction SilentlyContinue) {
  try { $ccdAv = Get-MpPreference -ErrorAction Stop; $ccdProduct = 'defender' } catch { $ccdErr = $_ }
}
if ($null -eq $ccdProduct) {
  if (-not (Get-Command Get-MProtPreference -ErrorAction SilentlyContinue)) {
    $ccdScep = Join-Path $env:ProgramFiles 'Microsoft Security Client\\MpProvider\\MpProvider.psd1'
    if (Test-Path -LiteralPath $ccdScep) { Import-Module -Name $ccdScep -ErrorAction Stop }
  }
  if (Get-Command Get-MProtPreference -ErrorAction SilentlyContinue) { $ccdAv = Get-MProtPreference -ErrorAction Stop; $ccdProduct = 'scep' }
}
if ($null -eq $ccdProduct -and $null -ne $ccdErr) { throw $ccdErr }
if ($null -eq $ccdProduct) { [pscustomobject]@{ defender = $false; product = $null; paths = @(); processes = @() } }
else { [pscustomobject]@{ defender = $true; product = $ccdProduct; paths = @($ccdAv.ExclusionPath | Where-Object { $_ }); processes = @($ccdAv.ExclusionProcess | Where-Object { $_ }) } }`,
    parse: (json): DefenderExclusions => {
      const o = isPsObject(json) ? json : {};
      const product = psText(psProp(o, 'product'));
      return {
        defender: psProp(o, 'defender') === true,
        // A stored value from before the product was recorded stays without it.
        ...(Object.keys(o).some((k) => k.toLowerCase() === 'product') ? { product: product === 'defender' || product === 'scep' ? (product as AvProduct) : null } : {}),
        paths: psTextList(psProp(o, 'paths')),
        processes: psTextList(psProp(o, 'processes')),
      };
    },
    requiresAdmin: true,
  },
  checklist: {
    question: "List the anti-virus exclusions on the host, one per line (paths and process names). Windows Defender: (Get-MpPreference).ExclusionPath and .ExclusionProcess; System Center Endpoint Protection (Windows Server 2012 R2): the same from Get-MProtPreference, after Import-Module \"$env:ProgramFiles\\Microsoft Security Client\\MpProvider\". Answer 'none-installed' if the host has no anti-virus.",
    answer: z.string(),
    // Which product the operator read from is not asked: judged the same either way.
    toValue: (a: string): DefenderExclusions => {
      if (/^\s*none-installed\s*$/i.test(a)) return { defender: false, paths: [], processes: [] };
      const all = lines(a);
      return { defender: true, paths: all.filter((l) => !/\.exe$/i.test(l)), processes: all.filter((l) => /\.exe$/i.test(l)) };
    },
  },
});

// ---- host.mountedImages ----------------------------------------------------------------------

export const hostMountedImages = defineFact({
  id: 'host.mountedImages',
  title: 'Mounted Windows images (Get-WindowsImage -Mounted)',
  schema: z.array(z.object({ path: z.string(), imagePath: z.nullable(z.string()), mountStatus: z.string() })),
  live: {
    script: `[pscustomobject]@{ images = @(Get-WindowsImage -Mounted -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ path = $_.Path; imagePath = $_.ImagePath; mountStatus = $_.MountStatus.ToString() } }) }`,
    parse: (json) => psArray(isPsObject(json) ? psProp(json, 'images') : json).filter(isPsObject).map((i) => ({
      path: psText(psProp(i, 'path')) ?? '',
      imagePath: psText(psProp(i, 'imagePath')),
      mountStatus: psText(psProp(i, 'mountStatus')) ?? 'Unknown',
    })),
    requiresAdmin: true,
  },
  checklist: {
    question: 'Run dism /English /Get-MountedWimInfo on the host: is any image listed with "Status : Needs Remount" or "Status : Invalid"? Paste the Mount Dir of each such image, one per line (empty if none)',
    help: 'dism /English /Get-MountedWimInfo',
    answer: z.string(),
    toValue: (a: string) => lines(a).map((path) => ({ path, imagePath: null, mountStatus: 'NeedsRemount' })),
  },
});

// ---- ps.processes ----------------------------------------------------------------------------

export const psProcesses = defineFact({
  id: 'ps.processes',
  title: 'Open PowerShell processes and their start times',
  schema: z.array(z.object({ id: z.int(), name: z.string(), startTime: z.nullable(isoTime) })),
  live: {
    script: `[pscustomobject]@{ processes = @(Get-Process -Name powershell, powershell_ise -ErrorAction SilentlyContinue | Where-Object { $_.Id -ne $PID } | ForEach-Object {
  $t = $null; try { $t = $_.StartTime.ToUniversalTime().ToString('o') } catch { $t = $null }
  [pscustomobject]@{ id = $_.Id; name = $_.ProcessName; startTime = $t }
}) }`,
    parse: (json) => psArray(isPsObject(json) ? psProp(json, 'processes') : json).filter(isPsObject).map((p) => ({
      id: Number(psProp(p, 'id')),
      name: psText(psProp(p, 'name')) ?? 'powershell',
      startTime: psText(psProp(p, 'startTime')),
    })),
  },
  checklist: {
    question: 'When was the oldest PowerShell window on the host opened? (date and time; empty if none is open)',
    help: 'Get-Process powershell | Sort-Object StartTime | Select-Object -First 1 Id, StartTime',
    answer: z.string().check(z.trim(), z.refine((s) => s === '' || !Number.isNaN(Date.parse(s)), 'a date and time, e.g. 2026-11-21 03:10')),
    toValue: (a: string) => (a === '' ? [] : [{ id: 0, name: 'powershell', startTime: new Date(a).toISOString() }]),
  },
});

// ---- cce.directories -------------------------------------------------------------------------

export const cceDirectories = defineFact({
  id: 'cce.directories',
  title: 'Appliance and site directories (and the local folder of the site share when this host serves it)',
  schema: z.object({ applianceRoot: z.nullable(z.string()), siteRoot: z.nullable(z.string()), siteShareLocalPath: z.nullable(z.string()) }),
  live: {
    script: `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
$local = $null
$a = Get-CcdCcValue { Get-CcApplianceDirectory } 'Get-CcApplianceDirectory'
$s = Get-CcdCcValue { Get-CcSiteDirectory } 'Get-CcSiteDirectory'
if ($s -match '^\\\\\\\\([^\\\\]+)\\\\([^\\\\]+)') {
  $server = $Matches[1].Split('.')[0]; $share = $Matches[2]
  if ($server -eq $env:COMPUTERNAME) { $sh = Get-SmbShare -Name $share -ErrorAction SilentlyContinue; if ($sh) { $local = $sh.Path } }
}
[pscustomobject]@{ applianceRoot = $a; siteRoot = $s; siteShareLocalPath = $local }`,
  },
  checklist: {
    question: 'What do Get-CcApplianceDirectory and Get-CcSiteDirectory print? (two lines: appliance directory, then site directory)',
    answer: z.string(),
    toValue: (a: string) => {
      const [applianceRoot = null, siteRoot = null] = a.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
      return { applianceRoot, siteRoot, siteShareLocalPath: null };
    },
  },
});
