// Writes a fleet of realistic snapshots for the scale benchmark and the many-host tests: whole snapshots
// as collect writes them (no patches), made from the bundled snapshots/ (the healthy appliances and the
// symptom ones, their patches applied), each host with its own name, site (CloudConnector.ini's SiteName,
// the tenant registration), IP addresses and faults. Deterministic: the same seed gives the same files.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots');

/** Small, fast, seeded PRNG (mulberry32): numbers in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bundled snapshot as a whole: a patch ("extends") applied to its bases (FORMAT.md). */
function wholeSnapshot(file) {
  const json = JSON.parse(readFileSync(join(SNAPSHOTS, file), 'utf8'));
  if (!json.extends) return { snap: json, root: file };
  const base = wholeSnapshot(json.extends);
  const facts = { ...base.snap.facts, ...json.facts };
  for (const id of json.remove ?? []) delete facts[id];
  return { snap: { schema: base.snap.schema, version: base.snap.version, host: { ...base.snap.host, ...json.host }, facts }, root: base.root };
}

const iniText = (fact) => {
  const v = fact?.status === 'ok' ? fact.value : undefined;
  if (!v?.exists || typeof v.content !== 'string') return undefined;
  if (v.encoding !== 'base64') return { text: v.content, utf16: false };
  const bytes = Buffer.from(v.content, 'base64');
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return { text: utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8'), utf16 };
};

const iniBytes = ({ text, utf16 }) => (utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'utf8'));

/** The first three octets of the first address on an ini line `key=`. */
const prefixOf = (text, key) => new RegExp(`^${key}=(\\d+\\.\\d+\\.\\d+)\\.\\d+`, 'm').exec(text)?.[1];

/**
 * A template: a whole CCE appliance snapshot and the names in it that each generated host replaces: host
 * name, site name, corpnet and internet address prefixes, the VMs' server names, the local site directory.
 * Parts the snapshot lacks (no CloudConnector.ini) stay undefined and are left as they are.
 */
export function templateOf(snap, file = snap.host.name, root = file) {
  snap = structuredClone(snap);
  delete snap.host.description; // collect does not write one
  const ini = iniText(snap.facts['file.cloudConnectorIni']);
  const site = ini && /^SiteName=(.+?)\r?$/m.exec(ini.text)?.[1];
  const ip = ini && prefixOf(ini.text, 'IP');
  const internet = ini && (prefixOf(ini.text, 'ExternalSIPIPs') ?? prefixOf(ini.text, 'InternetDefaultGateway'));
  const servers = ini ? [...new Set([...ini.text.matchAll(/^(?:ServerName|InternalServerName)=([A-Za-z][\w-]*?)\d*\r?$/gm)].map((m) => m[0].split('=')[1].trim()))] : [];
  const dirs = snap.facts['cce.directories'];
  const siteRoot = dirs?.status === 'ok' && typeof dirs.value?.siteRoot === 'string' && dirs.value.siteRoot ? dirs.value.siteRoot : undefined;
  // A host adapter on another subnet than the ini's (a symptom snapshot's fault) is an address of its own too.
  const management = (ini && prefixOf(ini.text, 'ManagementIPPrefix')) ?? '192.168.213';
  const adapters = snap.facts['host.adapters'];
  const other = (adapters?.status === 'ok' && Array.isArray(adapters.value) ? adapters.value : [])
    .flatMap((x) => (x.addresses ?? []).map((y) => /^(\d+\.\d+\.\d+)\.\d+$/.exec(y.ip ?? '')?.[1]))
    .find((p) => p && ![ip, internet, management].includes(p) && !/^(127|169\.254)\./.test(p));
  return { file, root, snap, host: snap.host.name, site, ip, internet, other, servers, siteRoot };
}

/** A template from a bundled snapshot (its patches applied); undefined when it is no CCE appliance with an ini. */
function template(file) {
  const { snap, root } = wholeSnapshot(file);
  const t = templateOf(snap, file, root);
  return t.site && t.ip ? t : undefined;
}

/** Every CCE appliance snapshot bundled: the healthy ones and those that show a fault. */
export function fleetTemplates() {
  const all = readdirSync(SNAPSHOTS).filter((f) => f.endsWith('.json')).sort().map(template).filter(Boolean);
  return { healthy: all.filter((t) => t.file.startsWith('healthy-')), faulty: all.filter((t) => !t.file.startsWith('healthy-')) };
}

const CITIES = ['Sydney', 'Melbourne', 'Perth', 'Brisbane', 'Adelaide', 'Auckland', 'London', 'Dublin', 'Berlin', 'Paris', 'Madrid', 'Oslo', 'Chicago', 'Denver', 'Toronto', 'Osaka'];

