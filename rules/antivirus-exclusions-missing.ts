import { defineRule, fail, notApplicable, pass, type EvidenceItem } from '../src/core/rules/api.js';
import { normalizePath } from './lib/windows-paths.js';

const PROCESS = 'Microsoft.Rtc.CCE.ManagementService.exe';

/** A path exclusion covers the folder itself and everything under it. */
function covered(required: string, exclusions: readonly string[], env: Readonly<Record<string, string>>): boolean {
  const want = normalizePath(required, env);
  return exclusions.some((x) => {
    const have = normalizePath(x, env);
    return have !== '' && (want === have || want.startsWith(`${have}\\`));
  });
}

const baseName = (p: string) => p.trim().replace(/^"(.*)"$/, '$1').split(/[\\/]/).pop()!.toLowerCase();

export default defineRule({
  id: 'antivirus-exclusions-missing',
  title: 'Anti-virus exclusions for CCE are missing',
  family: 'host',
  order: 50,
  severity: 'warning',
  applies: 'all',
  symptom: 'Anti-virus on the host scans the CCE folders',
  needs: ['host.defenderExclusions', 'cce.directories'],
  optional: ['host.env'],
  check({ facts }) {
    const av = facts['host.defenderExclusions'];
    const dirs = facts['cce.directories'];
    const env = facts['host.env'] ?? {};
    if (!av.defender) {
      return notApplicable('neither Windows Defender nor System Center Endpoint Protection is on this host; if another anti-virus product is installed, check its exclusions by hand against the documented list', [
        { fact: 'host.defenderExclusions', label: 'Windows Defender / System Center Endpoint Protection', value: 'not installed' },
      ]);
    }
    // SCEP (Windows Server 2012 R2) keeps the same exclusion lists as Windows Defender: judged alike.
    const product = av.product === 'scep' ? 'System Center Endpoint Protection (Get-MProtPreference)' : 'Windows Defender (Get-MpPreference)';
    const required: { path: string; what: string }[] = [
      ...(dirs.applianceRoot ? [{ path: dirs.applianceRoot, what: 'local appliance directory' }] : []),
      ...(dirs.siteRoot ? [{ path: dirs.siteRoot, what: 'site directory (as this appliance reaches it)' }] : []),
      ...(dirs.siteShareLocalPath ? [{ path: dirs.siteShareLocalPath, what: 'local folder of the site root share hosted here' }] : []),
      { path: '%ProgramFiles%\\Skype for Business Cloud Connector Edition', what: 'CCE program folder' },
      { path: '%ALLUSERSPROFILE%\\CloudConnector', what: 'CCE data folder' },
      { path: '%ProgramFiles%\\WindowsPowerShell\\Modules\\CloudConnector', what: 'CloudConnector PowerShell module' },
    ];
    const missingPaths = required.filter((r) => !covered(r.path, av.paths, env));
    const processOk = av.processes.some((p) => baseName(p) === PROCESS.toLowerCase());
    const evidence: EvidenceItem[] = [
      ...missingPaths.map((m) => {
        const expanded = expandForCommand(m.path, env);
        return { fact: 'host.defenderExclusions' as const, label: `Missing path exclusion: ${m.what}`, value: expanded, ...(expanded !== m.path ? { at: m.path } : {}) };
      }),
      ...(processOk ? [] : [{ fact: 'host.defenderExclusions' as const, label: 'Missing process exclusion', value: PROCESS }]),
    ];
    const context: EvidenceItem[] = [
      { fact: 'host.defenderExclusions', label: 'Anti-virus', value: product },
      { fact: 'host.defenderExclusions', label: 'ExclusionPath', value: av.paths.join('; ') || '(none)' },
      { fact: 'host.defenderExclusions', label: 'ExclusionProcess', value: av.processes.join('; ') || '(none)' },
      { fact: 'cce.directories', label: 'Appliance / site directory', value: `${dirs.applianceRoot ?? '(unknown)'} / ${dirs.siteRoot ?? '(unknown)'}` },
    ];
    if (evidence.length > 0) {
      const toAdd = (missingPaths.length > 0 ? missingPaths : required).map((m) => expandForCommand(m.path, env));
      return fail(`${evidence.length} documented anti-virus exclusion(s) are missing: ${evidence.map((e) => e.value).join(', ')}`, [...evidence, ...context], {
        paths: toAdd.join('|'),
        process: PROCESS,
      });
    }
    const unknownDirs = [!dirs.applianceRoot && 'appliance directory', !dirs.siteRoot && 'site directory'].filter(Boolean);
    return pass(`every documented exclusion is present${unknownDirs.length ? ` (not checked, unknown: ${unknownDirs.join(', ')})` : ''}`, context);
  },
  remediation: [
    {
      id: 'add-path-exclusions',
      title: 'Add the missing folder exclusions (Windows Defender)',
      text: 'Excludes the CCE folders from Windows Defender scanning (with another anti-virus product, add the same folders in its console).',
      command: "Add-MpPreference -ExclusionPath ({paths} -split '\\|')",
      params: { paths: "the missing folders, separated by '|'" },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'add-process-exclusion',
      title: 'Exclude the management service process (Windows Defender)',
      text: 'Excludes the files the CCE management service opens.',
      command: 'Add-MpPreference -ExclusionProcess {process}',
      params: { process: 'the management service executable' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'add-exclusions-scep',
      title: 'Add the missing exclusions (System Center Endpoint Protection, Windows Server 2012 R2)',
      text: 'On a host protected by System Center Endpoint Protection instead of Windows Defender: its MpProvider module has the same cmdlets with "MProt" in the name. Where a Configuration Manager antimalware policy manages this host\'s exclusions, add them to that policy.',
      command: "Import-Module (Join-Path $env:ProgramFiles 'Microsoft Security Client\\MpProvider\\MpProvider.psd1'); Add-MProtPreference -ExclusionPath ({paths} -split '\\|') -ExclusionProcess {process}",
      params: { paths: "the missing folders, separated by '|'", process: 'the management service executable' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});

/** Keeps a path's original case while expanding %VARIABLES% from the host environment. */
function expandForCommand(path: string, env: Readonly<Record<string, string>>): string {
  return path.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? env[key]! : whole;
  });
}
