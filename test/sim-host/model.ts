/**
 * A snapshot turned into a simulated host (test code): the host model enter-sim.ps1 and the simulator
 * modules answer from, plus a sandbox folder that holds the host's files (C:\… is CCD_SIM_ROOT/C/…).
 *
 * The model describes the host (what Get-VM, the registry, WMI, the VMs and the CloudConnector module
 * hold), never probe output: the probes compute their facts from it for real. A fact the snapshot could
 * not collect becomes a fault of that probe (the simulated ConvertTo-Json throws its message).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseIni } from '../../src/core/ini/read.js';
import { topology } from '../../src/core/appliance/topology.js';
import type { SnapshotFile } from './snapshot-file.js';
import { FACTS } from '../../src/facts/index.js';
import { plannedProbes } from '../../src/live/probes.js';
import { vmNameMatches } from '../../src/facts/vm-name.js';
import { isHostFileFact, isSimulated, NOT_SIMULATED } from './simulated-facts.js';
import type { FactSpec } from '../../src/core/facts/types.js';

export const SIM_DIR = import.meta.dirname;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export interface SimHost {
  model: Json;
  /** Files to lay in the sandbox: Windows path → content and times. */
  files: { path: string; bytes: Uint8Array; mtime?: string; ctime?: string }[];
  dirs: { path: string; mtime?: string }[];
  /** Windows environment of the host (ProgramFiles, …), mapped to the sandbox when launched. */
  env: Record<string, string>;
  /** Files the collector must not change (the module analysis cache). */
}

const DEFAULT_ENV: Record<string, string> = {
  ProgramFiles: 'C:\\Program Files',
  ProgramData: 'C:\\ProgramData',
  ALLUSERSPROFILE: 'C:\\ProgramData',
  SystemDrive: 'C:',
  SystemRoot: 'C:\\Windows',
  USERPROFILE: 'C:\\Users\\Administrator',
  LOCALAPPDATA: 'C:\\Users\\Administrator\\AppData\\Local',
  USERNAME: 'Administrator',
  COMPUTERNAME: 'SERVER01',
};

const date = (iso: string | null | undefined) => (iso ? { $date: iso } : null);
const RESULT_CODES = ['NotStarted', 'InProgress', 'Succeeded', 'SucceededWithErrors', 'Failed', 'Aborted'];
const MANAGEMENT_LOG = 'C:\\Program Files\\Skype for Business Cloud Connector Edition\\ManagementService\\CceManagementService.log';

function ok(snap: SnapshotFile, id: string): Json | undefined {
  const f = snap.facts[id];
  return f && f.status === 'ok' ? f.value : undefined;
}

/** A WinHttpSettings blob (what netsh winhttp set proxy writes) for a proxy and bypass list. */
function winHttpSettings(proxy: string | null, bypass: string[]): string {
  const text = (s: string) => {
    const b = Buffer.from(s, 'latin1');
    const n = Buffer.alloc(4);
    n.writeUInt32LE(b.length);
    return Buffer.concat([n, b]);
  };
  const head = Buffer.alloc(12);
  head.writeUInt32LE(0x18, 0);
  head.writeUInt32LE(1, 4);
  head.writeUInt32LE(proxy ? 3 : 1, 8);
  return Buffer.concat([head, text(proxy ?? ''), text(bypass.join(';'))]).toString('base64');
}

function fileBytes(v: Json): Uint8Array {
  if (v.content == null) return new Uint8Array(0);
  return v.encoding === 'utf8' ? new TextEncoder().encode(v.content) : new Uint8Array(Buffer.from(v.content, 'base64'));
}

export interface ModelOptions {
  /** Overrides merged into the model last (for fault and edge-case tests). */
  patch?: (model: Json, host: SimHost) => void;
  /** Seconds since the epoch that "now" is for password ages. */
  now?: number;
  /** The facts whose probes will run (default: every fact of src/facts/). */
  facts?: ReadonlyMap<string, FactSpec<any>>;
}

