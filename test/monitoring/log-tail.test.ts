import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readLogTail } from '../../src/core/monitoring/log-tail.js';
import { decodeText } from '../../src/core/text/decode.js';
import { cceManagementLog } from '../../src/facts/logs.js';

const dir = mkdtempSync(join(tmpdir(), 'ccd-logtail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('readLogTail', () => {
  it('a small file is read whole from line 1', () => {
    const t = readLogTail(write('small.log', 'a\nb\nc\n'), 1024);
    expect({ ...t, bytes: Buffer.from(t.bytes).toString() }).toEqual({ size: 6, startByte: 0, startLine: 1, bytes: 'a\nb\nc\n' });
  });

  it('starts at a whole line and knows its line number (property over line lengths and tail sizes)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (lines, max) => {
      const text = lines.map((l) => `${l}\n`).join('');
      const p = write('prop.log', text);
      const t = readLogTail(p, max);
      const bytes = Buffer.from(text);
      expect(t.size).toBe(bytes.length);
      expect(t.bytes.length).toBeLessThanOrEqual(max);
      expect(Buffer.from(t.bytes).equals(bytes.subarray(t.startByte))).toBe(true);
      expect(t.startByte === 0 || bytes[t.startByte - 1] === 0x0a).toBe(true);
      expect(t.startLine).toBe(bytes.subarray(0, t.startByte).toString().split('\n').length);
    }), { numRuns: 200 });
  });

  it('a 48 MB log: only the tail is kept, the line number is exact', () => {
    const p = join(dir, 'big.log');
    const fd = openSync(p, 'w');
    const line = `${'2026-11-20 01:00:00.000Z CceService Information: 0 : Reported status to online successfully.'.padEnd(99, ' ')}\n`;
    const block = Buffer.from(line.repeat(10_000));
    for (let i = 0; i < 48; i++) writeSync(fd, block);
    writeSync(fd, Buffer.from('last line\n'));
    closeSync(fd);
    const t = readLogTail(p, 256 * 1024);
    expect(t.size).toBe(48 * block.length + 10);
    expect(t.bytes.length).toBeLessThanOrEqual(256 * 1024);
    const text = Buffer.from(t.bytes).toString();
    expect(text.endsWith('last line\n')).toBe(true);
    const linesInTail = text.split('\n').length - 1;
    expect(t.startLine + linesInTail - 1).toBe(480_001);
  });

  it('UTF-16LE logs are aligned on two-byte newlines', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i + 1} Ünïcödé`).join('\r\n') + '\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const t = readLogTail(write('u16.log', bytes), 301);
    expect(t.startByte % 2).toBe(0);
    const decoded = decodeText(new Uint8Array([0xff, 0xfe, ...t.bytes])).text;
    const first = decoded.split('\r\n')[0]!;
    expect(first).toBe(`line ${t.startLine} Ünïcödé`);
  });

  it('the checklist answer (a path to a copy of the log) becomes the fact value through the same tail reader', () => {
    const p = write('copy.log', 'x\n'.repeat(10) + '2026-11-20 01:00:00Z CceService Error: 0 : boom\n');
    const v = cceManagementLog.checklist!.toValue(p);
    expect(v).toMatchObject({ path: p, exists: true, size: 68, excerpt: { startByte: 0, startLine: 1 } });
    expect(v.excerpt!.text.endsWith('boom\n')).toBe(true);
  });
});

describe('cce.managementLog schema', () => {
  it('decodes a base64 excerpt (as the live probe sends it) and writes it back as text', () => {
    const json = { path: 'C:\\x.log', exists: true, size: 10, lastWriteTime: '2026-11-20T01:00:00.000Z', excerpt: { startByte: 4, startLine: 2, encoding: 'base64', content: Buffer.from('hello\n').toString('base64') } };
    const parsed = cceManagementLog.schema.safeParse(json);
    expect(parsed.success).toBe(true);
    const value = (parsed as { data: { excerpt: { text: string } } }).data;
    expect(value.excerpt.text).toBe('hello\n');
    expect(cceManagementLog.toJson!(value as never)).toMatchObject({ excerpt: { encoding: 'utf8', content: 'hello\n', startLine: 2 } });
  });
  it('rejects content that is not base64, naming where', () => {
    const r = cceManagementLog.schema.safeParse({ path: 'x', exists: true, excerpt: { startByte: 0, startLine: 1, encoding: 'base64', content: 'not base64!' } });
    expect(r.success).toBe(false);
    expect(JSON.stringify((r as { error: unknown }).error)).toContain('excerpt content is not base64');
  });
});
