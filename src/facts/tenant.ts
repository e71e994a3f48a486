/**
 * Tenant facts (Skype for Business Online remote PowerShell). Never collected from the host unless the
 * operator opts in (probe scope 'tenant'); also importable from the cmdlets' JSON (ccdoctor check
 * --tenant FILE) or answered in the checklist by pasting that JSON.
 */
import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import {
  appliancesFromJson, hybridMediationSettingsSchema, mediationServersFromJson, parsePsJsonText, sitesFromJson,
  tenantApplianceSchema, tenantSiteSchema, TenantJsonError,
} from '../core/tenant/import.js';
import { isPsObject, psBool, psProp } from '../core/tenant/ps-json.js';

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
  live: {
    scope: 'tenant',
    script: `$items = @(Get-CsHybridPSTNAppliance -ErrorAction Stop | ForEach-Object {
  [pscustomobject]@{ Identity = [string]$_.Identity; Name = [string]$_.Name; Site = [string]$_.Site; MediationServerFqdn = [string]$_.MediationServerFqdn; MediationServerIPAddress = [string]$_.MediationServerIPAddress; DeploymentStatus = [string]$_.DeploymentStatus }
})
[pscustomobject]@{ items = $items }`,
    parse: (json) => appliancesFromJson(json && typeof json === 'object' && 'items' in json ? (json as { items: unknown }).items : json),
  },
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
  live: {
    scope: 'tenant',
    script: `$items = @(Get-CsHybridPSTNSite -ErrorAction Stop | ForEach-Object {
  [pscustomobject]@{ Identity = [string]$_.Identity; Name = [string]$_.Name; EnableAutoUpdate = [bool]$_.EnableAutoUpdate }
})
[pscustomobject]@{ items = $items }`,
    parse: (json) => sitesFromJson(json && typeof json === 'object' && 'items' in json ? (json as { items: unknown }).items : json),
  },
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
  live: {
    scope: 'tenant',
    script: `$items = @(Get-CsHybridMediationServer -ErrorAction Stop | ForEach-Object {
  [pscustomobject]@{ Fqdn = [string]$_.Fqdn; AccessProxyExternalFqdn = [string]$_.AccessProxyExternalFqdn }
})
[pscustomobject]@{ items = $items }`,
    parse: (json) => {
      // The stored form (a snapshot replayed as probe output) keeps its shape, including an operator's answer.
      if (isPsObject(json) && psProp(json, 'servers') !== undefined) {
        const servers = psProp(json, 'servers');
        return { servers: servers === null ? null : mediationServersFromJson(servers).servers, operatorSaysConfigured: psBool(psProp(json, 'operatorSaysConfigured')) };
      }
      return mediationServersFromJson(isPsObject(json) && psProp(json, 'items') !== undefined ? psProp(json, 'items') : json);
    },
  },
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
