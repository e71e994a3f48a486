/**
 * A new fact whose value is a file of the host is modelled by the simulated host with no teaching: the
 * simulated disk holds the file where the snapshot's value says, and the fact's real probe (psReadFile, in
 * real pwsh) finds and reads it there. Nothing answers the probe from the snapshot: a probe that looks in
 * another place finds no file.
 */
import { expect, it } from 'vitest';
import { join } from 'node:path';
import * as z from '../../src/core/schema.js';
import { defineFact } from '../../src/core/facts/types.js';
import { FACTS } from '../../src/facts/index.js';
import { hostFile, hostFileToJson, psReadFile } from '../../src/facts/shapes.js';
import { runLive } from '../../src/live/run-live.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';
import { isSimulated, SIMULATED_FACTS } from '../sim-host/simulated-facts.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NOTE = 'C:\\ProgramData\\Zz\\note.txt';
const TEXT = 'zz=1\r\n';

const fileFact = (id: string, where: string) => defineFact({
  id, title: id, schema: hostFile, toJson: hostFileToJson,
  live: { script: psReadFile(`Join-Path $env:ProgramData '${where}'`) },
  checklist: { question: id, answer: z.string(), toValue: () => ({ path: NOTE, exists: false, size: null, lastWriteTime: null, bytes: null }) },
});
// Reads the file the snapshot has; the other looks for it where it is not.
const reads = fileFact('host.zzNote', 'Zz\\note.txt');
const looksElsewhere = fileFact('host.zzNoteElsewhere', 'Zz\\other.txt');

describeTier('powershell', 'the simulated host models a new host-file fact from its value, and its real probe reads it', (tier) => {
  it('a host-file fact is modelled without being listed; the three of src/facts/ are such facts', () => {
    expect(isSimulated(reads)).toBe(true);
    expect(SIMULATED_FACTS.has(reads.id)).toBe(false);
    expect([...FACTS.values()].filter((s) => isSimulated(s) && !SIMULATED_FACTS.has(s.id)).map((s) => s.id)).toEqual(['file.cloudConnectorIni', 'file.moduleIni.programData', 'file.moduleIni.userProfile']);
  });

  it.runIf(process.platform !== 'win32')('the real probe finds the file where the value says; a probe that looks elsewhere finds none', async () => {
    const specs = new Map([...FACTS, [reads.id, reads], [looksElsewhere.id, looksElsewhere]]);
    const snap = readSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json'));
    const value = { path: NOTE, exists: true, size: TEXT.length, lastWriteTime: '2026-10-02T23:41:10.000Z', encoding: 'utf8', content: TEXT };
    for (const id of [reads.id, looksElsewhere.id]) snap.facts[id] = { status: 'ok', value: { ...value }, source: 'command', ref: `probe ${id}` };
    const sim = simulate(snap, tier.tool, { facts: specs });
    try {
      const r = await runLive({ specs, ids: [reads.id, looksElsewhere.id], powershell: sim.launcher, env: sim.env });
      const note = r.store.get(reads.id);
      expect(note.status, note.message).toBe('ok');
      expect(note.value).toMatchObject({ path: NOTE, exists: true, size: TEXT.length });
      // As Windows PowerShell writes it ('o': seven digits of fractions).
      expect(Date.parse((note.value as { lastWriteTime: string }).lastWriteTime)).toBe(Date.parse('2026-10-02T23:41:10.000Z'));
      expect(Buffer.from((note.value as { bytes: Uint8Array }).bytes).toString('utf8')).toBe(TEXT);
      expect(r.store.get(looksElsewhere.id)).toMatchObject({ status: 'ok', value: { path: 'C:\\ProgramData\\Zz\\other.txt', exists: false, bytes: null } });
    } finally {
      sim.dispose();
    }
  }, 90_000);
});
