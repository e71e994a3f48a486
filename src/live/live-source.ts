import type { Prepare, FactSource } from '../core/run/run-check.js';
import { FactStore } from '../core/facts/store.js';
import { liveHost } from './live-host.js';
import type { LiveEvent, LiveOptions, LiveResult } from './run-live.js';

export const NOT_ELEVATED_WARNING = 'PowerShell was not running as Administrator: facts that need it are denied (run as Administrator for a full check)';
export const LIVE_CANCELLED_WARNING = 'the live check was cancelled: facts not collected yet are unknown';

export interface LiveSourceOptions extends Omit<LiveOptions, 'specs' | 'signal' | 'powershell'> {
  powershell: string;
  /** ccdoctor's version, for the host's collector line. */
  version: string;
  /** Adds facts from other files (tenant cmdlet JSON) once the probes are done; returns notes for the warnings. */
  prepare?: Prepare;
  /** Every event of the run (the CLI's progress line), and the finished run's result (its summary). */
  onEvent?: (e: LiveEvent) => void;
}

/**
 * This host, live: one PowerShell process runs every probe (run-live.ts). A cancel keeps the facts
 * collected so far (collectLive itself rejects on abort, so they are gathered here from its events).
 */
export function liveSource(opts: LiveSourceOptions): FactSource {
  const { version, prepare, onEvent, ...live } = opts;
  return {
    kind: 'live',
    label: `Collect facts with ${opts.powershell}`,
    async collect(facts, { signal, onProgress }) {
      // Loaded on use: it brings execa, which a snapshot check and the wizard's first frame do not need.
      const { collectLive } = await import('./run-live.js');
      const partial = new FactStore(facts);
      let result: LiveResult | undefined;
      try {
        for await (const e of collectLive({ ...live, specs: facts, ...(signal ? { signal } : {}) })) {
          onEvent?.(e);
          if (e.type === 'spawned') onProgress(0, e.total);
          else if (e.type === 'fact') {
            partial.set(e.fact);
            onProgress(e.done, e.total);
          } else if (e.type === 'finished') result = e.result;
        }
      } catch (e) {
        if (!signal?.aborted) throw e;
      }
      if (!result && !signal?.aborted) throw new Error('the live run ended without a result');
      const store = result?.store ?? partial;
      const h = liveHost(store, { version });
      const host = { name: h.name, ...(h.os ? { os: h.os } : {}), collectedAt: h.collectedAt };
      const ref = `${h.name} (${opts.powershell})`;
      if (!result) return { store, host, ref, warnings: [LIVE_CANCELLED_WARNING], cancelled: true };
      const notes = prepare ? await prepare(store) : [];
      return { store, host, ref, warnings: [...result.warnings, ...notes, ...(result.elevated === false ? [NOT_ELEVATED_WARNING] : [])] };
    },
  };
}