export function simHostFromSnapshot(snap: SnapshotFile, opts: ModelOptions = {}): SimHost {
  const specs = opts.facts ?? FACTS;
  const files: SimHost['files'] = [];
  const dirs: SimHost['dirs'] = [];
  const faults: Record<string, { message: string }> = {};
  for (const [id, f] of Object.entries(snap.facts)) {
    if (f.status !== 'ok') faults[id] = { message: `simulated ${f.status}: ${f.message ?? 'not collected'}` };
  }
  // A fact the snapshot does not hold at all was not collected there: its probe fails here too.
  for (const p of plannedProbes(specs)) {
    if (!p.tenant && !(p.id in snap.facts)) faults[p.id] = { message: 'simulated: this fact is not in the snapshot' };
    // A fact the model does not turn into host state: its probe would read nothing meaningful.
    else if (!p.tenant && !isSimulated(specs.get(p.id)!)) faults[p.id] = { message: NOT_SIMULATED };
  }
  const env = { ...DEFAULT_ENV, ...(ok(snap, 'host.env') ?? {}) } as Record<string, string>;
  const name = ok(snap, 'host.name') ?? env.COMPUTERNAME!;
  env.COMPUTERNAME = name;
  // The logon domain of a local account is the computer (a domain account's: patch host.env.USERDOMAIN).
  env.USERDOMAIN ??= name;
  const os = ok(snap, 'host.os') ?? { caption: 'Microsoft Windows Server 2012 R2 Datacenter', version: '6.3.9600', build: '9600' };

  const registry: Record<string, Record<string, { kind: string; value: unknown }>> = {};
  const reg = (key: string, valueName: string, kind: string, value: unknown) => {
    (registry[key] ??= {})[valueName] = { kind, value };
  };

  // .NET Framework
  const release = ok(snap, 'dotnet.release');
  if (typeof release === 'number') reg('HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full', 'Release', 'DWord', release);

  // PSModulePath: the machine value is REG_EXPAND_SZ in the registry, unexpanded.
  const modulePath = ok(snap, 'ps.modulePath') ?? { process: null, user: null, machine: '%ProgramFiles%\\WindowsPowerShell\\Modules;%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules' };
  registry['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'] = {};
  if (modulePath.machine != null) reg('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment', 'PSModulePath', modulePath.machineKind ?? 'ExpandString', modulePath.machine);
  registry['HKCU:\\Environment'] = {};
  if (modulePath.user != null) reg('HKCU:\\Environment', 'PSModulePath', 'ExpandString', modulePath.user);
  const processModulePath: string =
    modulePath.process ??
    [`${env.USERPROFILE}\\Documents\\WindowsPowerShell\\Modules`, `${env.ProgramFiles}\\WindowsPowerShell\\Modules`, `${env.SystemRoot}\\system32\\WindowsPowerShell\\v1.0\\Modules`].join(';');

  // WinHTTP proxy and Windows Update policy
  const proxy = ok(snap, 'host.winhttpProxy');
  if (proxy) reg('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', 'WinHttpSettings', 'Binary', winHttpSettings(proxy.proxyServer, proxy.bypassList));
  const wu = ok(snap, 'host.windowsUpdatePolicy');
  if (wu?.wuServer != null) reg('HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', 'WUServer', 'String', wu.wuServer);
  for (const [k, v] of [['UseWUServer', wu?.useWUServer], ['AUOptions', wu?.auOptions], ['NoAutoUpdate', wu?.noAutoUpdate]] as const) {
    if (v != null) reg('HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', k, 'DWord', v);
  }
  // The Control Panel setting (applies when no policy sets AUOptions).
  if (wu?.localAuOptions != null) reg('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update', 'AUOptions', 'DWord', wu.localAuOptions);

  // The CloudConnector module: a real folder with a manifest and the stub script module.
  const module = ok(snap, 'ps.cloudConnectorModule');
  const scriptVersion = ok(snap, 'cce.scriptVersion');
  const missingCc: string[] = [];
  if (scriptVersion === null) missingCc.push('Get-CcVersion');
  const moduleDir = module?.path ?? `${env.ProgramFiles}\\WindowsPowerShell\\Modules\\CloudConnector`;
  // A module fact that could not be collected (denied, timed out) says nothing against the module: the
  // other CloudConnector facts show it is there.
  const moduleThere = module ? module.exists : snap.facts['ps.cloudConnectorModule'] !== undefined || ok(snap, 'cce.applianceRoot') !== undefined;
  if (moduleThere) {
    const version = module?.version ?? scriptVersion ?? '2.1.0.0';
    const manifest = `@{\r\n  RootModule = 'CloudConnector.psm1'\r\n  ModuleVersion = '${/^\d+(\.\d+){1,3}$/.test(version) ? version : '0.0.0.1'}'\r\n  GUID = 'c5d6f8a1-3b0e-4f8b-9d55-8c0b2f7a1e01'\r\n  FunctionsToExport = @(${['Get-CcVersion', 'Get-CcRunningVersion', 'Get-CcApplianceDirectory', 'Get-CcSiteDirectory', 'Get-CcExternalCertificateFilePath', 'Get-CcCredential'].filter((c) => !missingCc.includes(c)).map((c) => `'${c}'`).join(', ')})\r\n  CmdletsToExport = @()\r\n  AliasesToExport = @()\r\n}\r\n`;
    // Installed from an MSI, the files keep the cabinet's write times; their creation time is the install.
    const ctime = module?.installedAt ?? undefined;
    files.push({ path: `${moduleDir}\\CloudConnector.psd1`, bytes: new TextEncoder().encode(manifest), mtime: module?.lastWriteTime ?? undefined, ctime });
    files.push({ path: `${moduleDir}\\CloudConnector.psm1`, bytes: new Uint8Array(0), mtime: module?.lastWriteTime ?? undefined, ctime });
    dirs.push({ path: moduleDir, mtime: module?.lastWriteTime ?? undefined });
  }

  // Files read byte for byte: every host-file fact's file, where its value says.
  for (const spec of specs.values()) {
    if (!isHostFileFact(spec)) continue;
    const f = ok(snap, spec.id);
    if (f?.exists) files.push({ path: f.path, bytes: fileBytes(f), mtime: f.lastWriteTime ?? undefined });
  }
  const cache = ok(snap, 'ps.moduleAnalysisCache');
  if (cache?.exists) {
    // Not a real cache (the simulated host's PowerShell never reads this one): bytes of the recorded size.
    const bytes = new Uint8Array(cache.size ?? 1024);
    bytes.set(new TextEncoder().encode('PSMODULECACHE'));
    files.push({ path: cache.path, bytes, mtime: cache.lastWriteTime ?? undefined });
  }
  const log = ok(snap, 'cce.managementLog');
  if (log?.exists) {
    const text = log.excerpt ? (log.excerpt.encoding === 'utf8' ? Buffer.from(log.excerpt.content, 'utf8') : Buffer.from(log.excerpt.content, 'base64')) : Buffer.alloc(0);
    const startByte = log.excerpt?.startByte ?? 0;
    const newlines = Math.max(0, (log.excerpt?.startLine ?? 1) - 1);
    // Lines before the excerpt: blank, so that the excerpt's first line keeps its number and byte offset.
    // (one long line last, so that a tail read starting inside it skips to the excerpt's first line).
    const filler = newlines === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.alloc(newlines - 1, 0x0a), Buffer.alloc(Math.max(0, startByte - newlines), 0x20), Buffer.from('\n')]);
    files.push({ path: log.path ?? MANAGEMENT_LOG, bytes: new Uint8Array(Buffer.concat([filler, text])), mtime: log.lastWriteTime ?? undefined });
  }
  const credFiles = ok(snap, 'cce.credentialFile');
  for (const f of credFiles?.files ?? []) files.push({ path: `${credFiles.directory}\\${f.name}`, bytes: new Uint8Array(f.size), mtime: f.lastWriteTime });

  // Hyper-V
  const vms: Json[] = ok(snap, 'hyperv.vms') ?? [];
  const missingCommands: string[] = [];
  if (!ok(snap, 'hyperv.vms') && !faults['hyperv.vms']) missingCommands.push('Get-VM', 'Get-VMNetworkAdapter', 'Get-VMSwitch');
  let mac = 0x00155d010100;
  const nextMac = () => (mac++).toString(16).toUpperCase().padStart(12, '0');
  const hypervVms = vms.map((v: Json, i: number) => ({
    name: v.name,
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    state: v.state,
    adapters: (v.adapters ?? []).map((a: Json) => ({ name: a.name, switchName: a.switchName, ipAddresses: a.ipAddresses, macAddress: nextMac() })),
  }));
  const hostAdapters: Json[] = ok(snap, 'host.adapters') ?? [];
  const managementOs: Json[] = [];
  const netAdapters: Json[] = [];
  const netIPAddresses: Json[] = [];
  hostAdapters.forEach((a: Json, i: number) => {
    const m = nextMac();
    const alias = a.name;
    const vmAdapterName = /^vEthernet \((.*)\)$/.exec(alias)?.[1] ?? a.switchName ?? alias;
    managementOs.push({ name: vmAdapterName, switchName: a.switchName, macAddress: m });
    netAdapters.push({ name: alias, interfaceIndex: 10 + i, macAddress: m.replace(/(..)(?!$)/g, '$1-'), interfaceDescription: `Hyper-V Virtual Ethernet Adapter #${i + 1}` });
    for (const x of a.addresses ?? []) netIPAddresses.push({ interfaceAlias: alias, interfaceIndex: 10 + i, ipAddress: x.ip, prefixLength: x.prefixLength });
  });

  // The appliance's VMs from the inside
  const ini = ok(snap, 'file.cloudConnectorIni');
  const topo = ini?.exists && ini.content != null ? topology(parseIni(fileBytes(ini), ini.path)) : undefined;
  const guests = new Map<string, Json>();
  const roleIp = (role: string | undefined) => (role === 'Edge' ? topo?.ips.edgeInternal[0] : role ? topo?.ips[role as 'AD'] : undefined);
  const guest = (vmName: string, role?: string) => {
    let g = guests.get(vmName);
    if (!g) {
      const vm = vms.find((v: Json) => v.name === vmName);
      // Where the VM answers: its adapters' addresses as Hyper-V reports them; with no VM list (Get-VM
      // failed), the role's address in the ini.
      const ips = (vm?.adapters ?? []).flatMap((a: Json) => a.ipAddresses ?? []);
      if (!vm && roleIp(role)) ips.push(roleIp(role));
      g = {
        vmName,
        ips: [...new Set(ips)],
        direct: false,
        winrm: true,
        credentialOk: true,
        cim: { Win32_Service: [], Win32_ComputerSystem: [{ Name: vmName, PartOfDomain: true, Domain: topo?.vmDomain ?? 'cce.local', DNSHostName: vmName }], Win32_NetworkAdapterConfiguration: [] },
        firewallRules: [],
        ping: {},
        certs: { Root: [], CA: [], My: [] },
        missingCommands: [],
      };
      guests.set(vmName, g);
    }
    return g;
  };
  const roleVm = (role: string) => {
    const server = topo?.servers[role as 'AD'];
    if (!server) return undefined;
    // With no VM list (Get-VM failed) the VM is known by its server name only.
    if (vms.length === 0) return server;
    return vms.find((v: Json) => vmNameMatches(v.name, server) && v.state === 'Running')?.name;
  };
  const unreachable = (g: Json, message: string | null | undefined) => {
    if (/credential/i.test(message ?? '')) g.credentialOk = false;
    else g.winrm = false;
  };
  for (const r of ok(snap, 'vm.services')?.roles ?? []) {
    const vmName = r.vmName ?? roleVm(r.role);
    if (!vmName) continue;
    const g = guest(vmName, r.role);
    if (!r.reachable) unreachable(g, r.message);
    for (const s of r.services ?? []) {
      if (s.status === 'NotFound') continue;
      const state = s.status.replace(/([a-z])([A-Z])/g, '$1 $2');
      g.cim.Win32_Service.push({ Name: s.name, DisplayName: s.displayName ?? s.name, State: state, StartMode: s.startType === 'Automatic' ? 'Auto' : s.startType ?? 'Manual' });
    }
  }
  for (const r of ok(snap, 'vm.firewallRules')?.roles ?? []) {
    const vmName = r.vmName ?? roleVm(r.role);
    if (!vmName) continue;
    const g = guest(vmName, r.role);
    if (!r.reachable) unreachable(g, r.message);
    for (const rule of r.rules ?? []) {
      for (let i = 0; i < rule.found; i++) g.firewallRules.push({ displayName: rule.displayName, direction: 'Inbound', enabled: i < rule.disabled ? 'False' : 'True' });
    }
  }
  for (const r of ok(snap, 'vm.domainMembership')?.roles ?? []) {
    const vmName = r.vmName ?? roleVm(r.role);
    if (!vmName) continue;
    const g = guest(vmName, r.role);
    if (!r.reachable) {
      unreachable(g, r.message);
      continue;
    }
    g.cim.Win32_ComputerSystem = [{ Name: r.computerName ?? vmName, PartOfDomain: !!r.partOfDomain, Domain: r.partOfDomain ? r.domain : 'WORKGROUP', DNSHostName: r.computerName ?? vmName }];
    g.cim.Win32_NetworkAdapterConfiguration = (r.adapters ?? []).map((a: Json) => ({ Description: a.name, IPAddress: [...a.ipv4, 'fe80::1'], DHCPEnabled: a.dhcp, DNSServerSearchOrder: a.dnsServers.length > 0 ? a.dnsServers : null, IPEnabled: true }));
    if (r.adFqdnPing !== null) g.ping[r.adFqdn] = r.adFqdnPing;
    if (r.adIpPing !== null) g.ping[r.adIp] = r.adIpPing;
  }
  const edgeStores = ok(snap, 'certs.edgeStores');
  if (edgeStores) {
    const vmName = edgeStores.vmName ?? roleVm('Edge');
    if (vmName) Object.assign(guest(vmName, 'Edge').certs, { Root: edgeStores.root, CA: edgeStores.ca });
  }
  for (const c of ok(snap, 'certs.internal')?.certificates ?? []) {
    const vmName = roleVm(c.role === 'CA' ? 'AD' : c.role);
    if (vmName && c.pem) guest(vmName, c.role === 'CA' ? 'AD' : c.role).certs.My.push(c.pem);
  }
  for (const role of ['AD', 'CMS', 'Mediation', 'Edge']) {
    const vmName = roleVm(role);
    if (vmName) guest(vmName, role);
  }

  // Defender, DISM, processes, updates, shares
  const defender = ok(snap, 'host.defenderExclusions');
  const mounted: Json[] = ok(snap, 'host.mountedImages') ?? [];
  const processes = (ok(snap, 'ps.processes') ?? []).map((p: Json) => ({ id: p.id, name: p.name, startTime: date(p.startTime) }));
  const updates = (ok(snap, 'host.recentUpdates')?.updates ?? []).map((u: Json) => ({ title: u.title, date: u.date, operation: 1, resultCode: Math.max(0, RESULT_CODES.indexOf(u.result)) }));
  const directories = ok(snap, 'cce.directories');
  const smbShares: Json[] = [];
  const unc = /^\\\\([^\\]+)\\([^\\]+)/.exec(directories?.siteRoot ?? '');
  if (unc && directories?.siteShareLocalPath) smbShares.push({ name: unc[2], path: directories.siteShareLocalPath });

  // The CloudConnector module's answers
  const credRead = ok(snap, 'cce.credentialRead');
  const vmAdmin = credRead && !credRead.ok
    ? { error: { message: String(credRead.error ?? '').replace(/^Get-CcCredential\s*:\s*/, '').split(/\r?\n/)[0], hresult: /key not valid/i.test(credRead.error ?? '') ? '0x8009000B' : null } }
    : { user: 'Administrator', password: 'vm-admin-secret' };
  const external = ok(snap, 'certs.external');
  const pfxPassword = 'pfx-secret';
  const pfx: Json[] = [];
  if (external?.exists && external.path) pfx.push({ path: external.path, pems: external.certificates, password: pfxPassword });
  const credentialFile = ok(snap, 'cce.credentialFile');
  const now = opts.now ?? Date.now() / 1000;
  // Local accounts of this computer; { name, domain, passwordAgeSeconds } is a domain account.
  const accounts = credentialFile?.user && credentialFile.passwordLastSet ? [{ name: credentialFile.user, passwordAgeSeconds: Math.round(now - Date.parse(credentialFile.passwordLastSet) / 1000) }] : [];

  // Lync Server
  const lyncServices = ok(snap, 'lync.services');
  const lyncPool = ok(snap, 'lync.pool');
  const hostServices = (lyncServices?.services ?? []).map((s: Json) => ({ Name: s.name, DisplayName: s.displayName ?? s.name, State: s.status.replace(/([a-z])([A-Z])/g, '$1 $2'), StartMode: s.startType === 'Automatic' ? 'Auto' : s.startType ?? 'Manual' }));
  const domain = lyncPool?.frontEnds?.[0]?.fqdn?.split('.').slice(1).join('.') ?? 'contoso.local';
  const lync = lyncPool || lyncServices?.installed
    ? {
        computers: Object.fromEntries((lyncPool?.frontEnds ?? [{ fqdn: `${name}.${domain}` }]).map((f: Json) => [f.fqdn, lyncPool?.poolFqdn ?? `pool.${domain}`])),
        pools: lyncPool ? { [lyncPool.poolFqdn]: lyncPool.frontEnds.map((f: Json) => f.fqdn) } : {},
      }
    : null;
  const dns: Record<string, string[]> = {};
  if (lyncPool) {
    dns[lyncPool.poolFqdn] = lyncPool.poolAddresses;
    for (const f of lyncPool.frontEnds) dns[f.fqdn] = f.addresses;
  }
  const thisFqdn = lyncPool?.frontEnds?.find((f: Json) => f.fqdn.split('.')[0].toLowerCase() === String(name).toLowerCase())?.fqdn;

  const model: Json = {
    computerName: name,
    admin: true,
    is64BitProcess: true,
    languageMode: 'FullLanguage',
    accounts,
    windowsEnv: env,
    psModulePath: { process: processModulePath },
    registry,
    cim: {
      Win32_OperatingSystem: [{ Caption: os.caption, Version: os.version, BuildNumber: os.build ?? os.version.split('.').pop(), LastBootUpTime: date(ok(snap, 'host.lastBoot') ?? '2026-11-01T00:00:00.000Z') }],
      Win32_Service: hostServices,
      Win32_ComputerSystem: [{ Name: name, DNSHostName: name, Domain: thisFqdn ? thisFqdn.split('.').slice(1).join('.') : 'WORKGROUP', PartOfDomain: !!thisFqdn }],
    },
    missingCommands,
    hyperv: { vms: hypervVms, switches: ok(snap, 'hyperv.switches') ?? [], managementOs },
    netAdapters,
    netIPAddresses,
    // System Center Endpoint Protection (2012 R2) instead of Windows Defender: only Get-MProtPreference exists.
    defender: defender?.defender && defender.product !== 'scep' ? { exclusionPath: defender.paths, exclusionProcess: defender.processes } : null,
    scep: defender?.defender && defender.product === 'scep' ? { exclusionPath: defender.paths, exclusionProcess: defender.processes } : null,
    mountedImages: mounted.map((m: Json) => ({ path: m.path, imagePath: m.imagePath, mountStatus: m.mountStatus })),
    processes,
    smbShares,
    updates,
    cc: {
      version: scriptVersion ?? null,
      versionShape: 'string',
      runningVersion: ok(snap, 'cce.runningVersion') ?? null,
      applianceDirectory: ok(snap, 'cce.applianceRoot') ?? directories?.applianceRoot ?? null,
      siteDirectory: directories?.siteRoot ?? null,
      externalCertificatePath: { EdgeServer: external?.path ?? null, MediationServer: null },
      credentials: { VmAdmin: vmAdmin, ExternalCert: { user: 'ExternalCert', password: pfxPassword } },
      missing: missingCc,
      noisy: false,
    },
    pfx,
    dns,
    lync,
    guests: [...guests.values()],
    trustedHosts: '*',
    directFailureMs: 0,
    faults,
  };
  const host: SimHost = { model, files, dirs, env };
  opts.patch?.(model, host);
  return host;
}

