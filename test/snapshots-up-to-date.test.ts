import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allSnapshots, snapshotFiles } from './fixtures/hosts.js';
import { isPatch, readSnapshotJson, resolveSnapshot, snapshotJsonOf } from '../src/core/snapshot/resolve.js';
import { loadSnapshotFile } from '../src/core/snapshot/load.js';
import { FACTS } from '../src/facts/index.js';

const dir = join(import.meta.dirname, '..', 'snapshots');
const built = allSnapshots();
const files = snapshotFiles(built);

/**
 * Files in snapshots/ that the builder does not make: symptom snapshots written by hand (npm run new-rule
 * writes one), each a patch of a generated host.
 */
const contributed = readdirSync(dir).filter((f) => f.endsWith('.json') && !(f in built)).sort();

describe('snapshots/ equal what test/fixtures/hosts.ts builds', () => {
  // npm run update-snapshots (src/tools/update-snapshots.mjs) sets it.
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    for (const [name, snap] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), `${JSON.stringify(snap, null, 2)}\n`);
    }
  }
  for (const [name, snap] of Object.entries(files)) {
    it(name, () => {
      expect(JSON.parse(readFileSync(join(dir, name), 'utf8')), `snapshots/${name} is not what the builder makes: npm run update-snapshots rewrites it`).toEqual(JSON.parse(JSON.stringify(snap)));
    });
  }
  it('every file resolves (through the loader\'s resolver) to exactly the host the builder makes, key order included', () => {
    const differ = Object.entries(built).filter(([name, snap]) => JSON.stringify(readSnapshotJson(join(dir, name))) !== JSON.stringify(snap)).map(([name]) => name);
    expect(differ).toEqual([]);
  });
  it('only base hosts are whole: every variation of another snapshot file is a patch of it', () => {
    const whole = Object.entries(files).filter(([, f]) => !('extends' in f)).map(([name]) => name).sort();
    expect(whole).toEqual([
      'demo.json', 'fleet-directory-reused/cce-syd-01.json', 'fleet-duplicate-identities/cce-syd-01.json',
      'fleet-two-sites/cce-syd-01.json', 'fleet-updates-several-sites/cce-syd-01.json', 'ha-site-appliance-2.json',
      'healthy-1.4.2.json', 'healthy-2.0.json', 'healthy-2.1.json', 'lync-fe-drain-ready.json', 'lync-fe-draining.json',
      'lync-fe-pool-unknown.json', 'site-directory-differs/cce-syd-01.json', 'site-ha-several-out/cce-syd-01.json',
      'site-name-registration-mismatch/cce-syd-01.json', 'site-sydney-ca-differs/cce-syd-01.json', 'site-sydney/cce-syd-01.json',
    ]);
    // A site folder's other appliances are patches of its first: a patch reaches only its own folder or below.
    for (const [name, f] of Object.entries(files)) {
      if (!name.includes('/') || !('extends' in f)) continue;
      expect(f.extends, name).not.toMatch(/[\\/]/);
      expect(`${dirname(name)}/${f.extends}` in files, `${name} extends ${f.extends}`).toBe(true);
    }
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
  it('every file the builder makes is in snapshots/ (site and fleet folders included)', () => {
    const onDisk = new Set((readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split('\\').join('/')).filter((f) => f.endsWith('.json')));
    expect(Object.keys(built).filter((name) => !onDisk.has(name))).toEqual([]);
  });
});

/** What is wrong with a hand-written snapshot file (empty: nothing): it must patch a generated host and load cleanly. */
async function handWrittenProblems(folder: string, name: string): Promise<string[]> {
  const file = join(folder, name);
  const json = snapshotJsonOf(new Uint8Array(readFileSync(file)), name);
  // Only the builder writes whole hosts: by hand, a snapshot says what differs from one of them.
  if (!isPatch(json)) return [`${name} is a whole snapshot: write it as a patch ("extends": "healthy-2.1.json" and the facts that differ)`];
  const { bases } = resolveSnapshot(json, { path: file, shown: name });
  if (!bases.some((b) => b in built)) return [`${name} extends ${bases.join(' → ')}, not a host test/fixtures/hosts.ts builds`];
  // Validated as check --snapshot loads it; a fact id no file in src/facts/ declares is a typo here.
  return (await loadSnapshotFile(file, FACTS, name)).warnings.map((w) => `${name}: ${w}`);
}

describe('snapshots/ written by hand (not by test/fixtures/hosts.ts)', () => {
  for (const name of contributed) {
    it(`${name} is a patch of a generated host, and loads with no warning`, async () => {
      expect(await handWrittenProblems(dir, name)).toEqual([]);
    });
  }
  it('the check refuses a whole snapshot, a patch of a hand-written one only, and an unknown fact', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ccd-hand-'));
    try {
      copyFileSync(join(dir, 'healthy-2.1.json'), join(folder, 'healthy-2.1.json'));
      const patch = (ext: string, facts: Record<string, unknown> = {}) => JSON.stringify({ schema: 'ccdoctor/snapshot', version: 1, extends: ext, facts });
      writeFileSync(join(folder, 'good.json'), patch('healthy-2.1.json', { 'dotnet.release': { status: 'ok', value: 1 } }));
      writeFileSync(join(folder, 'whole.json'), readFileSync(join(dir, 'healthy-2.1.json')));
      writeFileSync(join(folder, 'typo.json'), patch('healthy-2.1.json', { 'dotnet.relase': { status: 'ok', value: 1 } }));
      writeFileSync(join(folder, 'orphan-base.json'), readFileSync(join(dir, 'healthy-2.1.json')));
      writeFileSync(join(folder, 'orphan.json'), patch('orphan-base.json'));
      expect(await handWrittenProblems(folder, 'good.json')).toEqual([]);
      expect(await handWrittenProblems(folder, 'whole.json')).toEqual([expect.stringMatching(/^whole\.json is a whole snapshot/)]);
      expect(await handWrittenProblems(folder, 'typo.json')).toEqual(['typo.json: facts["dotnet.relase"]: unknown fact, ignored']);
      expect(await handWrittenProblems(folder, 'orphan.json')).toEqual(['orphan.json extends orphan-base.json, not a host test/fixtures/hosts.ts builds']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
