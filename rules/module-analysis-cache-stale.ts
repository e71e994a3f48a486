import { defineRule, fail, notApplicable, pass, unknown } from '../src/core/rules/define.js';

export default defineRule({
  id: 'module-analysis-cache-stale',
  title: 'PowerShell ModuleAnalysisCache is older than the CloudConnector module',
  family: 'powershell',
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
    if (!mod.lastWriteTime) return unknown('the CloudConnector module time is unknown', ['ps.cloudConnectorModule']);
    const evidence = [
      cacheEvidence,
      { fact: 'ps.cloudConnectorModule' as const, label: 'CloudConnector module last written', value: mod.lastWriteTime, at: mod.path },
    ];
    if (Date.parse(cache.lastWriteTime) < Date.parse(mod.lastWriteTime)) {
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
      text: 'PowerShell rebuilds the cache the next time it starts. Close every PowerShell window, delete the file, open a new elevated PowerShell and run Enter-CcUpdate again. Or let ccdoctor delete it: ccdoctor fix module-analysis-cache-stale (--dry-run shows what it would delete).',
      command: 'Remove-Item -LiteralPath {cachePath} -Force',
      params: { cachePath: 'the ModuleAnalysisCache file' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
