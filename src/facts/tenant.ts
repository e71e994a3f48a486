/**
 * Tenant facts: the Office 365 tenant's side of the deployment (Get-CsHybridPSTNAppliance,
 * Get-CsHybridPSTNSite, Get-CsHybridMediationServer). No probe reads them: ccdoctor opens no Skype for
 * Business Online session (those cmdlets retired with it). They come from the cmdlets' JSON output
 * (ccdoctor check --tenant FILE, live or with --snapshot) or from the checklist, where the JSON is pasted.
 */
import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import {
  appliancesFromJson, hybridMediationSettingsSchema, parsePsJsonText, sitesFromJson, tenantApplianceSchema, tenantSiteSchema,
  TenantJsonError,
} from '../core/tenant/import.js';

/** A checklist answer that is pasted cmdlet JSON: valid when the converter accepts it. */
function pastedJson<T>(convert: (json: unknown) => T) {
  return z.string().check(z.superRefine((text, ctx) => {
    try {
      convert(parsePsJsonText(text));
    } catch (e) {
      if (!(e instanceof TenantJsonError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message, input: text });
    }
  }));
}

export const tenantAppliances = defineFact({
  id: 'tenant.appliances',
  title: "The tenant's registered CCE appliances (Get-CsHybridPSTNAppliance)",
  schema: z.array(tenantApplianceSchema),
  external: 'tenant',
  checklist: {
    question: 'In a Skype for Business Online PowerShell session, run: Get-CsHybridPSTNAppliance | ConvertTo-Json — and paste the output',
    help: 'Needs tenant admin credentials. Lists every registered appliance with its site, Mediation Server FQDN and IP address.',
    answer: pastedJson(appliancesFromJson),
    toValue: (a: string) => appliancesFromJson(parsePsJsonText(a)),
  },
});

export const tenantSites = defineFact({
  id: 'tenant.sites',
  title: "The tenant's PSTN sites (Get-CsHybridPSTNSite)",
  schema: z.array(tenantSiteSchema),
  external: 'tenant',
  checklist: {
    question: 'In a Skype for Business Online PowerShell session, run: Get-CsHybridPSTNSite | ConvertTo-Json — and paste the output',
    help: 'Shows each PSTN site and its EnableAutoUpdate setting.',
    answer: pastedJson(sitesFromJson),
    toValue: (a: string) => sitesFromJson(parsePsJsonText(a)),
  },
});

export const tenantHybridMediationSettings = defineFact({
  id: 'tenant.hybridMediationSettings',
  title: 'Online hybrid Mediation Server settings (Get-CsHybridMediationServer)',
  schema: hybridMediationSettingsSchema,
  external: 'tenant',
  checklist: {
    question: 'Have the online hybrid Mediation Server settings been configured for this appliance (Set-CsHybridMediationServer with its Mediation Server FQDN)?',
    help: 'See "Configure online hybrid Mediation Server Settings" in the Cloud Connector integration guide; Get-CsHybridMediationServer lists them.',
    choices: [
      { value: 'yes', label: 'Yes, configured' },
      { value: 'no', label: 'No / not that I know of' },
    ],
    answer: z.enum(['yes', 'no']),
    toValue: (a: 'yes' | 'no') => ({ servers: null, operatorSaysConfigured: a === 'yes' }),
  },
});
