import { isIPv6 } from 'node:net';

/**
 * Consistent redaction: the same sensitive value becomes the same token everywhere, also inside
 * FQDNs, e-mail addresses, UNC and profile paths, so a redacted report still reads as a diagnosis.
 * Seeds (host, domain, user, tenant names from the facts) are matched literally; IP addresses,
 * e-mail/UPN, names under the seeded domains, *.onmicrosoft.com tenants and C:\Users\<name> are found
 * by pattern. Private addresses stay in their private range, loopback stays loopback.
 */
export type RedactKind = 'host' | 'domain' | 'user' | 'tenant' | 'name' | 'guid' | 'ip';

export interface RedactionEntry {
  token: string;
  original: string;
  kind: RedactKind;
}

/** Names that are public and carry meaning: never treated as sensitive. */
const PUBLIC_DOMAINS = /(^|\.)(lync\.com|microsoft\.com|microsoftonline\.com|office365\.com|office\.com|skype\.com|windows\.net|windowsupdate\.com|live\.com|azure\.com|example|example\.com|example\.org|example\.net|localhost)$/i;
const PUBLIC_WORDS = new Set(
  [
    'cce', 'sfb', 'lync', 'skype', 'microsoft', 'windows', 'administrator', 'admin', 'administrators', 'system', 'local', 'localhost',
    'default', 'public', 'true', 'false', 'none', 'null', 'corpnet', 'internet', 'management', 'edge', 'mediation', 'cms', 'server',
    'primarycms', 'mediationserver', 'edgeserver', 'common', 'network', 'gateway', 'replica', 'master', 'rtcsrv', 'rtcmedsrv',
    'rtcdataproxy', 'rtcmrauth', 'rtcmediarelay', 'cloudconnector', 'all users', 'default user', 'users', 'program files',
    'programdata', 'nt authority', 'builtin', 'nt service', 'cceservice', 'domainadmin', 'vmadmin', 'tenantadmin', 'guest', 'everyone', 'network service', 'local service',
  ],
);
/** Host labels that name a standard service, kept in redacted FQDNs (sip.<domain-1>). */
const PUBLIC_LABELS = new Set([
  'sip', 'sipexternal', 'sipinternal', 'lyncdiscover', 'lyncdiscoverinternal', 'autodiscover', 'meet', 'dialin', 'webext', 'www', 'admin',
  '_sip', '_tls', '_tcp', '_sipfederationtls', '_sipinternaltls', 'ap', 'edge', 'proxy', 'wsus', 'mail', 'smtp', 'dns', 'ns1', 'ns2', 'gw',
  'gateway', 'sbc', 'dc', 'vpn', 'mediation', 'cms', 'mspool', 'edgepool',
]);
const PUBLIC_PROFILES = new Set(['public', 'default', 'default user', 'all users', 'administrator', 'defaultuser0', 'defaultapppool']);
/** Addresses that identify no one: public resolvers, the CCE management subnet (fixed by the product). */
const PUBLIC_IPV4 = new Set(['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '0.0.0.0', '255.255.255.255']);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4_PART = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const LABEL = /^[A-Za-z0-9_-]{1,63}$/;

export class Redactor {
  private readonly tokens = new Map<string, RedactionEntry>();
  private readonly counters = new Map<string, number>();
  private readonly seeds = new Map<string, RedactKind>();
  private readonly domains = new Set<string>();
  private readonly keep = new Set<string>();
  /** Private /24 networks → their renumbered third octet. */
  private readonly nets = new Map<string, number>();
  private pattern: RegExp | undefined;
  /** Text of the input (lower case): a token found in it would read as a real value, so it is skipped. */
  private readonly inputText: string[] = [];
  /** The input's IPv4 addresses, and their /24 networks ("192.168.1"). */
  private readonly inputIps = new Set<string>();
  private readonly inputNets = new Set<string>();

  /**
   * Text present in the input (every string of the facts and the run): no token is ever one of its values
   * (192.168.10.11 never becomes 192.168.1.11 on a host that also has 192.168.1.11; host-1 is never a real
   * name). Call it before redacting.
   */
  avoid(text: string): void {
    if (!text) return;
    this.inputText.push(text.toLowerCase());
    for (const m of text.matchAll(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d])/g)) {
      this.inputIps.add(m[0]);
      this.inputNets.add(`${Number(m[1])}.${Number(m[2])}.${Number(m[3])}`);
    }
  }

  private inInput(token: string): boolean {
    const t = token.toLowerCase();
    return this.inputText.some((s) => s.includes(t));
  }

  /** Adds a value known to be sensitive. Domains also redact every name under them. */
  seed(kind: RedactKind, value: string): void {
    const v = value.trim().replace(/\.$/, '');
    if (v.length < 3 || PUBLIC_WORDS.has(v.toLowerCase()) || /^\d+$/.test(v)) return;
    if (kind === 'domain') {
      if (!/\./.test(v) || PUBLIC_DOMAINS.test(v) || !v.split('.').every((l) => LABEL.test(l))) return;
      this.domains.add(v.toLowerCase());
      // cce.contoso.local also reveals contoso.local; but not a public suffix such as co.uk.
      const parent = v.split('.').slice(1);
      if (parent.length >= 2 && !/^(co|com|org|net|gov|ac|edu|ne|or|go)$/i.test(parent[0]!)) this.seed('domain', parent.join('.'));
    } else if (kind === 'ip') {
      return;
    } else {
      if (GUID.test(v)) kind = 'guid';
      else if (/\./.test(v) && v.split('.').every((l) => LABEL.test(l))) {
        this.seedFqdn(v);
        return;
      }
      this.seeds.set(v.toLowerCase(), kind);
    }
    this.pattern = undefined;
  }

  /**
   * A FQDN: its domain is seeded, so the name and every other name under that domain are redacted.
   * The first label is not seeded on its own: as a bare word it is often an ordinary one (proxy, mail).
   */
  seedFqdn(fqdn: string): void {
    const v = fqdn.trim().replace(/\.$/, '').replace(/^\*\./, '');
    if (!v.includes('.') || PUBLIC_DOMAINS.test(v)) return;
    const rest = v.split('.').slice(1);
    this.seed('domain', rest.length >= 2 ? rest.join('.') : v);
  }

  /** Text that looks like an address but is not one (a version such as 1.4.2.55). */
  keepLiteral(value: string): void {
    this.keep.add(value.trim());
  }

  redact(text: string): string {
    if (text === '') return text;
    const re = this.regex();
    re.lastIndex = 0;
    return text.replace(re, (m: string, ...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.email !== undefined) return this.email(m);
      if (g.fqdn !== undefined) return this.fqdn(m);
      if (g.tenant !== undefined) return `${this.token('tenant', g.tenant)}.onmicrosoft.com`;
      if (g.profile !== undefined) {
        const name = g.profileName!;
        return PUBLIC_PROFILES.has(name.toLowerCase()) ? m : `${g.profile}${this.token('user', name)}`;
      }
      if (g.home !== undefined) return `${g.home}${this.token('user', g.homeName!)}`;
      if (g.unc !== undefined) return `\\\\${this.hostLabel(g.unc)}`;
      if (g.seed !== undefined) return this.token(this.seeds.get(m.toLowerCase()) ?? 'name', m);
      if (g.ipv4 !== undefined) return this.ipv4(m);
      if (g.ipv4wild !== undefined) return this.ipv4Wildcard(m);
      if (g.ipv6 !== undefined) return isIPv6(m.replace(/%.*$/, '')) ? this.ipv6(m) : m;
      return m;
    });
  }

  /**
   * Host names first met as a label of a FQDN (AD01.cce.contoso.local) become seeds, so a later redaction
   * pass replaces them also where they stand alone ("the VM AD01").
   */
  promoteLabels(): void {
    for (const e of this.tokens.values()) {
      if (e.kind === 'host' && !this.seeds.has(e.original.toLowerCase())) this.seed('host', e.original);
    }
  }

  /** token → original, for the private map the user keeps. */
  entries(): RedactionEntry[] {
    return [...this.tokens.values()];
  }

  private regex(): RegExp {
    if (this.pattern) return this.pattern;
    const domains = [...this.domains].sort((a, b) => b.length - a.length).map(escapeRe);
    const seeds = [...this.seeds.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
    const parts = [
      String.raw`(?<email>(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-]))`,
      String.raw`(?<![\w-])(?<tenant>[A-Za-z0-9-]+)\.onmicrosoft\.com(?![\w-])`,
      ...(domains.length ? [String.raw`(?<fqdn>(?<![\w-]|(?<!\*)\.)(?:[A-Za-z0-9_-]+\.)*(?:${domains.join('|')})(?![\w-]))`] : []),
      String.raw`(?<profile>\b[A-Za-z]:\\(?:Users|Documents and Settings)\\)(?<profileName>[^\\/:*?"<>|\s;,']+)`,
      String.raw`(?<home>(?<![\w.])/(?:home|Users)/)(?<homeName>[^/\s;,'":]+)(?=/)`,
      String.raw`(?<=^|[\s"'=(,;])\\\\(?<unc>[A-Za-z][A-Za-z0-9-]{0,62})(?=\\)`,
      ...(seeds.length ? [String.raw`(?<seed>(?<![\w-])(?:${seeds.join('|')})(?![\w-]))`] : []),
      String.raw`(?<ipv4>(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d))`,
      String.raw`(?<ipv4wild>(?<![\w.])(?:\d{1,3}\.){1,3}\*)`,
      String.raw`(?<ipv6>(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:%[\w.]+)?(?![\w:]))`,
    ];
    this.pattern = new RegExp(parts.join('|'), 'gi');
    return this.pattern;
  }

  private next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  private token(kind: RedactKind, original: string): string {
    const key = `${kind}:${original.toLowerCase()}`;
    const hit = this.tokens.get(key);
    if (hit) return hit.token;
    const make = (n: number) => (kind === 'guid' ? `00000000-0000-0000-0000-${String(n).padStart(12, '0')}` : kind === 'domain' ? `domain-${n}.example` : `${kind}-${n}`);
    let token = make(this.next(kind));
    while (this.inInput(token)) token = make(this.next(kind));
    this.tokens.set(key, { token, original, kind });
    return token;
  }

  private hostLabel(label: string): string {
    const seeded = this.seeds.get(label.toLowerCase());
    if (seeded) return this.token(seeded, label);
    if (PUBLIC_LABELS.has(label.toLowerCase()) || PUBLIC_WORDS.has(label.toLowerCase())) return label;
    return this.token('host', label);
  }

  private fqdn(name: string): string {
    const lower = name.toLowerCase();
    const domain = [...this.domains].sort((a, b) => b.length - a.length).find((d) => lower === d || lower.endsWith(`.${d}`))!;
    const labels = name.slice(0, name.length - domain.length).replace(/\.$/, '');
    const tail = this.token('domain', name.slice(name.length - domain.length));
    if (!labels) return tail;
    return `${labels.split('.').map((l) => this.hostLabel(l)).join('.')}.${tail}`;
  }

  private email(address: string): string {
    const at = address.lastIndexOf('@');
    const local = address.slice(0, at);
    const domain = address.slice(at + 1);
    const tenant = /^([A-Za-z0-9-]+)\.onmicrosoft\.com$/i.exec(domain);
    const user = PUBLIC_WORDS.has(local.toLowerCase()) ? local : this.token(this.seeds.get(local.toLowerCase()) ?? 'user', local);
    if (tenant) return `${user}@${this.token('tenant', tenant[1]!)}.onmicrosoft.com`;
    if (PUBLIC_DOMAINS.test(domain)) return `${user}@${domain}`;
    const lower = domain.toLowerCase();
    if ([...this.domains].some((d) => lower === d || lower.endsWith(`.${d}`))) return `${user}@${this.fqdn(domain)}`;
    return `${user}@${this.token('domain', domain)}`;
  }

  private ipv4(address: string): string {
    if (this.keep.has(address)) return address;
    const o = address.split('.').map(Number);
    if (!IPV4_PART.test(address) || o.some((x) => x > 255)) return address;
    const [a, b, c, d] = o as [number, number, number, number];
    if (a === 127 || a === 0 || a >= 224 || PUBLIC_IPV4.has(address)) return address;
    if (a >= 128 && isMask(o)) return address;
    if (a === 192 && b === 168 && c === 213) return address;
    // Private and link-local ranges keep their prefix; the network part is renumbered per /24 and the
    // host part kept, so "in the same subnet" and "the gateway is .1" survive redaction.
    // base: the first octets of the token's network, so a network of the input is never a token's.
    const net = (prefix: string, key: string, base: string, skip: number[] = []) => {
      let n = this.nets.get(key);
      if (n === undefined) {
        do n = this.next(`net ${prefix}`);
        while ((skip.includes(n) || this.inputNets.has(`${base}.${n}`)) && n < 100_000);
        this.nets.set(key, n);
      }
      return n;
    };
    let token: string;
    if (a === 10) token = `10.0.${net('10', `10.${b}.${c}`, '10.0')}.${d}`;
    else if (a === 172 && b >= 16 && b <= 31) token = `172.16.${net('172', `172.${b}.${c}`, '172.16')}.${d}`;
    else if (a === 192 && b === 168) token = `192.168.${net('192.168', `192.168.${c}`, '192.168', [213])}.${d}`;
    else if (a === 169 && b === 254) token = `169.254.${net('169.254', `169.254.${c}`, '169.254')}.${d}`;
    else {
      const hit = this.tokens.get(`ip:${address}`);
      if (hit) return hit.token;
      const publicToken = (n: number) => `${['203.0.113', '198.51.100', '192.0.2'][Math.floor((n - 1) / 254) % 3]}.${((n - 1) % 254) + 1}`;
      let n = this.next('public ip');
      while (this.inputIps.has(publicToken(n)) && n < 100_000) n = this.next('public ip');
      token = publicToken(n);
    }
    this.tokens.set(`ip:${address}`, { token, original: address, kind: 'ip' });
    return token;
  }

  /** 192.168.10.* → 192.168.N.* (the network of 192.168.10.0); 10.* and other range prefixes stay. */
  private ipv4Wildcard(text: string): string {
    const parts = text.split('.').slice(0, -1);
    if (parts.some((p) => Number(p) > 255)) return text;
    if (parts.length === 3) return this.ipv4(`${parts.join('.')}.0`).replace(/\.0$/, '.*');
    const [a, b] = parts.map(Number) as [number, number | undefined];
    const range = a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 169 && b === 254);
    return range ? text : parts.length === 1 ? '203.*' : '203.0.*';
  }

  private ipv6(address: string): string {
    const [addr, zone] = address.split('%') as [string, string | undefined];
    const lower = addr.toLowerCase();
    if (lower === '::1' || lower === '::' || lower.startsWith('ff')) return address;
    const hit = this.tokens.get(`ip:${lower}`);
    if (hit) return hit.token + (zone !== undefined ? `%${zone}` : '');
    const prefix = /^fe[89ab]/.test(lower) ? 'fe80::' : /^f[cd]/.test(lower) ? 'fd00::' : '2001:db8::';
    let token = `${prefix}${this.next(`ipv6 ${prefix}`).toString(16)}`;
    while (this.inInput(token)) token = `${prefix}${this.next(`ipv6 ${prefix}`).toString(16)}`;
    this.tokens.set(`ip:${lower}`, { token, original: addr, kind: 'ip' });
    return token + (zone !== undefined ? `%${zone}` : '');
  }
}

function isMask(o: number[]): boolean {
  const bits = o.map((x) => x.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits);
}
