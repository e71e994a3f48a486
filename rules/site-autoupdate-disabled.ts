import { defineRule, fail, pass, unknown } from '../src/core/rules/api.js';
import { sameSite } from './lib/appliance.js';

export default defineRule({
  id: 'site-autoupdate-disabled',
  title: 'Automatic updates are off for the PSTN site',
  family: 'host',
  order: 20,
  severity: 'warning',
  applies: '>=1.4.1',
  symptom: 'Installing the AD server warns that Windows automatic updating is not enabled',
  needs: ['tenant.sites', 'cce.topology'],
  signatures: [
    {
      text: 'Windows automatic updating is not enabled. To ensure that your newly-installed role or feature is automatically updated, turn on Windows Update.',
      pattern: /windows automatic updating is not enabled\.?\s*to ensure that your newly-installed role or feature is automatically updated,?\s*turn on windows update/i,
    },
  ],
  check({ facts }) {
    const siteName = facts['cce.topology'].siteName;
    const sites = facts['tenant.sites'];
    const site = sites.find((s) => sameSite(s.name, siteName) || sameSite(s.identity, siteName));
    if (!site) {
      return unknown(`the tenant has no PSTN site named ${siteName ?? '(no SiteName in CloudConnector.ini)'} (sites: ${sites.map((s) => s.name).join(', ') || 'none'})`, ['tenant.sites']);
    }
    if (site.enableAutoUpdate === null) return unknown(`Get-CsHybridPSTNSite output for ${site.name} has no EnableAutoUpdate`, ['tenant.sites']);
    const evidence = [{ fact: 'tenant.sites' as const, label: `Site ${site.name} EnableAutoUpdate`, value: String(site.enableAutoUpdate) }];
    if (!site.enableAutoUpdate) {
      return fail(`EnableAutoUpdate is False for site ${site.name}: the host and VMs get no automatic Windows updates`, evidence, { siteIdentity: site.identity ?? site.name });
    }
    return pass(`EnableAutoUpdate is True for site ${site.name}: the CCE management service installs Windows updates, so the AD warning is safe to ignore`, evidence);
  },
  remediation: [
    {
      id: 'enable-auto-update',
      title: 'Turn on automatic updates for the site (tenant)',
      text: 'In a Skype for Business Online PowerShell session.',
      command: 'Set-CsHybridPSTNSite -Identity {siteIdentity} -EnableAutoUpdate $true',
      params: { siteIdentity: 'the PSTN site (Get-CsHybridPSTNSite)' },
      runsOn: 'tenant',
      destructive: false,
    },
    {
      id: 'manual-updates',
      title: 'Or: install updates by hand',
      text: 'Check for and install Windows updates on the host and the VMs at a time you choose (the manual-windows-update procedure).',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
