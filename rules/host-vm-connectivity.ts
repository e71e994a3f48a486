import { defineRule, fail, pass, unknown, versionRange, type EvidenceItem } from '../src/core/rules/api.js';
import { DEFAULT_MANAGEMENT_PREFIX, DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH, sameText } from './lib/appliance.js';
import { bypassCovers, bypassWildcard, formatSubnet, inSubnet, subnetOf, type Subnet } from './lib/ipv4.js';

/** 2.0 and later reach the VMs over the Corpnet switch; earlier versions over the management switch. */
const CORPNET_ERA = versionRange('>=2.0');

interface Path {
  switchName: string;
  subnet: Subnet;
  what: string;
}

export default defineRule({
  id: 'host-vm-connectivity',
  title: 'The host cannot reach the appliance VMs for automatic recovery',
  family: 'host',
  order: 60,
  severity: 'error',
  applies: 'all',
  symptom: 'Automatic recovery cannot reach the VMs',
  needs: ['host.adapters', 'cce.topology'],
  optional: ['host.winhttpProxy'],
  check({ facts, version }) {
    const topo = facts['cce.topology'];
    const adapters = facts['host.adapters'];
    const corpnet: Path | undefined = topo.corpnetSwitch && topo.ips.AD
      ? { switchName: topo.corpnetSwitch, subnet: subnetOf(topo.ips.AD, topo.corpnetPrefixLength ?? 24)!, what: 'Corpnet switch (CCE 2.0 and later)' }
      : undefined;
    const mgmtSubnet = subnetOf(topo.managementPrefix ?? DEFAULT_MANAGEMENT_PREFIX, topo.managementPrefixLength ?? 24);
    if (!mgmtSubnet) return unknown(`[Network] ManagementIPPrefix "${topo.managementPrefix}" is not an IPv4 address`, ['cce.ini']);
    // Without a ManagementSwitchName in the ini: the switch the host has of the 1.4+ and 1.3.x default names.
    const mgmtName = topo.managementSwitch
      ?? [DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH].find((n) => adapters.some((a) => sameText(a.switchName, n)))
      ?? DEFAULT_MANAGEMENT_SWITCH;
    const management: Path = { switchName: mgmtName, subnet: mgmtSubnet, what: 'management switch (CCE before 2.0)' };
    if (corpnet && !corpnet.subnet) return unknown(`[Common] IP "${topo.ips.AD}" is not an IPv4 address`, ['cce.ini']);
    const candidates: Path[] = version ? [CORPNET_ERA.contains(version) ? corpnet : management].filter((p): p is Path => !!p) : [corpnet, management].filter((p): p is Path => !!p);
    if (candidates.length === 0) return unknown('CloudConnector.ini names no CorpnetSwitchName or [Common] IP', ['cce.ini']);

    const evidence: EvidenceItem[] = [];
    const problems: string[] = [];
    const reach = candidates.map((p) => {
      const onSwitch = adapters.filter((a) => sameText(a.switchName, p.switchName));
      const hit = onSwitch.flatMap((a) => a.addresses.filter((x) => inSubnet(x.ip, p.subnet)).map((x) => ({ adapter: a.name, ip: x.ip })))[0];
      const seen = onSwitch.map((a) => `${a.name}: ${a.addresses.map((x) => `${x.ip}/${x.prefixLength}`).join(', ') || 'no IPv4 address'}`).join('; ');
      evidence.push({
        fact: 'host.adapters',
        label: `Host address in ${formatSubnet(p.subnet)} on ${p.switchName}`,
        value: hit ? `${hit.ip} (${hit.adapter})` : 'none',
        at: onSwitch.length ? seen : `the host has no adapter on ${p.switchName}`,
      });
      return { path: p, hit };
    });
    const reached = reach.find((r) => r.hit);
    if (!reached) {
      const via = version ? reach[0]!.path.what : 'either the Corpnet switch (2.0 and later) or the management switch (before 2.0); the CCE version is unknown';
      problems.push(`the host has no address in ${candidates.map((c) => formatSubnet(c.subnet)).join(' or ')} on ${via}`);
    }

    const proxy = facts['host.winhttpProxy'];
    const bypassParams: Record<string, string> = {};
    if (proxy && proxy.proxyServer) {
      const subnets = [mgmtSubnet, ...(corpnet ? [corpnet.subnet] : [])];
      const lacking = subnets.filter((s) => !proxy.bypassList.some((e) => bypassCovers(e, s)));
      evidence.push({
        fact: 'host.winhttpProxy',
        label: `WinHTTP proxy ${proxy.proxyServer} bypass list`,
        value: proxy.bypassList.join(';') || '(empty)',
        at: lacking.length ? `lacks ${lacking.map(bypassWildcard).join(' and ')}` : 'bypasses the management and corpnet subnets',
      });
      if (lacking.length) {
        problems.push(`the WinHTTP proxy ${proxy.proxyServer} does not bypass ${lacking.map(bypassWildcard).join(' and ')}`);
        bypassParams.proxyServer = proxy.proxyServer;
        bypassParams.bypassList = [...proxy.bypassList, ...lacking.map(bypassWildcard)].join(';');
      }
    } else if (proxy) {
      evidence.push({ fact: 'host.winhttpProxy', label: 'WinHTTP proxy', value: 'direct access (no proxy)' });
    }

    if (problems.length > 0) {
      const alias = (p: Path) => adapters.find((a) => sameText(a.switchName, p.switchName))?.name ?? `vEthernet (${p.switchName})`;
      return fail(problems.join('; '), evidence, {
        ...(corpnet ? { corpnetAlias: alias(corpnet), corpnetPrefixLength: String(corpnet.subnet.prefix) } : {}),
        managementAlias: alias(management),
        managementPrefixLength: String(management.subnet.prefix),
        ...bypassParams,
      });
    }
    return pass(`the host reaches the VMs at ${reached!.hit!.ip} on ${reached!.path.switchName}${proxy?.proxyServer ? ' and the proxy bypasses the CCE subnets' : ''}`, evidence);
  },
  remediation: [
    {
      id: 'assign-corpnet-ip',
      title: 'Give the host an address in the corpnet subnet on the Corpnet switch',
      text: 'From 2.0 on, automatic recovery connects to the VMs over the Corpnet switch: the host adapter on it needs an address in the CCE corpnet subnet. Pick a free one.',
      command: 'New-NetIPAddress -InterfaceAlias {corpnetAlias} -IPAddress {ipAddress} -PrefixLength {corpnetPrefixLength}',
      params: { corpnetAlias: "the host's vEthernet adapter on the Corpnet switch", ipAddress: 'a free address in the subnet', corpnetPrefixLength: '[Network] CorpnetIPPrefixLength' },
      runsOn: 'host',
      destructive: false,
      versions: '>=2.0',
    },
    {
      id: 'assign-management-ip',
      title: 'Give the host an address in the management subnet on the management switch',
      text: 'Before 2.0, automatic recovery connects to the VMs over the management switch (192.168.213.0/24 by default). Pick a free address.',
      command: 'New-NetIPAddress -InterfaceAlias {managementAlias} -IPAddress {ipAddress} -PrefixLength {managementPrefixLength}',
      params: { managementAlias: "the host's vEthernet adapter on the management switch", ipAddress: 'a free address in the subnet', managementPrefixLength: '[Network] ManagementIPPrefixLength' },
      runsOn: 'host',
      destructive: false,
      versions: '<2.0',
    },
    {
      id: 'winhttp-bypass',
      title: 'Add the CCE subnets to the WinHTTP proxy bypass list',
      text: 'Without these bypasses management connectivity fails, which stops deployment and automatic recovery.',
      command: "netsh winhttp set proxy ('proxy-server=' + {proxyServer}) ('bypass-list=' + {bypassList})",
      params: { proxyServer: 'the current WinHTTP proxy', bypassList: 'the current bypass list plus 192.168.213.* and the corpnet subnet' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
