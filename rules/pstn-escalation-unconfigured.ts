import { defineRule, fail, pass, unknown } from '../src/core/rules/api.js';
import { sameText } from './lib/appliance.js';

export default defineRule({
  id: 'pstn-escalation-unconfigured',
  title: 'The online hybrid Mediation Server settings are not configured',
  family: 'deployment',
  order: 100,
  severity: 'warning',
  applies: 'all',
  symptom: 'A PSTN call from a Skype for Business client cannot be escalated to a conference by inviting another PSTN number',
  needs: ['tenant.hybridMediationSettings', 'cce.topology'],
  check({ facts }) {
    const settings = facts['tenant.hybridMediationSettings'];
    const topo = facts['cce.topology'];
    const fqdn = topo.mediationFqdn;
    const params = {
      ...(fqdn ? { mediationFqdn: fqdn } : {}),
      ...(topo.accessProxyFqdn ? { accessProxyFqdn: topo.accessProxyFqdn } : {}),
    };
    if (settings.servers === null) {
      const evidence = [{ fact: 'tenant.hybridMediationSettings' as const, label: 'Operator answer', value: settings.operatorSaysConfigured ? 'configured' : 'not configured' }];
      if (settings.operatorSaysConfigured === null) return unknown('the tenant was not read and no answer was given', ['tenant.hybridMediationSettings']);
      return settings.operatorSaysConfigured
        ? pass('the operator says the online hybrid Mediation Server settings are configured', evidence)
        : fail('the online hybrid Mediation Server settings are not configured (operator answer)', evidence, params);
    }
    if (!fqdn) return unknown('CloudConnector.ini lacks [MediationServer] ServerName or [Common] VirtualMachineDomain', ['cce.ini']);
    const entry = settings.servers.find((s) => sameText(s.fqdn, fqdn));
    const listed = settings.servers.map((s) => `${s.fqdn} → ${s.accessProxyExternalFqdn ?? '(no access proxy)'}`).join('; ') || '(none)';
    const evidence = [
      { fact: 'tenant.hybridMediationSettings' as const, label: 'Hybrid Mediation Servers in the tenant', value: listed },
      { fact: 'cce.ini' as const, label: 'This Mediation Server FQDN', value: fqdn, at: '[MediationServer] ServerName + [Common] VirtualMachineDomain' },
    ];
    if (!entry) return fail(`the tenant has no hybrid Mediation Server setting for ${fqdn}`, evidence, params);
    if (!entry.accessProxyExternalFqdn) return fail(`the hybrid Mediation Server setting for ${fqdn} names no access proxy (Edge external FQDN)`, evidence, params);
    return pass(`${fqdn} is configured with access proxy ${entry.accessProxyExternalFqdn}`, evidence);
  },
  remediation: [
    {
      id: 'set-hybrid-mediation-server',
      title: 'Configure the online hybrid Mediation Server settings (tenant)',
      text: 'In a Skype for Business Online PowerShell session, point the Mediation Server at the Edge access proxy ("Configure online hybrid Mediation Server Settings" in the Cloud Connector integration guide).',
      command: 'Set-CsHybridMediationServer -Fqdn {mediationFqdn} -AccessProxyExternalFqdn {accessProxyFqdn}',
      params: { mediationFqdn: "the Mediation Server FQDN (ServerName.VirtualMachineDomain)", accessProxyFqdn: "the Edge's external SIP FQDN (ExternalSIPPoolName.SIP domain)" },
      runsOn: 'tenant',
      destructive: false,
    },
  ],
});
