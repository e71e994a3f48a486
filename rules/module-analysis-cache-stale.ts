import { defineRule, fail, notApplicable, pass, unknown } from '../src/core/rules/api.js';

/**
 * PowerShell keeps its analysis cache in memory and writes the file again some seconds after it analyses
 * a module (AnalysisCache.QueueSerialization); it honours PSModuleAnalysisCachePath, read when it first
 * uses the cache. So the file is deleted by a powershell.exe started with that variable pointed away (a
 * file in %TEMP%), which cannot recreate the file it deletes; the window the command is pasted into gets
 * its variable back. {cachePath} is filled in with psQuote.
 */
export const DELETE_CACHE_COMMAND =
  "$saved = $env:PSModuleAnalysisCachePath; $env:PSModuleAnalysisCachePath = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'ccdoctor-ModuleAnalysisCache'); " +
  'powershell.exe -NoProfile -NonInteractive -Command { Remove-Item -LiteralPath {cachePath} -Force }; ' +
  '$env:PSModuleAnalysisCachePath = $saved';

export default defineRule({
  id: 'module-analysis-cache-stale',
  title: 'PowerShell ModuleAnalysisCache is older than the CloudConnector module',
  family: 'powershell',
  order: 10,
  severity: 'error',
  applies: 'all',
  symptom: 'Enter-CcUpdate fails: Stop-CsWindowsService is not recognized',
  needs: ['ps.moduleAnalysisCache', 'ps.cloudConnectorModule'],
  signatures: [
    {
      text: "The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.",
      pattern: /the term ['‘’]stop-cswindowsservice['‘’] is not recognized as the name of a cmdlet/i,
    },
  ],
  check({ facts }) {
    const cache = facts['ps.moduleAnalysisCache'];
    const mod = facts['ps.cloudConnectorModule'];
    const cacheEvidence = {
      fact: 'ps.moduleAnalysisCache' as const,
      label: 'ModuleAnalysisCache',
      value: cache.exists ? `${cache.path}, written ${cache.lastWriteTime ?? 'at an unknown time'}${cache.size != null ? `, ${cache.size} bytes` : ''}` : `${cache.path} (absent)`,
    };
    if (!cache.exists) return pass('there is no ModuleAnalysisCache file; PowerShell rebuilds it on start', [cacheEvidence]);
    if (!mod.exists) return notApplicable('the CloudConnector module is not installed (see cloudconnector-module-not-found)', [cacheEvidence]);
    if (!cache.lastWriteTime) return unknown('the ModuleAnalysisCache time is unknown', ['ps.moduleAnalysisCache']);
    // When the files arrived on the host; an MSI keeps its cabinet's write times, which predate the install.
    const moduleTime = mod.installedAt ?? mod.lastWriteTime;
    if (!moduleTime) return unknown('the CloudConnector module time is unknown', ['ps.cloudConnectorModule']);
    const evidence = [
      cacheEvidence,
      { fact: 'ps.cloudConnectorModule' as const, label: mod.installedAt ? 'CloudConnector module installed' : 'CloudConnector module last written', value: moduleTime, at: mod.path },
    ];
    if (Date.parse(cache.lastWriteTime) < Date.parse(moduleTime)) {
      return fail('the ModuleAnalysisCache predates the installed CloudConnector module, so PowerShell may resolve its commands from stale data', evidence, {
        cachePath: cache.path,
      });
    }
    return pass('the ModuleAnalysisCache is newer than the CloudConnector module', evidence);
  },
  remediation: [
    {
      id: 'delete-cache',
      title: 'Delete the ModuleAnalysisCache file',
      text:
        'Close every other PowerShell window first: an open PowerShell writes its cache back a few seconds after it loads a module, ' +
        'and the stale file would return. This command deletes the file from a separate powershell.exe started with ' +
        'PSModuleAnalysisCachePath pointed at a file in %TEMP%, so that PowerShell cannot recreate it either. Then close this window too, ' +
        'open a new elevated PowerShell (it rebuilds the cache) and run Enter-CcUpdate again. Or let ccdoctor delete it: ' +
        'ccdoctor fix module-analysis-cache-stale (--dry-run shows what it would delete).',
      command: DELETE_CACHE_COMMAND,
      params: { cachePath: 'the ModuleAnalysisCache file' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
