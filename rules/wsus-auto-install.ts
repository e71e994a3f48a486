import { defineRule, fail, pass, unknown } from '../src/core/rules/define.js';
import type { EvidenceItem } from '../src/core/rules/types.js';
import { topology } from './lib/appliance.js';

const AU_OPTIONS: Record<number, string> = {
  2: 'notify before download',
  3: 'download automatically, notify before install',
  4: 'download and install automatically on a schedule',
  5: 'local administrator chooses',
};

export default defineRule({
  id: 'wsus-auto-install',
  title: 'Updates come from WSUS but install automatically',
  family: 'host',
  severity: 'warning',
  applies: '>=1.4.1',
  symptom: 'Updates come from WSUS but install (and restart) automatically',
  needs: ['cce.ini', 'host.windowsUpdatePolicy'],
  check({ facts }) {
    const wsusIni = topology(facts['cce.ini']).wsusServer;
    const p = facts['host.windowsUpdatePolicy'];
    const wsusPolicy = p.wuServer && p.useWUServer === 1 ? p.wuServer : undefined;
    const evidence: EvidenceItem[] = [
      { fact: 'cce.ini', label: 'WSUSServer', value: wsusIni ?? '(empty)', at: '[Common] WSUSServer' },
      { fact: 'host.windowsUpdatePolicy', label: 'WUServer (policy)', value: p.wuServer ? `${p.wuServer}${p.useWUServer === 1 ? '' : ' (UseWUServer not 1)'}` : '(not set)' },
      { fact: 'host.windowsUpdatePolicy', label: 'AUOptions (policy)', value: p.auOptions === null ? '(not set)' : `${p.auOptions} (${AU_OPTIONS[p.auOptions] ?? 'unknown value'})` },
      { fact: 'host.windowsUpdatePolicy', label: 'NoAutoUpdate (policy)', value: p.noAutoUpdate === null ? '(not set)' : String(p.noAutoUpdate) },
    ];
    const wsus = wsusIni ?? wsusPolicy;
    if (!wsus) return pass('no WSUS server is configured: the site updates from Windows Update', evidence);
    if (p.noAutoUpdate === 1) return pass(`updates come from WSUS (${wsus}) and automatic updating is off by policy`, evidence);
    if (p.auOptions === 4) {
      return fail(`updates come from WSUS (${wsus}) and the Windows Update policy installs them automatically (AUOptions=4)`, evidence);
    }
    if (p.auOptions === null) {
      return unknown(`updates come from WSUS (${wsus}) but no AUOptions policy is set: check Control Panel > Windows Update on the host`, ['host.windowsUpdatePolicy']);
    }
    return pass(`updates come from WSUS (${wsus}) and are not installed automatically (AUOptions=${p.auOptions})`, evidence);
  },
  remediation: [
    {
      id: 'set-notify',
      title: 'Set Windows Update not to install automatically',
      text: 'Set "Configure Automatic Updates" to 3 (download and notify) in the Group Policy that sets it, or locally; a domain GPO overrides a local change.',
      command: "Set-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU' -Name AUOptions -Value 3 -Type DWord",
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'manual-updates',
      title: 'Install updates at a chosen time',
      text: 'Follow the manual-windows-update (or ha-windows-update) procedure so updates and restarts happen when you choose.',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
