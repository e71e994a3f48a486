/**
 * Many-host folders for tests: copies of the bundled snapshots (extends resolved), each made a host of its
 * own the way the scale benchmark makes them (test/bench/gen-fleet.mjs hostSnapshot): its own name, site
 * (CloudConnector.ini's SiteName, the tenant registration), corpnet and internet addresses and VM server
 * names (so its own Mediation Server FQDN), and the hosts of one site share one site directory
 * (\\<first host of the site>\CCESite): healthy copies pass every host and site rule. A test that wants a
 * site fault plants it (`siteRoot`, or by editing the files).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { hostSnapshot, templateOf } from '../bench/gen-fleet.mjs';
import { SNAPSHOTS } from './rule-tester.js';

export interface FleetHostSpec {
  name: string;
  site: string;
  /** A bundled snapshot's file name. */
  from: string;
  /** The file to write, relative to the folder (default `<site>/<name>.json`). */
  file?: string;
  /** The site directory this host names (default: its site's share, \\<first host of the site>\CCESite). */
  siteRoot?: string;
}

type Snap = { host: { name: string }; facts: Record<string, { status: string; value?: any }> };

export function writeFleet(dir: string, hosts: readonly FleetHostSpec[]): string[] {
  const templates = new Map<string, ReturnType<typeof templateOf>>();
  const shares = new Map<string, string>();
  for (const h of hosts) if (!shares.has(h.site.toLowerCase())) shares.set(h.site.toLowerCase(), `\\\\${h.name}\\CCESite`);
  const files: string[] = [];
  hosts.forEach((h, i) => {
    if (!templates.has(h.from)) templates.set(h.from, templateOf(readSnapshotJson(join(SNAPSHOTS, h.from)), h.from));
    const t = templates.get(h.from)!;
    const more = { internet: `10.${128 + ((i >> 8) & 127)}.${i & 255}`, other: `100.${64 + ((i >> 8) & 63)}.${i & 255}`, serial: i + 1, siteRoot: h.siteRoot ?? shares.get(h.site.toLowerCase())! };
    const snap = hostSnapshot(t, h.name, h.site, `10.${(i >> 8) & 127}.${i & 255}`, more) as Snap;
    snap.host.name = h.name;
    if (snap.facts['host.name']?.status === 'ok') snap.facts['host.name'].value = h.name;
    // The tenant registered this appliance under its new name, in its new site (also when the template had no ini).
    const appliances = snap.facts['tenant.appliances'];
    if (appliances?.status === 'ok' && Array.isArray(appliances.value)) {
      for (const a of appliances.value) if (a.name === h.name || a.name === t.host) Object.assign(a, { name: h.name, site: h.site });
    }
    const sites = snap.facts['tenant.sites'];
    if (sites?.status === 'ok' && Array.isArray(sites.value)) for (const s of sites.value) Object.assign(s, { identity: h.site, name: h.site });
    const file = join(dir, h.file ?? join(h.site, `${h.name}.json`));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(snap));
    files.push(file);
  });
  return files;
}

/**
 * 200 hosts in 5 sites: mostly healthy CCE 2.1 appliances; every 10th with .NET too old (critical), every
 * 40th a partial snapshot (unknowns); site Perth mixes in a CCE 2.0 appliance (versions differ).
 */
export function twoHundred(): FleetHostSpec[] {
  const sites = ['Sydney', 'Melbourne', 'Perth', 'Brisbane', 'Adelaide'];
  return Array.from({ length: 200 }, (_, i) => {
    const site = sites[i % 5]!;
    const name = `CCE-${site.slice(0, 3).toUpperCase()}-${String(Math.floor(i / 5) + 1).padStart(2, '0')}`;
    const from = i % 10 === 3 ? 'symptom-dotnet-too-old.json' : i % 40 === 11 ? 'partial-2.1.json' : i === 7 ? 'healthy-2.0.json' : 'healthy-2.1.json';
    return { name, site, from };
  });
}
