import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanStream, type ScanSummary } from '../../src/core/logs/scan.js';
import { normalise } from '../../src/core/explain/normalise.js';
import { encodeText } from '../../src/core/text/decode.js';
import { defineRule, pass } from '../../src/core/rules/define.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED, LOOKALIKES } from '../explain/documented.js';
import { STREAM_VARIANTS } from '../explain/stream-variants.js';

async function* pieces(bytes: Uint8Array, size: number | number[]): AsyncGenerator<Uint8Array> {
  const sizes = Array.isArray(size) ? size : [size];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const scan = (text: string | Uint8Array, size: number | number[] = 1 << 20) =>
  scanStream(pieces(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, size), { rules: RULES });

const byRule = (s: ScanSummary) => Object.fromEntries(s.hits.map((h) => [h.signature.rule.id, h.count]));

const ts = (i: number) => `2026-11-20 02:${String(10 + (i % 50)).padStart(2, '0')}:07.${String(100 + i).slice(-3)}`;
function filler(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `${ts(from + i)} CceService Information: 0 : Checking the state of virtual machine CMS (${from + i})`);
}

describe('scanStream: every documented text, as a log or command output would hold it', () => {
  describe.each(DOCUMENTED)('$rule ($source)', ({ rule, text }) => {
    it.each(STREAM_VARIANTS)('%s, fed in 97-byte pieces', async (_name, variant) => {
      const before = filler(5);
      const body = variant(text);
      const log = [...before, body, ...filler(5, 100)].join('\n');
      const summary = await scan(log, 97);
      const hit = summary.hits.find((h) => h.signature.rule.id === rule);
      expect(hit, `not found in:\n${body}`).toBeDefined();
      expect(hit!.count).toBe(1);
      const bodyLines = body.split('\n').length;
      expect(hit!.first.line).toBeGreaterThan(before.length);
      expect(hit!.first.line).toBeLessThanOrEqual(before.length + bodyLines);
      // The reported line is where the message starts.
      const line = log.split('\n')[hit!.first.line - 1]!;
      const words = normalise(hit!.matched).text.toLowerCase().split(' ').slice(0, 2).join(' ');
      expect(normalise(line).text.toLowerCase().replace(/^.*?(?=for ?each-object)/, '').replace('for each', 'foreach')).toContain(words.replace('for each', 'foreach'));
      expect(summary.hits.map((h) => h.signature.rule.id)).toEqual([rule]);
    });
  });
});

describe('scanStream: lines, timestamps, counts', () => {
  const logon = DOCUMENTED.find((d) => d.rule === 'tenant-admin-logon-failed')!.text;
  const dism = DOCUMENTED.find((d) => d.rule === 'dism-stale-mount')!.text;

  it('reports 1-based line numbers and the leading timestamp of each hit line', async () => {
    const lines = [...filler(3), `2026-11-20 02:14:07.123 ${logon}`, '   at Microsoft.Rtc.CCE.ManagementService.OnlineReporter.ReportStatus()', dism, ...filler(2)];
    const s = await scan(lines.join('\n'));
    expect(s.lines).toBe(lines.length);
    const logonHit = s.hits.find((h) => h.signature.rule.id === 'tenant-admin-logon-failed')!;
    expect(logonHit.first).toEqual({ line: 4, timestamp: '2026-11-20 02:14:07.123' });
    const dismHit = s.hits.find((h) => h.signature.rule.id === 'dism-stale-mount')!;
    expect(dismHit.first).toEqual({ line: 6 }); // no timestamp on that line
    expect(s.hits.map((h) => h.signature.rule.id)).toEqual(['tenant-admin-logon-failed', 'dism-stale-mount']);
  });

  it('reads ISO timestamps with T, Z, offsets and brackets', async () => {
    const s = await scan(`[2026-11-20T02:14:07Z] ${dism}\n2026-11-20T02:14:08.5+01:00 ${dism}\n`);
    expect(s.hits[0]!.samples).toEqual([
      { line: 1, timestamp: '2026-11-20T02:14:07Z' },
      { line: 2, timestamp: '2026-11-20T02:14:08.5+01:00' },
    ]);
  });

  it('counts every hit exactly and keeps only the first samples', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) lines.push(...filler(3, i * 3), `${ts(i)} ${dism}`);
    const s = await scanStream(pieces(Buffer.from(lines.join('\r\n')), 4093), { rules: RULES, maxSamples: 5 });
    expect(s.hits).toHaveLength(1);
    expect(s.hits[0]!.count).toBe(500);
    expect(s.hits[0]!.samples.map((p) => p.line)).toEqual([4, 8, 12, 16, 20]);
    expect(s.hits[0]!.last.line).toBe(2000);
    expect(s.lines).toBe(2000);
  });

  it('does not count look-alikes', async () => {
    const s = await scan([...LOOKALIKES.map((l) => l.text), dism].join('\n'));
    expect(byRule(s)).toEqual({ 'dism-stale-mount': 1 });
  });

  it('gives the same result however the stream is cut', async () => {
    const lines = [...filler(20), logon, ...filler(3), dism, `${ts(1)} ${logon}`, ...filler(4)];
    const text = lines.join('\n');
    const expected = await scan(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        const s = await scan(text, sizes);
        expect(s.lines).toBe(expected.lines);
        expect(s.hits.map((h) => [h.signature.rule.id, h.count, h.samples])).toEqual(expected.hits.map((h) => [h.signature.rule.id, h.count, h.samples]));
      }),
      { numRuns: 60 },
    );
  });
});

