/** IPv4 arithmetic for subnet and proxy-bypass checks. */
export function parseIpv4(text: string): number | undefined {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function mask(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
}

export interface Subnet {
  base: number;
  prefix: number;
}

export function subnetOf(ip: string, prefix: number): Subnet | undefined {
  const n = parseIpv4(ip);
  return n === undefined ? undefined : { base: (n & mask(prefix)) >>> 0, prefix };
}

export function inSubnet(ip: string, subnet: Subnet): boolean {
  const n = parseIpv4(ip);
  return n !== undefined && ((n & mask(subnet.prefix)) >>> 0) === subnet.base;
}

export function formatSubnet(s: Subnet): string {
  return `${formatIpv4(s.base)}/${s.prefix}`;
}

/** The WinHTTP bypass entry that covers a subnet, as documented: "192.168.213.*" for a /24. */
export function bypassWildcard(s: Subnet): string {
  const octets = Math.max(1, Math.min(3, Math.floor(s.prefix / 8)));
  return `${formatIpv4(s.base).split('.').slice(0, octets).join('.')}.*`;
}

/** Whether a bypass-list entry (wildcards allowed) covers every address of the subnet: tested on its first and last host. */
export function bypassCovers(entry: string, s: Subnet): boolean {
  const re = new RegExp(`^${entry.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  const size = 2 ** (32 - s.prefix);
  const first = formatIpv4(s.base + (size > 2 ? 1 : 0));
  const last = formatIpv4(s.base + size - (size > 2 ? 2 : 1));
  return re.test(first) && re.test(last);
}
