/**
 * Many-host folders for tests: copies of the bundled snapshots (extends resolved) renamed to other hosts
 * and moved to other sites (CloudConnector.ini's SiteName rewritten), written to a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { SNAPSHOTS } from './rule-tester.js';

export interface FleetHostSpec {
  name: string;
  site: string;
  /** A bundled snapshot's file name. */
  from: string;
  /** The file to write, relative to the folder (default `<site>/<name>.json`). */
  file?: string;
}

type Snap = { host: { name: string }; facts: Record<string, { status: string; value?: any }> };

export function writeFleet(dir: string, hosts: readonly FleetHostSpec[]): string[] {
  const cache = new Map<string, string>();
  const files: string[] = [];
  for (const h of hosts) {
    if (!cache.has(h.from)) cache.set(h.from, JSON.stringify(readSnapshotJson(join(SNAPSHOTS, h.from))));
    const snap = JSON.parse(cache.get(h.from)!) as Snap;
    snap.host.name = h.name;
    if (snap.facts['host.name']?.status === 'ok') snap.facts['host.name'].value = h.name;
    // The tenant registered this appliance under its new name, in its new site.
    const original = JSON.parse(cache.get(h.from)!).host.name as string;
    const appliances = snap.facts['tenant.appliances'];
    if (appliances?.status === 'ok' && Array.isArray(appliances.value)) {
      for (const a of appliances.value) if (a.name === original) Object.assign(a, { name: h.name, site: h.site });
    }
    const sites = snap.facts['tenant.sites'];
    if (sites?.status === 'ok' && Array.isArray(sites.value)) for (const s of sites.value) Object.assign(s, { identity: h.site, name: h.site });
    const ini = snap.facts['file.cloudConnectorIni'];
    if (ini?.status === 'ok' && ini.value?.exists && ini.value.encoding === 'base64') {
      const raw = Buffer.from(ini.value.content, 'base64');
      const encoding = raw[0] === 0xff && raw[1] === 0xfe ? 'utf16le' : 'utf8';
      const text = raw.toString(encoding).replace(/^SiteName=[^\r\n]*/m, `SiteName=${h.site}`);
      const bytes = Buffer.from(text, encoding);
      ini.value.content = bytes.toString('base64');
      ini.value.size = bytes.length;
    }
    const file = join(dir, h.file ?? join(h.site, `${h.name}.json`));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(snap));
    files.push(file);
  }
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
