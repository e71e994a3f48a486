import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allSnapshots } from './fixtures/hosts.js';

const dir = join(import.meta.dirname, '..', 'snapshots');
const built = allSnapshots();

describe('snapshots/ equal what test/fixtures/hosts.ts builds', () => {
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    for (const [name, snap] of Object.entries(built)) writeFileSync(join(dir, name), `${JSON.stringify(snap, null, 2)}\n`);
  }
  for (const [name, snap] of Object.entries(built)) {
    it(name, () => {
      expect(JSON.parse(readFileSync(join(dir, name), 'utf8'))).toEqual(JSON.parse(JSON.stringify(snap)));
    });
  }
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
