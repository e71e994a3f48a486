import { describe, expect, it } from 'vitest';
import { classifyLine, hitsAfterLastSuccess, logEvents, parseLogExcerpt, recoveryEvents } from '../../src/core/monitoring/cce-log.js';
import { LOGON_FAILED } from '../../rules/tenant-admin-logon-failed.js';
import { KEY_NOT_VALID } from '../../rules/credential-store-unreadable.js';
import { LOG } from '../fixtures/contrib/appliance.js';
import { readManagementLog } from '../../src/facts/logs.js';

describe('parseLogExcerpt', () => {
  it('numbers lines from the excerpt start and gives continuation lines their entry time', () => {
    const text = [LOG.ok('2026-11-20T00:29:05.020Z'), ...LOG.logonFailed('2026-11-20T01:29:05.402Z')].join('\r\n');
    const lines = parseLogExcerpt(`${text}\r\n`, 100);
    expect(lines.map((l) => [l.line, l.at])).toEqual([
      [100, '2026-11-20T00:29:05.020Z'],
      [101, '2026-11-20T01:29:05.402Z'],
      [102, '2026-11-20T01:29:05.402Z'],
    ]);
  });

  it('reads the timestamp forms: T or space, comma or dot fraction, Z, offset or none (UTC)', () => {
    const lines = parseLogExcerpt(['2026-11-20T01:00:00,5+10:00 x', '2026-11-20 01:00:00 x', '2026-11-20 01:00:00.25-0130 x', 'no stamp'].join('\n'), 1);
    expect(lines.map((l) => l.at)).toEqual(['2026-11-19T15:00:00.500Z', '2026-11-20T01:00:00.000Z', '2026-11-20T02:30:00.250Z', '2026-11-20T02:30:00.250Z']);
  });

  it('a first line without a timestamp has no time', () => {
    expect(parseLogExcerpt('   at Some.Frame()\n', 5)[0]).toEqual({ line: 5, at: null, text: '   at Some.Frame()' });
  });
});

describe('events of the assumed log format', () => {
  it('classifies start, report, mark-down, numbered retries and recovery, case- and spacing-tolerant', () => {
    const lines = parseLogExcerpt([
      LOG.start('2026-11-20T01:02:41.530Z'),
      LOG.ok('2026-11-20T01:03:05.000Z'),
      LOG.down('2026-11-20T01:05:00.000Z', 'service RTCSRV on the Edge is not running'),
      '2026-11-20 01:05:10Z CCESERVICE warning:0: automatic recovery ATTEMPT 1 FAILED: RTCSRV',
      LOG.recovered('2026-11-20T01:05:20.000Z'),
      '2026-11-20 01:05:30Z CceService Information: 0 : something else',
    ].join('\n'), 1);
    expect(logEvents(lines).map((e) => [e.kind, e.line.line, e.attempt])).toEqual([
      ['service-start', 1, undefined], ['report-ok', 2, undefined], ['marked-down', 3, undefined], ['recovery-failed', 4, 1], ['recovered', 5, undefined],
    ]);
    expect(recoveryEvents(lines).map((e) => e.kind)).toEqual(['service-start', 'marked-down', 'recovery-failed', 'recovered']);
    expect(classifyLine({ line: 1, at: null, text: 'CceService Information: 0 : Reported status to online successfully.' })?.kind).toBe('report-ok');
  });
});

describe('hitsAfterLastSuccess', () => {
  const lines = parseLogExcerpt([
    ...LOG.logonFailed('2026-11-19T21:29:05.100Z'),
    LOG.ok('2026-11-19T22:29:05.020Z'),
    ...LOG.logonFailed('2026-11-20T01:29:05.402Z'),
    ...LOG.keyNotValid('2026-11-20T01:30:00.000Z'),
  ].join('\n'), 10);

  it('counts only hits after the last successful report; earlier ones are resolved', () => {
    const r = hitsAfterLastSuccess(lines, LOGON_FAILED);
    expect(r.lastSuccess?.line).toBe(12);
    expect(r.hits.map((h) => h.line)).toEqual([13]);
    expect(r.resolved).toBe(1);
    expect(hitsAfterLastSuccess(lines, KEY_NOT_VALID).hits.map((h) => [h.line, h.at])).toEqual([[15, '2026-11-20T01:30:00.000Z']]);
  });

  it('with no success in the excerpt every hit counts', () => {
    const r = hitsAfterLastSuccess(lines.slice(0, 2), LOGON_FAILED);
    expect(r.lastSuccess).toBeUndefined();
    expect(r.hits).toHaveLength(1);
  });
});

describe('log text shown as evidence', () => {
  it('is stripped of terminal control sequences and cut to one line', async () => {
    const { hitEvidence, reviewLog } = await import('../../rules/lib/log-hits.js');
    const text = `${LOG.ok('2026-11-20T00:00:00.000Z')}\n2026-11-20 01:00:00Z CceService Error: 0 : \u001b]8;;http://evil\u0007x\u001b[2J ConvertTo-SecureString : Key not valid for use in specified state.\n`;
    const review = reviewLog(readManagementLog({ path: 'x', exists: true, size: 1, lastWriteTime: null, excerpt: { startByte: 0, startLine: 1, text } }), KEY_NOT_VALID)!;
    const [first] = hitEvidence(review, 'Key not valid');
    expect(first!.at).toBe('line 2');
    expect(first!.value).not.toMatch(/\u001b|\u0007/);
    expect(first!.value).toContain('ConvertTo-SecureString : Key not valid');
  });
});