describe('scanStream: encodings, binary, long lines', () => {
  const dism = DOCUMENTED.find((d) => d.rule === 'dism-stale-mount')!.text;
  const text = `${filler(2).join('\r\n')}\r\n2026-11-20 02:14:07.123 ${dism}\r\n${filler(1).join('\r\n')}\r\n`;

  it.each(['utf-16le', 'utf-16be', 'utf-8-bom'] as const)('reads %s by its BOM, cut at odd places', async (encoding) => {
    const s = await scan(encodeText(text, encoding), [3, 5, 1, 64]);
    expect(s.encoding).toBe(encoding);
    expect(s.hits[0]?.first).toEqual({ line: 3, timestamp: '2026-11-20 02:14:07.123' });
    expect(s.lines).toBe(4);
  });

  it('survives binary input: NUL bytes and random bytes, flagged as binary', async () => {
    const junk = Buffer.alloc(300_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    const s = await scan(Buffer.concat([Buffer.from('MZ\u0000\u0000'), junk, Buffer.from(`\n${dism}\n`), junk]), 8191);
    expect(s.binary).toBe(true);
    expect(byRule(s)).toEqual({ 'dism-stale-mount': 1 });
  });

  it('finds a signature inside a line of several megabytes, and on the line after it', async () => {
    const long = `${'x'.repeat(3_000_000)} ${dism} ${'y'.repeat(2_000_000)}`;
    const s = await scan(`${long}\n${dism}\n`, 65536);
    expect(s.hits[0]!.count).toBe(2);
    expect(s.hits[0]!.samples).toEqual([{ line: 1 }, { line: 2 }]);
  });

  it('handles empty input and input without a final newline', async () => {
    expect(await scan('')).toMatchObject({ lines: 0, hits: [], bytes: 0 });
    const s = await scan(`a\n${dism}`);
    expect(s.lines).toBe(2);
    expect(s.hits[0]!.first.line).toBe(2);
  });
});

describe('scanStream: a signature with no literal anchor', () => {
  const rule = defineRule({
    id: 'test-no-anchor',
    title: 'A rule whose pattern is an alternation',
    family: 'host', order: 1,
    severity: 'info',
    applies: 'all',
    symptom: 'test',
    needs: [],
    signatures: [{ text: 'widget jammed', pattern: /widget (?:jammed|stuck)|gadget (?:jammed|stuck)/ }],
    check: () => pass('ok'),
    remediation: [{ id: 'fix', title: 'Fix', text: 'Fix it.', runsOn: 'host', destructive: false }],
  });

  it('is still found, every line being a candidate, next to the anchored ones', async () => {
    const dism = DOCUMENTED.find((d) => d.rule === 'dism-stale-mount')!.text;
    const log = [...filler(3), `${ts(9)} The GADGET   stuck again`, dism, 'widget jammed'].join('\n');
    const s = await scanStream(pieces(Buffer.from(log), 17), { rules: [...RULES, rule] });
    expect(s.hits.map((h) => [h.signature.rule.id, h.count, h.first.line])).toEqual([
      ['test-no-anchor', 2, 4],
      ['dism-stale-mount', 1, 5],
    ]);
    expect(s.hits[0]!.first.timestamp).toBe(ts(9));
  });
});
