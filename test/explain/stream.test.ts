import { describe, expect, it } from 'vitest';
import { explainStream } from '../../src/core/explain/stream.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED } from './documented.js';

async function* from(...parts: (string | Uint8Array)[]) {
  yield* parts;
}

const text = (rule: string) => DOCUMENTED.find((d) => d.rule === rule)!.text;

describe('explainStream (the API the wizard calls for files and stdin)', () => {
  it('gives entries with line, timestamp, count and remediation, and what was read', async () => {
    const { entries, input } = await explainStream(
      from('2026-11-20 02:14:07.123 CceService Information: 0 : start\n', `2026-11-20 02:15:00.000 ${text('credential-store-unreadable')}\n`),
      { source: 'file', name: 'CceManagementService.log' },
      RULES,
    );
    expect(input).toEqual({ source: 'file', name: 'CceManagementService.log', bytes: expect.any(Number), lines: 2, encoding: 'utf-8', binary: false });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ rule: 'credential-store-unreadable', line: 2, timestamp: '2026-11-20 02:15:00.000', count: 1, score: 1 });
    expect(entries[0]!.remediation.length).toBeGreaterThan(0);
  });

  it('adds whole-text matches the line scanner cannot see (a truncated paste), after the stream hits', async () => {
    const { entries } = await explainStream(from(`${text('dism-stale-mount')}\n`, 'Cannot register appliance because your current input/configuration …'), { source: 'stdin' }, RULES);
    expect(entries.map((e) => [e.rule, e.score < 1])).toEqual([['dism-stale-mount', false], ['registration-conflict', true]]);
    expect(entries[0]!.line).toBe(1);
    expect(entries[1]!.line).toBeUndefined();
  });

  it('nothing matching: no entries', async () => {
    const { entries, input } = await explainStream(from(Buffer.from('nothing to see\n')), { source: 'stdin' }, RULES);
    expect(entries).toEqual([]);
    expect(input.lines).toBe(1);
  });
});
