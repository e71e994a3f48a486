import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allSnapshots, snapshotFiles } from './fixtures/hosts.js';
import { readSnapshotJson } from '../src/core/snapshot/resolve.js';

const dir = join(import.meta.dirname, '..', 'snapshots');
const built = allSnapshots();
const files = snapshotFiles(built);

describe('snapshots/ equal what test/fixtures/hosts.ts builds', () => {
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    for (const [name, snap] of Object.entries(files)) writeFileSync(join(dir, name), `${JSON.stringify(snap, null, 2)}\n`);
  }
  for (const [name, snap] of Object.entries(files)) {
    it(name, () => {
      expect(JSON.parse(readFileSync(join(dir, name), 'utf8'))).toEqual(JSON.parse(JSON.stringify(snap)));
    });
  }
  it('every file resolves (through the loader\'s resolver) to exactly the host the builder makes, key order included', () => {
    const differ = Object.entries(built).filter(([name, snap]) => JSON.stringify(readSnapshotJson(join(dir, name))) !== JSON.stringify(snap)).map(([name]) => name);
    expect(differ).toEqual([]);
  });
  it('only base hosts are whole: every variation of another snapshot file is a patch of it', () => {
    const whole = Object.entries(files).filter(([, f]) => !('extends' in f)).map(([name]) => name).sort();
    expect(whole).toEqual([
      'demo.json', 'ha-site-appliance-2.json', 'healthy-1.4.2.json', 'healthy-2.0.json', 'healthy-2.1.json',
      'lync-fe-drain-ready.json', 'lync-fe-draining.json', 'lync-fe-pool-unknown.json',
    ]);
  });
  it('every snapshot names its host the same way in its header, host.name and COMPUTERNAME', () => {
    const disagree: string[] = [];
    for (const [name, snap] of Object.entries(built)) {
      const hostName = snap.facts['host.name'];
      const env = snap.facts['host.env'];
      if (hostName?.status === 'ok' && hostName.value !== snap.host.name) disagree.push(`${name}: header ${snap.host.name}, host.name ${String(hostName.value)}`);
      const computer = env?.status === 'ok' ? (env.value as Record<string, unknown>).COMPUTERNAME : undefined;
      if (computer !== undefined && computer !== snap.host.name) disagree.push(`${name}: header ${snap.host.name}, COMPUTERNAME ${String(computer)}`);
    }
    expect(disagree).toEqual([]);
  });
  it('every file in snapshots/ comes from the builder (no orphans)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(Object.keys(built).sort());
  });
});
