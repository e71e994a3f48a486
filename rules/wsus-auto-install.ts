import { defineRule, fail, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';

/** AUOptions: the policy's 2–5 and Control Panel's 1–4 (AutomaticUpdatesNotificationLevel, wuapi.h). */
const AU_OPTIONS: Record<number, string> = {
  1: 'never check for updates',
  2: 'notify before download',
  3: 'download automatically, notify before install',
  4: 'download and install automatically on a schedule',
  5: 'local administrator chooses',
};
const CONTROL_PANEL_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update';

const describeAu = (v: number | null | undefined) => (v === null || v === undefined ? '(not set)' : `${v} (${AU_OPTIONS[v] ?? 'unknown value'})`);

export default defineRule({
  id: 'wsus-auto-install',
  title: 'Updates come from WSUS but install automatically',
  family: 'host',
  order: 30,
  severity: 'warning',
  applies: '>=1.4.1',
  symptom: 'Updates come from WSUS but install (and restart) automatically',
  needs: ['cce.topology', 'host.windowsUpdatePolicy'],
  check({ facts }) {
    const wsusIni = facts['cce.topology'].wsusServer;
    const p = facts['host.windowsUpdatePolicy'];
    const wsusPolicy = p.wuServer && p.useWUServer === 1 ? p.wuServer : undefined;
    const evidence: EvidenceItem[] = [
      { fact: 'cce.ini', label: 'WSUSServer', value: wsusIni ?? '(empty)', at: '[Common] WSUSServer' },
      { fact: 'host.windowsUpdatePolicy', label: 'WUServer (policy)', value: p.wuServer ? `${p.wuServer}${p.useWUServer === 1 ? '' : ' (UseWUServer not 1)'}` : '(not set)' },
      { fact: 'host.windowsUpdatePolicy', label: 'AUOptions (policy)', value: describeAu(p.auOptions) },
      { fact: 'host.windowsUpdatePolicy', label: 'NoAutoUpdate (policy)', value: p.noAutoUpdate === null ? '(not set)' : String(p.noAutoUpdate) },
      // Older snapshots did not read the Control Panel setting.
      ...(p.localAuOptions === undefined ? [] : [{ fact: 'host.windowsUpdatePolicy' as const, label: 'AUOptions (Control Panel)', value: describeAu(p.localAuOptions), at: CONTROL_PANEL_KEY }]),
    ];
    const wsus = wsusIni ?? wsusPolicy;
    if (!wsus) return pass('no WSUS server is configured: the site updates from Windows Update', evidence);
    if (p.noAutoUpdate === 1) return pass(`updates come from WSUS (${wsus}) and automatic updating is off by policy`, evidence);
    // A policy value decides, except 5 (the local administrator chooses): then, as with no policy at all,
    // the Control Panel setting applies.
    const local = p.localAuOptions ?? null;
    const byPolicy = p.auOptions !== null && p.auOptions !== 5;
    const effective = byPolicy ? p.auOptions : local;
    const where = p.auOptions === 5 ? 'Control Panel, as the policy lets the local administrator choose' : 'Control Panel, as no policy sets it';
    if (effective === 4) {
      return fail(
        byPolicy
          ? `updates come from WSUS (${wsus}) and the Windows Update policy installs them automatically (AUOptions=4)`
          : `updates come from WSUS (${wsus}) and Windows Update installs them automatically: AUOptions=4 in ${where}`,
        evidence,
      );
    }
    if (effective === null) {
      return unknown(
        p.auOptions === 5
          ? `updates come from WSUS (${wsus}); the policy lets the local administrator choose (AUOptions=5) and the Control Panel setting could not be read: check Control Panel > Windows Update on the host`
          : `updates come from WSUS (${wsus}) but no AUOptions policy is set and the Control Panel setting could not be read: check Control Panel > Windows Update on the host`,
        ['host.windowsUpdatePolicy'],
      );
    }
    if (effective === 1) return pass(`updates come from WSUS (${wsus}) and automatic updating is off (AUOptions=1 in ${where})`, evidence);
    return pass(`updates come from WSUS (${wsus}) and are not installed automatically (AUOptions=${effective}${byPolicy ? '' : ` in ${where}`})`, evidence);
  },
  remediation: [
    {
      id: 'check-gpo',
      title: 'Find out whether a domain Group Policy sets Windows Update',
      text: 'Group Policy applies the local policy first, then the site, domain and OU policies: a domain GPO that sets "Configure Automatic Updates" overrides any local change at the next policy refresh. Look for "Applied Group Policy Objects" (run elevated); if a domain GPO sets it, change that GPO with the domain\'s administrators (gpresult /h report.html names the winning GPO per setting).',
      command: 'gpresult /r /scope computer',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'set-notify',
      title: 'Set Windows Update not to install automatically',
      text: 'Set "Configure Automatic Updates" to 3 (download and notify) in the Group Policy that sets it, or locally when no domain GPO does (a domain GPO overrides a local change). The command writes the local policy value, which also takes precedence over the Control Panel setting.',
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
