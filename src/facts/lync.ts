import * as z from '../core/schema.js';
import { defineFact } from '../core/facts/types.js';
import { serviceState, PS_SERVICE_STATES } from './vms.js';

/**
 * Lync Server 2013 / Skype for Business Server services on this server (not a CCE appliance: there the
 * services run inside the VMs and this fact is { installed: false }).
 */
export const lyncServices = defineFact({
  id: 'lync.services',
  title: 'Lync / Skype for Business Server services on this server',
  schema: z.object({ installed: z.boolean(), services: z.array(serviceState) }),
  live: {
    script: `$names = @(Get-CimInstance -ClassName Win32_Service -Filter "Name LIKE 'RTC%' OR Name='REPLICA' OR Name='MASTER' OR Name='FTA' OR Name='LYNCBACKUP'" -ErrorAction SilentlyContinue | ForEach-Object { $_.Name })
$states = @(& ([scriptblock]::Create(@'
${PS_SERVICE_STATES}
'@)) $names)
[pscustomobject]@{ installed = ($states.Count -gt 0); services = $states }`,
  },
  checklist: {
    question:
      'List the Lync / Skype for Business Server services on this server as Name:Status:StartType, e.g. "RTCSRV:Paused:Automatic RTCRGS:Running:Automatic"; leave empty if it is not a Lync Server',
    help: "Get-CimInstance Win32_Service -Filter \"Name LIKE 'RTC%'\" | Select-Object Name, State, StartMode",
    answer: z.string().check(z.trim(), z.refine((a) => a === '' || a.split(/[\s,;]+/).every((s) => /^[A-Za-z0-9_]+:[A-Za-z]+:[A-Za-z]+$/.test(s)), {
      message: 'each item must be Name:Status:StartType',
    })),
    toValue: (a: string) => {
      const services = a === '' ? [] : a.split(/[\s,;]+/).map((s) => {
        const [name, status, startType] = s.split(':');
        return { name: name!.toUpperCase(), status: status!, startType: startType === 'Auto' ? 'Automatic' : startType! };
      });
      return { installed: services.length > 0, services };
    },
  },
});

const frontEnd = z.object({ fqdn: z.string(), addresses: z.array(z.string()) });

/**
 * The pool this server belongs to and what its FQDN resolves to. With DNS load balancing the pool FQDN
 * resolves to the Front End servers' own addresses; behind a hardware load balancer it resolves to a VIP.
 */
export const lyncPool = defineFact({
  id: 'lync.pool',
  title: "This server's Lync pool and whether the pool uses DNS load balancing",
  schema: z.object({
    poolFqdn: z.string(),
    poolAddresses: z.array(z.string()),
    frontEnds: z.array(frontEnd),
    /** As answered by the operator (checklist); null when it is to be worked out from the addresses. */
    dnsLoadBalancing: z.nullable(z.boolean()),
  }),
  live: {
    script: `Import-Module Lync -ErrorAction SilentlyContinue
Import-Module SkypeForBusiness -ErrorAction SilentlyContinue
$cs = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop
$fqdn = [string]$cs.DNSHostName + '.' + [string]$cs.Domain
$pool = [string](Get-CsComputer -Identity $fqdn -ErrorAction Stop).Pool
$resolve = { param($n) @(Resolve-DnsName -Name $n -Type A -ErrorAction Stop | Where-Object { [string]$_.Type -eq 'A' } | ForEach-Object { [string]$_.IPAddress }) }
$fes = @((Get-CsPool -Identity $pool -ErrorAction Stop).Computers | ForEach-Object { [pscustomobject]@{ fqdn = [string]$_; addresses = @(& $resolve ([string]$_)) } })
[pscustomobject]@{ poolFqdn = $pool; poolAddresses = @(& $resolve $pool); frontEnds = $fes; dnsLoadBalancing = $null }`,
  },
  checklist: {
    question: "Does this server's pool use DNS load balancing (the pool FQDN resolves to each Front End server's own address)?",
    help: 'Resolve-DnsName <pool FQDN>, and compare with the Front End servers of Get-CsPool <pool FQDN>',
    choices: [
      { value: 'yes', label: 'Yes, DNS load balancing' },
      { value: 'no', label: 'No (hardware load balancer only, or a single address)' },
    ],
    answer: z.enum(['yes', 'no']),
    toValue: (a: 'yes' | 'no') => ({ poolFqdn: '(as answered)', poolAddresses: [], frontEnds: [], dnsLoadBalancing: a === 'yes' }),
  },
});
