import { stamp, type ProbeResults } from './probe-results.js';
import { seconds, type Timers } from './timers.js';

/**
 * PowerShell enforces each probe's limit itself and reports a timeout; ccdoctor only watches for a
 * PowerShell that fell silent: no line for the longest pending limit plus this grace.
 */
export const BACKSTOP_GRACE_MS = 2500;

/** Times out the pending probes of a PowerShell that stopped answering, then calls `silent`. */
export class Watchdog {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timers: Timers,
    private readonly results: ProbeResults,
    private readonly silent: () => void,
  ) {}

  /** A line came (or PowerShell started): wait again, for as long as the slowest pending probe may take. */
  rearm(started: boolean): void {
    clearTimeout(this.timer);
    const pending = this.results.pending();
    if (!started || pending.length === 0) return;
    const limit = Math.max(...pending.map((p) => p.timeoutMs));
    this.timer = this.timers.after(limit + BACKSTOP_GRACE_MS, () => {
      for (const p of this.results.pending()) {
        this.results.record({ id: p.id, status: 'timeout', message: `no answer within ${seconds(p.timeoutMs)}; ccdoctor stopped waiting for it`, provenance: { source: 'command', ref: `probe ${p.id}`, collectedAt: stamp() } });
      }
      this.silent();
    });
  }
}
