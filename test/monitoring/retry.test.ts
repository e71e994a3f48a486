import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSeconds, MAX_INTERVAL_S, recoveryState, retryInterval, type RecoveryEvent } from '../../src/core/monitoring/retry.js';

const T0 = Date.parse('2026-11-20T01:05:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

describe('retryInterval: the documented schedule', () => {
  it('10 s for retries 1–3, then 20, 40, … capped at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 50].map(retryInterval)).toEqual([10, 10, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]);
    expect(retryInterval(10_000)).toBe(3600);
  });

  it('rejects retry numbers that are not positive integers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => retryInterval(bad)).toThrow(/positive integer/);
  });

  it('properties: first three equal, each later one doubles the one before until the cap, never above it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), (n) => {
      const i = retryInterval(n);
      expect(i).toBeGreaterThanOrEqual(10);
      expect(i).toBeLessThanOrEqual(MAX_INTERVAL_S);
      const next = retryInterval(n + 1);
      expect(next).toBe(n < 3 ? 10 : Math.min(2 * i, MAX_INTERVAL_S));
    }));
  });
});

/** A mark-down followed by k failed retries at the scheduled times. */
function history(k: number, start = 0): RecoveryEvent[] {
  const out: RecoveryEvent[] = [{ kind: 'marked-down', at: at(start) }];
  let t = start;
  for (let n = 1; n <= k; n++) {
    t += retryInterval(n);
    out.push({ kind: 'recovery-failed', at: at(t), attempt: n });
  }
  return out;
}

describe('recoveryState', () => {
  it('marked down with no retry yet: retry 1 is due 10 s after the mark-down', () => {
    const s = recoveryState([{ kind: 'marked-down', at: at(0), line: 7 }]);
    expect(s.down).toBe(true);
    expect(s.next).toEqual({ attempt: 1, intervalS: 10, dueAt: at(10) });
  });

  it('after k failed retries the next is due interval(k+1) after the last one (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), (k) => {
      const h = history(k);
      const s = recoveryState(h);
      expect(s.failedRetries).toBe(k);
      expect(s.next!.attempt).toBe(k + 1);
      expect(s.next!.dueAt.getTime()).toBe(h[h.length - 1]!.at.getTime() + retryInterval(k + 1) * 1000);
    }));
  });

  it('a success resets everything; a management-service restart restarts the schedule (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (before, after) => {
      const first = history(before);
      const resumeAt = 100_000;
      const recovered = recoveryState([...first, { kind: 'recovered', at: at(resumeAt - 1) }]);
      expect(recovered.down).toBe(false);
      expect(recovered.next).toBeUndefined();
      // Down again later: counted from scratch.
      const again = recoveryState([...first, { kind: 'recovered', at: at(resumeAt - 1) }, ...history(after, resumeAt)]);
      expect(again.failedRetries).toBe(after);
      expect(again.next!.attempt).toBe(after + 1);
      // A restart while down: the next retry is the first again, 10 s after the start.
      const restarted = recoveryState([...first, { kind: 'service-start', at: at(resumeAt) }]);
      expect(restarted.down).toBe(true);
      expect(restarted.next).toEqual({ attempt: 1, intervalS: 10, dueAt: at(resumeAt + 10) });
    }));
  });

  it('events out of order are sorted by time; a failed retry numbered in the log sets the count', () => {
    const events: RecoveryEvent[] = [
      { kind: 'recovery-failed', at: at(1240), attempt: 10 },
      { kind: 'recovery-failed', at: at(600), attempt: 9 },
    ];
    const s = recoveryState(events);
    // The mark-down is before the excerpt: the numbered retries still give the count.
    expect(s.down).toBe(true);
    expect(s.failedRetries).toBe(10);
    expect(s.next).toEqual({ attempt: 11, intervalS: 2560, dueAt: at(1240 + 2560) });
  });

  it('no events: not down', () => {
    expect(recoveryState([])).toEqual({ down: false, failedRetries: 0 });
  });
});

describe('formatSeconds', () => {
  it('reads as hours, minutes and seconds', () => {
    expect([0, 10, 60, 983, 2560, 3600, 3725, -1770].map(formatSeconds)).toEqual(['0 s', '10 s', '1 min', '16 min 23 s', '42 min 40 s', '1 h', '1 h 2 min 5 s', '29 min 30 s']);
  });
});
