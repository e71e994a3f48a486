import { defineRule, fail, notApplicable, pass, unknown } from '../src/core/rules/api.js';

export default defineRule({
  id: 'stale-cmdlets-after-update',
  title: 'A PowerShell window predates the CloudConnector module update',
  family: 'powershell',
  order: 30,
  severity: 'info',
  applies: '>=1.4.1',
  symptom: 'After an automatic update the Cloud Connector cmdlets are still the old ones',
  needs: ['ps.processes', 'ps.cloudConnectorModule'],
  check({ facts }) {
    const mod = facts['ps.cloudConnectorModule'];
    if (!mod.exists) return notApplicable('the CloudConnector module is not installed (see cloudconnector-module-not-found)');
    // When the files arrived on the host; an MSI keeps its cabinet's write times, which predate the install.
    const updatedAt = mod.installedAt ?? mod.lastWriteTime;
    if (!updatedAt) return unknown('the time the CloudConnector module was last updated is unknown', ['ps.cloudConnectorModule']);
    const updated = Date.parse(updatedAt);
    const moduleEvidence = {
      fact: 'ps.cloudConnectorModule' as const, label: mod.installedAt ? 'CloudConnector module installed' : 'CloudConnector module last updated', value: updatedAt,
      at: `${mod.path}${mod.version ? `, version ${mod.version}` : ''}`,
    };
    const procs = facts['ps.processes'];
    const stale = procs.filter((p) => p.startTime !== null && Date.parse(p.startTime) < updated);
    const undated = procs.filter((p) => p.startTime === null);
    if (stale.length > 0) {
      return fail(`${stale.length} PowerShell process(es) started before the module was updated and still hold the old cmdlets: ${stale.map((p) => `${p.name} ${p.id}`).join(', ')}`, [
        moduleEvidence,
        ...stale.map((p) => ({ fact: 'ps.processes' as const, label: `${p.name} (PID ${p.id})`, value: `started ${p.startTime}` })),
      ], { pid: String(stale[0]!.id) });
    }
    if (undated.length > 0 && procs.length === undated.length) {
      return unknown(`the start time of ${undated.map((p) => `${p.name} ${p.id}`).join(', ')} could not be read`, ['ps.processes']);
    }
    return pass(procs.length === 0 ? 'no other PowerShell window is open' : `every open PowerShell process started after the module update`, [moduleEvidence]);
  },
  remediation: [
    {
      id: 'reopen-powershell',
      title: 'Close PowerShell and open it again',
      text: 'A new PowerShell window loads the updated CloudConnector cmdlets.',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'reimport-module',
      title: 'Or: reload the module in the open window',
      text: 'Run this in each PowerShell window that was open during the update.',
      command: 'Import-Module CloudConnector -Force',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
