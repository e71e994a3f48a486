import type { X509Certificate } from 'node:crypto';
import { isX509, nodeCrypto } from '../node-crypto.js';
import type { FactStore } from '../facts/store.js';
import type { FactSpec } from '../facts/types.js';
import type { Redactor } from './redact.js';

/**
 * Finds the sensitive values in the facts, whatever fact holds them: values under key names that mean
 * a host, domain, user, tenant, site or certificate subject (in objects, and ini entries {key, value}),
 * plus host.name and the host.env profile. The facts are walked generically so new fact modules are
 * covered without changes here.
 */
type SeedKind = 'host' | 'fqdn' | 'domain' | 'user' | 'tenant' | 'name' | 'dn' | 'profile' | 'url' | 'proxy' | 'list-domain' | 'list-fqdn' | 'list-bypass';

const KEYS: Record<string, SeedKind> = {
  computername: 'host', hostname: 'host', machinename: 'host', servername: 'host', internalservername: 'host', appliancename: 'host',
  dnshostname: 'host', logonserver: 'host', primarycmsservername: 'host', vmname: 'host',
  fqdn: 'fqdn', mediationserverfqdn: 'fqdn', poolfqdn: 'fqdn', edgefqdn: 'fqdn', externalfqdn: 'fqdn', dnsname: 'fqdn', dnsnames: 'list-fqdn', subjectalternativename: 'list-fqdn', san: 'list-fqdn',
  domain: 'domain', domainname: 'domain', sipdomain: 'list-domain', sipdomains: 'list-domain', virtualmachinedomain: 'domain',
  userdnsdomain: 'domain', tenantdomain: 'domain', userdomain: 'name',
  username: 'user', user: 'user', userprincipalname: 'user', upn: 'user', samaccountname: 'user', accountname: 'user', account: 'user',
  tenant: 'tenant', tenantname: 'tenant', tenantid: 'tenant', organization: 'tenant',
  sitename: 'name', site: 'name', identity: 'name',
  subject: 'dn', issuer: 'dn',
  userprofile: 'profile',
  wsusserver: 'url', wsusstatusserver: 'url', url: 'url', uri: 'url', proxyserver: 'proxy', proxy: 'proxy', bypasslist: 'list-bypass',
};
/** Key names whose meaning depends on the fact: in the tenant's appliance list, "name" is a host. */
const BY_FACT: readonly [RegExp, Record<string, SeedKind>][] = [
  [/^tenant\.appliances$/, { name: 'host' }],
  [/^tenant\.sites$/, { name: 'name' }],
];

function keyKind(factId: string, key: string): SeedKind | undefined {
  for (const [re, keys] of BY_FACT) if (re.test(factId) && keys[key]) return keys[key];
  if (KEYS[key]) return KEYS[key];
  // accessProxyExternalFqdn, tenantDomain, primaryServerName, runAsUserName …
  if (key.endsWith('fqdn')) return 'fqdn';
  if (key.endsWith('domain')) return 'domain';
  if (/(server|computer|host|machine)name$/.test(key)) return 'host';
  if (/(user|account)name$|upn$/.test(key)) return 'user';
  return undefined;
}

/** A distinguished name longer than this is not a certificate's (and bounds the work on hostile input). */
const MAX_DN = 16 * 1024;
const SECRET_KEY = /password|passwd|pwd|secret|apikey|api_key|privatekey/i;
const VERSION_KEY = /version/i;

export interface Seeds {
  /** Values of password-like keys: masked wherever they appear, redacted or not. */
  secrets: string[];
}

export function seedFromFacts(store: Pick<FactStore, 'has' | 'get'>, specs: ReadonlyMap<string, FactSpec<any>>, redactor: Redactor | undefined, hostName?: string): Seeds {
  const secrets = new Set<string>();
  let factId = '';
  const visit = (key: string, value: unknown, depth: number): void => {
    if (depth > 8 || value === null || value === undefined || value instanceof Uint8Array) return;
    if (typeof value === 'string') return onString(key, value);
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 2000)) visit(key, item, depth + 1);
      return;
    }
    if (typeof value !== 'object') return;
    if (isX509(value)) return certificate(value);
    const o = value as Record<string, unknown>;
    // ini entries and name/value pairs: { key: 'ServerName', value: 'AD01' }
    for (const k of ['key', 'name']) {
      if (typeof o[k] === 'string' && typeof o.value === 'string') onString(o[k] as string, o.value);
    }
    for (const [k, v] of Object.entries(o)) visit(k, v, depth + 1);
  };
  const certificate = (cert: X509Certificate): void => {
    if (!redactor) return;
    seedValue(redactor, 'dn', cert.subject);
    seedValue(redactor, 'dn', cert.issuer);
    if (cert.subjectAltName) seedValue(redactor, 'list-fqdn', cert.subjectAltName.replace(/\b(DNS|IP Address|email):/gi, ''));
  };
  const onString = (key: string, value: string): void => {
    const k = key.toLowerCase();
    if (value.startsWith('-----BEGIN CERTIFICATE-----')) {
      // Certificates are seeded from their subject, issuer and names; the PEM itself is never shown.
      for (const pem of value.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
        try {
          certificate(new (nodeCrypto().X509Certificate)(pem));
        } catch {
          // Not a certificate after all: nothing to learn from it.
        }
      }
      return;
    }
    if (SECRET_KEY.test(k)) {
      if (value.trim().length >= 4) secrets.add(value.trim());
      return;
    }
    if (!redactor) return;
    const kind = VERSION_KEY.test(k) ? undefined : keyKind(factId, k);
    // A certificate subject or issuer is taken apart whatever its length: every attribute value in it is
    // sensitive, and a long one is exactly what a report cuts short. Other long values are text, not names.
    if (value.length > (kind === 'dn' ? MAX_DN : 500)) return;
    if (VERSION_KEY.test(k)) return redactor.keepLiteral(value);
    if (kind) seedValue(redactor, kind, value);
  };
  for (const [id, spec] of specs) {
    if (!spec.derive && !store.has(id)) continue;
    const fact = store.get(id);
    if (fact.status !== 'ok') continue;
    factId = id;
    if (typeof fact.value === 'string') {
      if (id === 'host.name') redactor?.seed('host', fact.value);
      else if (/version/i.test(id)) redactor?.keepLiteral(fact.value);
      else onString(id.split('.').pop()!, fact.value);
    } else visit(id.split('.').pop()!, fact.value, 0);
  }
  if (hostName) redactor?.seed('host', hostName);
  return { secrets: [...secrets].sort((a, b) => b.length - a.length) };
}