/** Windows path → sandbox path (C:\X\Y → ROOT/C/X/Y). */
export function sandboxPath(root: string, windowsPath: string): string {
  const m = /^([A-Za-z]):\\?(.*)$/.exec(windowsPath);
  if (!m) throw new Error(`not an absolute Windows path: ${windowsPath}`);
  return join(root, m[1]!.toUpperCase(), ...m[2]!.split('\\').filter((s) => s !== ''));
}

const assemblies = new Map<string, string>();

/**
 * SimTypes.cs compiled once (Add-Type of the source costs every simulated pwsh ~1.4 s of CPU; loading the
 * compiled library, ~50 ms): cached in the temp folder by the source's hash, written under a temporary
 * name and renamed, so parallel test workers never load a half-written file.
 */
export function simTypesAssembly(pwsh: string): string {
  const source = join(SIM_DIR, 'SimTypes.cs');
  const hash = createHash('sha256').update(readFileSync(source)).update(pwsh).digest('hex').slice(0, 16);
  let dll = assemblies.get(hash);
  if (dll) return dll;
  dll = join(tmpdir(), `ccd-simtypes-${hash}.dll`);
  if (!existsSync(dll)) {
    const part = `${dll}.${process.pid}.part`;
    execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', `Add-Type -Path '${source.replace(/'/g, "''")}' -OutputAssembly '${part.replace(/'/g, "''")}' -OutputType Library`], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(part, dll);
  }
  assemblies.set(hash, dll);
  return dll;
}

