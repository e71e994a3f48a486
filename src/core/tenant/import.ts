/**
 * Tenant facts from files: the JSON that `Get-CsHybridPSTNAppliance | ConvertTo-Json`,
 * `Get-CsHybridPSTNSite | ConvertTo-Json` or `Get-CsHybridMediationServer | ConvertTo-Json` wrote in a
 * Skype for Business Online session (Windows PowerShell 5.1: a single object or an array, often
 * UTF-16LE with a BOM when redirected with `>`). Which cmdlet wrote a file is told by its properties.
 */
import * as z from '../schema.js';
import { InputError } from '../errors.js';
import { decodeText } from '../text/decode.js';
import { displayLine, quoted } from '../text/sanitize.js';
import { locateJsonError } from '../text/json-error.js';
import { isPsObject, psArray, psBool, psProp, psText, type PsObject } from './ps-json.js';

const text = () => z.nullable(z.string());
const name = () => z.string().check(z.minLength(1));

export const tenantApplianceSchema = z.object({
  identity: text(),
  name: name(),
  site: text(),
  mediationServerFqdn: text(),
  mediationServerIpAddress: text(),
  /** As Set-CsCceApplianceDeploymentStatus sets it (Finished …); null when the output has no such property. */
  deploymentStatus: text(),
});
export type TenantAppliance = z.infer<typeof tenantApplianceSchema>;

export const tenantSiteSchema = z.object({
  identity: text(),
  name: name(),
  enableAutoUpdate: z.nullable(z.boolean()),
});
export type TenantSite = z.infer<typeof tenantSiteSchema>;

export const hybridMediationServerSchema = z.object({
  fqdn: name(),
  accessProxyExternalFqdn: text(),
});
export const hybridMediationSettingsSchema = z.object({
  /** The tenant's hybrid Mediation Server entries, when they were read from the tenant. */
  servers: z.nullable(z.array(hybridMediationServerSchema)),
  /** The operator's answer when the tenant was not read. */
  operatorSaysConfigured: z.nullable(z.boolean()),
});
export type HybridMediationSettings = z.infer<typeof hybridMediationSettingsSchema>;

export type TenantFactId = 'tenant.appliances' | 'tenant.sites' | 'tenant.hybridMediationSettings';

export type TenantImport =
  | { fact: 'tenant.appliances'; cmdlet: 'Get-CsHybridPSTNAppliance'; value: TenantAppliance[] }
  | { fact: 'tenant.sites'; cmdlet: 'Get-CsHybridPSTNSite'; value: TenantSite[] }
  | { fact: 'tenant.hybridMediationSettings'; cmdlet: 'Get-CsHybridMediationServer'; value: HybridMediationSettings };

/** Thrown by the converters; the file reader turns it into an InputError naming the file. */
export class TenantJsonError extends Error {
  override readonly name = 'TenantJsonError';
}

function objects(json: unknown, what: string): PsObject[] {
  const items = psArray(json);
  items.forEach((item, i) => {
    if (!isPsObject(item)) throw new TenantJsonError(`item [${i}] is not an object (${what} writes objects)`);
  });
  return items as PsObject[];
}

function required(o: PsObject, i: number, ...names: string[]): string {
  const v = psText(psProp(o, ...names));
  if (v === null) throw new TenantJsonError(`item [${i}] has no ${names[0]}`);
  return v;
}

export function appliancesFromJson(json: unknown): TenantAppliance[] {
  return objects(json, 'Get-CsHybridPSTNAppliance').map((o, i) => ({
    identity: psText(psProp(o, 'Identity', 'Id')),
    name: required(o, i, 'Name', 'ApplianceName'),
    site: psText(psProp(o, 'Site', 'SiteName')),
    mediationServerFqdn: psText(psProp(o, 'MediationServerFqdn')),
    mediationServerIpAddress: psText(psProp(o, 'MediationServerIPAddress', 'MediationServerIpAddress')),
    deploymentStatus: psText(psProp(o, 'DeploymentStatus', 'ApplianceDeploymentStatus')),
  }));
}

