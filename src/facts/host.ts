import * as z from '../core/schema.js';
import { defineFact, unavailable } from '../core/facts/types.js';
import { isoTime } from './shapes.js';

export const hostName = defineFact({
  id: 'host.name',
  title: 'Host computer name (the appliance name)',
  schema: z.string().check(z.minLength(1)),
  live: { script: '$env:COMPUTERNAME' },
  checklist: {
    question: "What is the CCE host's computer name?",
    help: 'On the host: hostname',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => a,
  },
});

export const hostOs = defineFact({
  id: 'host.os',
  title: 'Host operating system',
  schema: z.object({ caption: z.string(), version: z.string(), build: z.optional(z.string()) }),
  live: {
    script: `$o = Get-CimInstance -ClassName Win32_OperatingSystem
[pscustomobject]@{ caption = $o.Caption; version = $o.Version; build = $o.BuildNumber }`,
  },
  checklist: {
    question: 'Which Windows Server version runs on the host?',
    choices: [
      { value: 'Microsoft Windows Server 2012 R2 Datacenter|6.3.9600', label: 'Windows Server 2012 R2' },
      { value: 'Microsoft Windows Server 2016 Datacenter|10.0.14393', label: 'Windows Server 2016' },
    ],
    answer: z.string(),
    toValue: (a: string) => {
      const [caption = a, version = ''] = a.split('|');
      return { caption, version };
    },
  },
});

export const hostEnv = defineFact({
  id: 'host.env',
  title: 'Host environment folders (for expanding %VARIABLES% in paths)',
  schema: z.record(z.string(), z.string()),
  live: {
    script: `$names = 'ProgramFiles','ProgramData','ALLUSERSPROFILE','SystemDrive','SystemRoot','USERPROFILE','LOCALAPPDATA','USERNAME','COMPUTERNAME'
$h = [ordered]@{}
foreach ($n in $names) { $v = [Environment]::GetEnvironmentVariable($n); if ($null -ne $v) { $h[$n] = $v } }
[pscustomobject]$h`,
  },
  checklist: {
    question: 'Are Windows and its programs installed in the default places (C:\\Windows, C:\\Program Files)?',
    choices: [{ value: 'default', label: 'Yes, the defaults' }],
    answer: z.literal('default'),
    toValue: () => ({
      ProgramFiles: 'C:\\Program Files',
      ProgramData: 'C:\\ProgramData',
      ALLUSERSPROFILE: 'C:\\ProgramData',
      SystemDrive: 'C:',
      SystemRoot: 'C:\\Windows',
    }),
  },
});

export const hostLastBoot = defineFact({
  id: 'host.lastBoot',
  title: 'Host last boot time',
  schema: isoTime,
  live: { script: "(Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime().ToString('o')" },
  checklist: {
    question: 'When did the host last restart? (date and time, e.g. 2026-11-21 03:10)',
    help: 'On the host: (Get-CimInstance Win32_OperatingSystem).LastBootUpTime',
    answer: isoTime,
    toValue: (a: string) => new Date(a).toISOString(),
  },
});

export type HostKind = 'cce-appliance' | 'lync-server';

/** What the host is, from what was found on it: CCE rules do not apply to a Lync Server, nor Lync rules to an appliance. */
export const hostKind = defineFact({
  id: 'host.kind',
  title: 'Kind of host: a CCE appliance host or a Lync / Skype for Business Server',
  schema: z.enum(['cce-appliance', 'lync-server']),
  derive: {
    from: [],
    optional: ['ps.cloudConnectorModule', 'cce.scriptVersion', 'file.cloudConnectorIni', 'lync.services', 'file.moduleIni.programData', 'cce.managementLog'],
    compute: (v): HostKind | ReturnType<typeof unavailable> => {
      const module = v['ps.cloudConnectorModule'] as { exists: boolean } | undefined;
      const ini = v['file.cloudConnectorIni'] as { exists: boolean } | undefined;
      // Left behind when the module itself is gone: the management service's log and %ProgramData%'s module.ini.
      const moduleIni = v['file.moduleIni.programData'] as { exists: boolean } | undefined;
      const log = v['cce.managementLog'] as { exists: boolean } | undefined;
      if (module?.exists || ini?.exists || typeof v['cce.scriptVersion'] === 'string' || moduleIni?.exists || log?.exists) return 'cce-appliance';
      const lync = v['lync.services'] as { installed: boolean } | undefined;
      if (lync?.installed) return 'lync-server';
      return unavailable('missing', 'neither the CloudConnector module, CloudConnector.ini nor Lync Server services were found');
    },
  },
});