/** Every string in a JSON value with `edit` applied, PEM blocks left alone (base64 must stay intact). */
function editStrings(v, edit) {
  if (typeof v === 'string') return v.includes('-----BEGIN') ? v : edit(v);
  if (Array.isArray(v)) return v.map((x) => editStrings(x, edit));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, editStrings(x, edit)]));
  return v;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One host: the template with its identity replaced consistently everywhere it appears (every fact, the
 * CloudConnector.ini bytes too; PEM blocks left alone): host name, site name, corpnet address prefix `ip`,
 * and with `more`: the internet address prefix, `other` (a host adapter's own other subnet), the VMs' server names (AD01 -> AD<serial>, so the Mediation
 * Server FQDN is the host's own) and the site directory, local or another site's share (-> `siteRoot`).
 * The management network (192.168.213.x) repeats on every appliance by design: never touched.
 */
export function hostSnapshot(t, name, site, ip, more = {}) {
  const swaps = new Map();
  if (more.siteRoot && t.siteRoot) swaps.set(t.siteRoot, more.siteRoot);
  swaps.set(t.host, name);
  if (t.site) swaps.set(t.site, site);
  const parts = [...swaps.keys()].map(escape);
  if (t.ip) { parts.push(`\\b${escape(t.ip)}\\.`); swaps.set(`${t.ip}.`, `${ip}.`); }
  if (t.internet && more.internet && t.internet !== t.ip) { parts.push(`\\b${escape(t.internet)}\\.`); swaps.set(`${t.internet}.`, `${more.internet}.`); }
  if (t.other && more.other) { parts.push(`\\b${escape(t.other)}\\.`); swaps.set(`${t.other}.`, `${more.other}.`); }
  if (more.serial !== undefined) {
    for (const server of t.servers ?? []) {
      parts.push(`\\b${escape(server)}\\b`);
      swaps.set(server, `${server.replace(/\d+$/, '')}${String(more.serial).padStart(4, '0')}`);
    }
  }
  const re = new RegExp(parts.join('|'), 'g');
  const edit = (s) => s.replace(re, (m) => swaps.get(m) ?? m);
  const snap = editStrings(t.snap, edit);
  const ini = iniText(t.snap.facts['file.cloudConnectorIni']);
  if (ini) {
    const text = edit(ini.text);
    const bytes = iniBytes({ ...ini, text });
    const fact = snap.facts['file.cloudConnectorIni'];
    fact.value = { ...fact.value, size: bytes.length, content: fact.value.encoding === 'base64' ? bytes.toString('base64') : text };
  }
  return snap;
}

/**
 * Writes `count` snapshots into `dir` (one file per host, named after it) and returns their names. Hosts
 * come in sites of 2 to 4 appliances; about 7 in 10 are healthy, the others carry a bundled symptom; most
 * sites run one version, some mix two (what site-versions-differ finds).
 */
export function generateFleet(dir, count, seed = 12) {
  const random = prng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const { healthy, faulty } = fleetTemplates();
  mkdirSync(dir, { recursive: true });
  const names = [];
  let siteNo = 0;
  while (names.length < count) {
    siteNo++;
    const city = CITIES[siteNo % CITIES.length];
    const site = `${city}-${String(siteNo).padStart(4, '0')}`;
    const size = Math.min(2 + Math.floor(random() * 3), count - names.length);
    const version = pick(healthy);
    for (let k = 1; k <= size; k++) {
      const i = names.length;
      // A fault mostly on the site's version; now and then another version (an update half done).
      const sameVersion = faulty.filter((f) => f.root === version.file);
      const t = random() < 0.3 ? pick(random() < 0.9 && sameVersion.length ? sameVersion : faulty) : random() < 0.03 ? pick(healthy) : version;
      const name = `CCE-${city.slice(0, 3).toUpperCase()}${String(siteNo).padStart(4, '0')}-${String(k).padStart(2, '0')}`;
      const ip = `10.${(i >> 8) & 127}.${i & 255}`;
      const more = { internet: `10.${128 + ((i >> 8) & 127)}.${i & 255}`, other: `100.${64 + ((i >> 8) & 63)}.${i & 255}`, serial: i + 1, siteRoot: `\\\\${site}-FS\\CCESite` };
      writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(hostSnapshot(t, name, site, ip, more), null, 2)}\n`);
      names.push(name);
    }
  }
  return names;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count = '100', seed = '12'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node test/bench/gen-fleet.mjs DIR [COUNT] [SEED]\n');
    process.exit(2);
  }
  console.log(`${generateFleet(dir, Number(count), Number(seed)).length} snapshots in ${dir}`);
}
