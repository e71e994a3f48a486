/**
 * The management service's automatic recovery schedule (troubleshooting page, "Recovery process"):
 * the first three retries come 10 s apart; from the fourth on each interval doubles the one before
 * (20 s, 40 s, …) up to one hour, after which retries continue hourly. A successful recovery or a
 * restart of the management service resets the interval and the retry count.
 */
export const FIRST_INTERVAL_S = 10;
export const MAX_INTERVAL_S = 3600;

/** Seconds waited before retry number `attempt` (1-based), counted from the previous retry or the mark-down. */
export function retryInterval(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`retry number must be a positive integer, got ${attempt}`);
  if (attempt <= 3) return FIRST_INTERVAL_S;
  // 2 ** (attempt - 3) overflows to Infinity for huge attempts; min() still gives the cap.
  return Math.min(FIRST_INTERVAL_S * 2 ** (attempt - 3), MAX_INTERVAL_S);
}

export type RecoveryEventKind = 'service-start' | 'marked-down' | 'recovery-failed' | 'recovered';

export interface RecoveryEvent {
  kind: RecoveryEventKind;
  at: Date;
  /** Where it came from (a log line number), carried into the state for evidence. */
  line?: number;
  /** For a failed retry: its number as the log gives it (the count survives a cut-off excerpt). */
  attempt?: number;
}

export interface RecoveryState {
  down: boolean;
  /** When the appliance was marked down (the mark-down still in force). */
  downSince?: RecoveryEvent;
  /** The last reset of the schedule: a management-service start or a successful recovery. */
  lastReset?: RecoveryEvent;
  /** Failed retries since the schedule last started. */
  failedRetries: number;
  /** The event the next interval counts from: the last failed retry, the mark-down or a restart. */
  countFrom?: RecoveryEvent;
  /** While down: the number and due time of the next automatic retry. */
  next?: { attempt: number; intervalS: number; dueAt: Date };
}

/** Replays the recovery history (any order; sorted by time, stable) into the schedule's state. */
export function recoveryState(events: readonly RecoveryEvent[]): RecoveryState {
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map((x) => x.e);
  const s: RecoveryState = { down: false, failedRetries: 0 };
  for (const e of sorted) {
    switch (e.kind) {
      case 'service-start':
        s.lastReset = e;
        s.failedRetries = 0;
        if (s.down) s.countFrom = e;
        break;
      case 'recovered':
        s.lastReset = e;
        s.failedRetries = 0;
        s.down = false;
        delete s.downSince;
        delete s.countFrom;
        break;
      case 'marked-down':
        if (!s.down) {
          s.down = true;
          s.downSince = e;
          s.failedRetries = 0;
          s.countFrom = e;
        }
        break;
      case 'recovery-failed':
        // A failed retry also shows the appliance is down, even if the mark-down is before the excerpt.
        if (!s.down) {
          s.down = true;
          s.downSince = e;
        }
        s.failedRetries = e.attempt ?? s.failedRetries + 1;
        s.countFrom = e;
        break;
    }
  }
  if (s.down && s.countFrom) {
    const attempt = s.failedRetries + 1;
    const intervalS = retryInterval(attempt);
    s.next = { attempt, intervalS, dueAt: new Date(s.countFrom.at.getTime() + intervalS * 1000) };
  }
  return s;
}

/** "1 h 2 min 5 s" */
export function formatSeconds(total: number): string {
  const t = Math.round(Math.abs(total));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', sec || (!h && !m) ? `${sec} s` : ''].filter(Boolean);
  return parts.join(' ');
}