function seedValue(r: Redactor, kind: SeedKind, raw: string): void {
  const value = raw.trim();
  if (!value) return;
  switch (kind) {
    case 'host':
      return r.seed('host', value.replace(/^\\\\/, ''));
    case 'fqdn':
      return value.includes('.') ? r.seedFqdn(value) : r.seed('host', value);
    case 'list-fqdn':
      for (const v of value.split(/[\s,;]+/)) if (v) seedValue(r, 'fqdn', v.replace(/^DNS Name=/i, ''));
      return;
    case 'domain':
      return value.includes('.') ? r.seed('domain', value) : r.seed('name', value);
    case 'list-domain':
      for (const v of value.split(/[\s,;]+/)) if (v) seedValue(r, 'domain', v);
      return;
    case 'user': {
      // DOMAIN\user, user@domain
      const at = value.indexOf('@');
      if (at > 0) {
        r.seed('user', value.slice(0, at));
        seedValue(r, 'domain', value.slice(at + 1));
        return;
      }
      const slash = value.lastIndexOf('\\');
      if (slash > 0) r.seed('name', value.slice(0, slash));
      return r.seed('user', value.slice(slash + 1));
    }
    case 'tenant':
      return value.includes('.') ? r.seed('domain', value) : r.seed('tenant', value);
    case 'name':
      return r.seed('name', value);
    case 'dn':
      // "CN=x, O=y" (Windows) or "CN=x\nO=y" (node:crypto); DC=cce, DC=contoso, DC=local is a domain.
      // A value ends at an unescaped , + or newline: "O=Northwind Traders\, Inc." is one value.
      for (const m of value.matchAll(/\b(CN|O|OU|L|S|ST|E|DC)=("(?:[^"]|"")*"|(?:\\.|[^,+\n\\])+)/gi)) {
        const raw = m[2]!.trim();
        const part = raw.replace(/^"|"$/g, '').replace(/""/g, '"').replace(/\\(.)/g, '$1').trim();
        const attr = m[1]!.toUpperCase();
        // As written (escaped or quoted) too: the report shows the subject as the host gave it.
        if (raw !== part && attr !== 'S' && attr !== 'ST' && attr !== 'L' && attr !== 'DC') r.seed('name', raw.replace(/^"|"$/g, ''));
        if (attr === 'DC') {
          if (!/^(com|net|org|local|lan|corp|internal|intra|cce)$/i.test(part)) r.seed('name', part);
          continue;
        }
        if (attr === 'S' || attr === 'ST' || attr === 'L') continue;
        if (attr === 'E') seedValue(r, 'user', part);
        else if (/^[\w*-]+(\.[\w-]+)+$/.test(part)) r.seedFqdn(part.replace(/^\*\./, ''));
        else r.seed('name', part);
      }
      return;
    case 'profile': {
      const m = /\\(?:Users|Documents and Settings)\\([^\\]+)/i.exec(value);
      if (m) r.seed('user', m[1]!);
      return;
    }
    case 'proxy':
      // "host:8080", or per scheme as netsh writes it: "http=host:8080;https=host2:8443".
      for (const v of value.split(/[\s;]+/)) if (v) seedValue(r, 'url', v.replace(/^[a-z]+=/i, ''));
      return;
    case 'list-bypass':
      // WinHTTP bypass entries: "*.contoso.com" names a domain, "intranet01" a host; "<local>" and
      // address patterns (192.168.1.*) name nothing.
      for (const v of value.split(/[\s;,]+/)) {
        const name = v.replace(/^\*\./, '');
        if (!name || name.includes('*') || name.startsWith('<') || /^[\d.:]+$/.test(name)) continue;
        if (name !== v) {
          // "*.local" is no one's domain: seeding it would redact the word everywhere.
          if (name.includes('.')) seedValue(r, 'domain', name);
        } else if (name.toLowerCase() !== 'localhost') seedValue(r, 'url', name);
      }
      return;
    case 'url': {
      const m = /^(?:[a-z]+:\/\/)?([A-Za-z0-9.-]+)(?::\d+)?(?:\/|$)/i.exec(value);
      if (m && /[A-Za-z]/.test(m[1]!)) seedValue(r, 'fqdn', m[1]!);
      return;
    }
  }
}
