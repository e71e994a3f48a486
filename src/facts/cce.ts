import * as z from '../core/schema.js';
import { defineFact, interpretFact, unavailable } from '../core/facts/types.js';
import { topology } from '../core/appliance/topology.js';
import { iniValue, parseIni, type IniDocument } from '../core/ini/read.js';
import { parseVersion } from '../core/versions.js';
import { filePathAnswer, hostFile, hostFileToJson, psReadFile, type HostFile } from './shapes.js';
import { PS_CLOUDCONNECTOR } from './ps-cloudconnector.js';
import { readFileSync, statSync } from 'node:fs';

const versionText = z.nullable(z.string().check(z.trim()));

/** Largest copy of an ini file an operator may point the checklist at (the real ones are a few KB). */
const MAX_COPY_BYTES = 4 * 1024 * 1024;

/** Reads the operator's copy of a host file; throws a plain message the checklist shows as the answer's error. */
function readCopy(path: string, hostPath: string): HostFile {
  let info;
  try {
    info = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(e as Error).message}`);
  }
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_COPY_BYTES) throw new Error(`${path} is ${info.size} bytes: too big for ${hostPath} (at most ${MAX_COPY_BYTES})`);
  const bytes = new Uint8Array(readFileSync(path));
  return { path: hostPath, exists: true, size: bytes.length, lastWriteTime: info.mtime.toISOString(), bytes };
}

export const cceScriptVersion = defineFact({
  id: 'cce.scriptVersion',
  title: 'CCE script version (Get-CcVersion)',
  schema: versionText,
  live: {
    // No Get-CcVersion in a loaded module means a version before 2.0 (null); no module at all is an error.
    script: `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
if (Get-Command Get-CcVersion -ErrorAction SilentlyContinue) { Get-CcdCcValue { Get-CcVersion } 'Get-CcVersion' } else { $null }`,
  },
  checklist: {
    question: 'What does Get-CcVersion print on the host? (leave empty if the cmdlet does not exist: versions before 2.0)',
    answer: z.string().check(z.trim()),
    toValue: (a: string) => (a === '' ? null : a),
  },
});

export const cceRunningVersion = defineFact({
  id: 'cce.runningVersion',
  title: 'CCE running version (Get-CcRunningVersion)',
  schema: versionText,
  live: {
    // Empty output is the symptom running-version-empty; a cmdlet that cannot be run says nothing about it.
    script: `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
if (-not (Get-Command Get-CcRunningVersion -ErrorAction SilentlyContinue)) { throw 'Get-CcRunningVersion is not available in the CloudConnector module' }
Get-CcdCcValue { Get-CcRunningVersion } 'Get-CcRunningVersion'`,
  },
  checklist: {
    question: 'What does Get-CcRunningVersion print? (leave empty if it prints nothing)',
    answer: z.string().check(z.trim()),
    toValue: (a: string) => (a === '' ? null : a),
  },
});

export const cceApplianceRoot = defineFact({
  id: 'cce.applianceRoot',
  title: 'Appliance directory (Get-CcApplianceDirectory)',
  schema: z.string().check(z.minLength(1)),
  live: { script: `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
Get-CcdCcFolder { Get-CcApplianceDirectory } 'Get-CcApplianceDirectory'` },
  checklist: {
    question: 'What does Get-CcApplianceDirectory print?',
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string) => a,
  },
});

export const cloudConnectorIniFile = defineFact({
  id: 'file.cloudConnectorIni',
  title: 'CloudConnector.ini (bytes as on the host)',
  schema: hostFile,
  toJson: hostFileToJson,
  live: { script: `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
${psReadFile("Join-Path (Get-CcdCcFolder { Get-CcApplianceDirectory } 'Get-CcApplianceDirectory') 'CloudConnector.ini'")}` },
  checklist: {
    question: 'Path to a copy of the host\'s CloudConnector.ini (from the appliance directory)',
    answer: filePathAnswer,
    toValue: (a: string) => readCopy(a, 'CloudConnector.ini'),
  },
});

export const moduleIniProgramData = defineFact({
  id: 'file.moduleIni.programData',
  title: 'module.ini in %ProgramData%\\CloudConnector',
  schema: hostFile,
  toJson: hostFileToJson,
  live: { script: psReadFile("Join-Path $env:ProgramData 'CloudConnector\\module.ini'") },
  checklist: {
    question: 'Path to a copy of %ProgramData%\\CloudConnector\\module.ini',
    answer: filePathAnswer,
    toValue: (a: string) => readCopy(a, 'C:\\ProgramData\\CloudConnector\\module.ini'),
  },
});

export const moduleIniUserProfile = defineFact({
  id: 'file.moduleIni.userProfile',
  title: 'module.ini in %UserProfile%\\CloudConnector',
  schema: hostFile,
  toJson: hostFileToJson,
  live: { script: psReadFile("Join-Path $env:USERPROFILE 'CloudConnector\\module.ini'") },
  checklist: {
    question: 'Path to a copy of %UserProfile%\\CloudConnector\\module.ini',
    answer: filePathAnswer,
    toValue: (a: string) => readCopy(a, '%UserProfile%\\CloudConnector\\module.ini'),
  },
});

function iniFrom(file: HostFile, what: string): IniDocument | ReturnType<typeof unavailable> {
  if (!file.exists) return unavailable('missing', `${what} does not exist at ${file.path}`);
  if (!file.bytes) return unavailable('missing', `${what} exists at ${file.path} but its content was not collected`);
  return parseIni(file.bytes, file.path);
}

export const cceIni = interpretFact(cloudConnectorIniFile, {
  id: 'cce.ini',
  title: 'CloudConnector.ini, parsed',
  compute: (file) => iniFrom(file, 'CloudConnector.ini'),
  namesItself: true,
});

export const cceModuleIni = interpretFact(moduleIniProgramData, {
  id: 'cce.moduleIni',
  title: 'module.ini (%ProgramData%), parsed',
  compute: (file) => iniFrom(file, 'module.ini'),
  namesItself: true,
});

export const cceModuleIniUserProfile = interpretFact(moduleIniUserProfile, {
  id: 'cce.moduleIni.userProfile',
  title: 'module.ini (%UserProfile%), parsed',
  compute: (file) => iniFrom(file, 'module.ini'),
  namesItself: true,
});

/** The appliance as CloudConnector.ini describes it (servers, addresses, switches, site), read once for every rule. */
export const cceTopology = interpretFact(cceIni, {
  id: 'cce.topology',
  title: 'The appliance topology in CloudConnector.ini',
  compute: topology,
});

/** module.ini key names are not documented: look for a key naming the running version. */
export function moduleIniRunningVersion(doc: IniDocument): string | undefined {
  for (const s of [{ entries: doc.global }, ...doc.sections]) {
    for (const e of s.entries) if (/running/i.test(e.key) && parseVersion(e.value)) return e.value.trim();
  }
  return undefined;
}

export const cceVersion = defineFact({
  id: 'cce.version',
  title: 'Installed CCE version',
  schema: z.string(),
  derive: {
    from: ['cce.scriptVersion'],
    optional: ['file.moduleIni.programData', 'file.moduleIni.userProfile', 'ps.cloudConnectorModule'],
    compute: (v) => {
      const script = v['cce.scriptVersion'] as string | null;
      if (script && parseVersion(script)) return script;
      if (script) throw new Error(`Get-CcVersion printed "${script}", which is not a version`);
      // Before 2.0 there is no Get-CcVersion: module.ini records the running version, in %ProgramData%
      // from 1.4.1 on. Only a host without that file (1.3.x) is dated by the %UserProfile% copy, which
      // after an upgrade is stale by design.
      const programData = v['file.moduleIni.programData'] as HostFile | undefined;
      const userProfile = v['file.moduleIni.userProfile'] as HostFile | undefined;
      const source = programData?.exists ? programData : userProfile;
      const doc = source?.exists && source.bytes ? parseIni(source.bytes, source.path) : undefined;
      const fromIni = doc ? moduleIniRunningVersion(doc) : undefined;
      if (fromIni) return fromIni;
      // Last: the installed CloudConnector module's own version (its manifest), which is the script version.
      const module = v['ps.cloudConnectorModule'] as { exists: boolean; version?: string | null } | undefined;
      if (module?.exists && module.version && parseVersion(module.version)) return module.version;
      return unavailable('missing', 'Get-CcVersion is not available (CCE before 2.0), no module.ini names a running version and the CloudConnector module has no version');
    },
  },
});

export { iniValue };