/** Lays the host's files in the sandbox and writes the model; returns the environment for pwsh-sim.mjs. */
export function layOut(host: SimHost, root: string, pwsh: string): NodeJS.ProcessEnv {
  for (const d of ['C', 'home', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  for (const f of host.files) {
    const p = sandboxPath(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    if (f.path.endsWith('CloudConnector.psm1')) copyFileSync(join(SIM_DIR, 'modules', 'CloudConnector', 'CloudConnector.psm1'), p);
    if (f.mtime) utimesSync(p, new Date(f.mtime), new Date(f.mtime));
  }
  for (const d of host.dirs) {
    const p = sandboxPath(root, d.path);
    mkdirSync(p, { recursive: true });
    if (d.mtime) utimesSync(p, new Date(d.mtime), new Date(d.mtime));
  }
  for (const p of host.model.pfx ?? []) p.sandboxPath = sandboxPath(root, p.path);
  // Linux cannot set a file's creation time: the simulated Get-ChildItem reports these instead.
  host.model.creationTimes = Object.fromEntries(host.files.filter((f) => f.ctime).map((f) => [sandboxPath(root, f.path), f.ctime]));
  const modelPath = join(root, 'model.json');
  writeFileSync(modelPath, JSON.stringify(host.model));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(host.env)) env[k] = /^[A-Za-z]:/.test(v) ? sandboxPath(root, v) : v;
  const modulePaths = String(host.model.psModulePath.process ?? '')
    .split(';')
    .filter((p) => /^[A-Za-z]:\\/.test(p))
    .map((p) => sandboxPath(root, p));
  return {
    ...env,
    PSModulePath: modulePaths.join(':'),
    CCD_SIM_MODEL: modelPath,
    CCD_SIM_ROOT: root,
    CCD_SIM_PWSH: pwsh,
    CCD_SIM_TYPES: simTypesAssembly(pwsh),
    HOME: join(root, 'home'),
    TEMP: join(root, 'tmp'),
    TMPDIR: join(root, 'tmp'),
  };
}
