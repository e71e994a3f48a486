/** Hyper-V on the host: the appliance VMs with their network adapters, and the virtual switches. */
import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import { isPsObject, psArray, psProp, psText, psTextList } from '../core/tenant/ps-json.js';

export const VM_ROLES = ['AD', 'CMS', 'Mediation', 'Edge'] as const;
export type VmRole = (typeof VM_ROLES)[number];

const vmAdapter = z.object({
  name: z.string(),
  switchName: z.nullable(z.string()),
  ipAddresses: z.array(z.string()),
});

const vm = z.object({
  name: z.string().check(z.minLength(1)),
  /** Set when the collector or operator knew it; otherwise rules match the name against the ini's server names. */
  role: z.nullable(z.enum(VM_ROLES)),
  /** Hyper-V VMState as text: Running, Off, Saved, Paused, Starting … */
  state: z.string().check(z.minLength(1)),
  adapters: z.array(vmAdapter),
});
export type HyperVVm = z.infer<typeof vm>;

const HYPERV_VMS_SCRIPT = `$vms = @(Get-VM -ErrorAction Stop | ForEach-Object {
  $v = $_
  $adapters = @(Get-VMNetworkAdapter -VM $v | ForEach-Object { [pscustomobject]@{ name = $_.Name; switchName = $_.SwitchName; ipAddresses = @($_.IPAddresses) } })
  [pscustomobject]@{ name = $v.Name; role = $null; state = $v.State.ToString(); adapters = $adapters }
})
[pscustomobject]@{ vms = $vms }`;

/** The probe's (or a pasted Get-VM conversion's) JSON → VM list; tolerant of PowerShell 5.1's array unwrapping. */
export function vmsFromJson(json: unknown): HyperVVm[] {
  const list = isPsObject(json) && psProp(json, 'vms') !== undefined ? psProp(json, 'vms') : json;
  return psArray(list).map((item, i) => {
    if (!isPsObject(item)) throw new Error(`VM [${i}] is not an object`);
    const name = psText(psProp(item, 'name', 'VMName'));
    if (!name) throw new Error(`VM [${i}] has no name`);
    const role = psText(psProp(item, 'role'));
    return {
      name,
      role: (VM_ROLES as readonly string[]).includes(role ?? '') ? (role as VmRole) : null,
      state: psText(psProp(item, 'state')) ?? 'Unknown',
      adapters: psArray(psProp(item, 'adapters', 'NetworkAdapters')).filter(isPsObject).map((a) => ({
        name: psText(psProp(a, 'name')) ?? '',
        switchName: psText(psProp(a, 'switchName')),
        ipAddresses: psTextList(psProp(a, 'ipAddresses', 'IPAddresses')),
      })),
    };
  });
}

export const hypervVms = defineFact({
  id: 'hyperv.vms',
  title: 'Hyper-V virtual machines and their network adapters',
  schema: z.array(vm),
  live: { script: HYPERV_VMS_SCRIPT, parse: vmsFromJson, requiresAdmin: true, timeoutMs: 60_000 },
  checklist: {
    question: 'Run this in an elevated PowerShell on the host and paste the output',
    help: `& { ${HYPERV_VMS_SCRIPT.replace(/\{\n\s*/g, '{ ').replace(/\n\s*/g, '; ')} } | ConvertTo-Json -Depth 5 -Compress`,
    answer: z.string().check(z.superRefine((text, ctx) => {
      try {
        vmsFromJson(JSON.parse(text.replace(/^\uFEFF/, '')));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `not the expected JSON: ${(e as Error).message}`, input: text });
      }
    })),
    toValue: (a: string) => vmsFromJson(JSON.parse(a.replace(/^\uFEFF/, ''))),
  },
});

const vmSwitch = z.object({ name: z.string().check(z.minLength(1)), switchType: z.nullable(z.string()) });

export const hypervSwitches = defineFact({
  id: 'hyperv.switches',
  title: 'Hyper-V virtual switches',
  schema: z.array(vmSwitch),
  live: {
    script: `[pscustomobject]@{ switches = @(Get-VMSwitch -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ name = $_.Name; switchType = $_.SwitchType.ToString() } }) }`,
    parse: (json) => psArray(isPsObject(json) ? psProp(json, 'switches') : json).filter(isPsObject).map((s) => ({
      name: psText(psProp(s, 'name')) ?? '',
      switchType: psText(psProp(s, 'switchType')),
    })).filter((s) => s.name !== ''),
    requiresAdmin: true,
  },
  checklist: {
    question: 'Which Hyper-V virtual switches exist on the host? (Get-VMSwitch | Select-Object -ExpandProperty Name — one name per line)',
    answer: z.string(),
    toValue: (a: string) => a.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((name) => ({ name, switchType: null })),
  },
});