export function sitesFromJson(json: unknown): TenantSite[] {
  return objects(json, 'Get-CsHybridPSTNSite').map((o, i) => ({
    identity: psText(psProp(o, 'Identity', 'Id')),
    name: required(o, i, 'Name', 'SiteName', 'Identity'),
    enableAutoUpdate: psBool(psProp(o, 'EnableAutoUpdate')),
  }));
}

export function mediationServersFromJson(json: unknown): HybridMediationSettings {
  const servers = objects(json, 'Get-CsHybridMediationServer').map((o, i) => ({
    fqdn: required(o, i, 'Fqdn', 'Identity'),
    accessProxyExternalFqdn: psText(psProp(o, 'AccessProxyExternalFqdn', 'HostingProvider')),
  }));
  return { servers, operatorSaysConfigured: null };
}

const has = (o: PsObject, name: string) => psProp(o, name) !== undefined;

/** Which cmdlet's output this is (by its properties), converted to the fact value. */
export function tenantImportFromJson(json: unknown): TenantImport {
  const items = psArray(json);
  if (items.length === 0) throw new TenantJsonError('it holds no objects (an empty list cannot tell which cmdlet wrote it)');
  const first = items.find(isPsObject);
  if (!first) throw new TenantJsonError('it holds no objects: expected the JSON of PowerShell objects');
  if (has(first, 'MediationServerFqdn') || has(first, 'MediationServerIPAddress')) {
    return { fact: 'tenant.appliances', cmdlet: 'Get-CsHybridPSTNAppliance', value: appliancesFromJson(json) };
  }
  if (has(first, 'EnableAutoUpdate')) return { fact: 'tenant.sites', cmdlet: 'Get-CsHybridPSTNSite', value: sitesFromJson(json) };
  if (has(first, 'AccessProxyExternalFqdn')) {
    return { fact: 'tenant.hybridMediationSettings', cmdlet: 'Get-CsHybridMediationServer', value: mediationServersFromJson(json) };
  }
  const props = Object.keys(first).slice(0, 8).map((k) => displayLine(k, 60)).join(', ');
  throw new TenantJsonError(
    `cannot tell which cmdlet wrote it: expected MediationServerFqdn (Get-CsHybridPSTNAppliance), EnableAutoUpdate (Get-CsHybridPSTNSite) or AccessProxyExternalFqdn (Get-CsHybridMediationServer); its objects have ${props || 'no properties'}`,
  );
}

/** Parses JSON text as PowerShell writes it; a JSON error says where. */
export function parsePsJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new TenantJsonError('it is empty (did the cmdlet print nothing?)');
  try {
    return JSON.parse(body);
  } catch {
    const at = locateJsonError(body);
    const offset = text.length - text.replace(/^\uFEFF/, '').trimStart().length;
    // Line and column in the file, not in the trimmed text.
    const lead = text.slice(0, offset);
    const line = at.line + lead.split('\n').length - 1;
    const column = at.line === 1 ? at.column + offset - (lead.lastIndexOf('\n') + 1) : at.column;
    throw new TenantJsonError(`it is not valid JSON: line ${line}, column ${column}: ${at.problem}; save the output of ... | ConvertTo-Json`);
  }
}

/** A tenant file's bytes (UTF-8 or UTF-16 with BOM) → the fact it holds. Bad input → InputError naming the file. */
export function importTenantFile(bytes: Uint8Array, shown: string): TenantImport {
  const { text, binary } = decodeText(bytes);
  try {
    if (binary) throw new TenantJsonError('it is not text (expected JSON in UTF-8 or UTF-16)');
    return tenantImportFromJson(parsePsJsonText(text));
  } catch (e) {
    if (e instanceof TenantJsonError) {
      throw new InputError(
        `--tenant ${quoted(shown, 300)}: ${e.message}. Expected the output of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or Get-CsHybridMediationServer piped to ConvertTo-Json.`,
      );
    }
    throw e;
  }
}
