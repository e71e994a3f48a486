import { FactStore } from '../core/facts/store.js';
import type { FactSpec, FactValue } from '../core/facts/types.js';
import type { PlannedProbe } from './probes.js';
import { capRaw } from './record.js';
import type { LiveEvent } from './run-live.js';

export const stamp = () => new Date().toISOString();

/** The facts of one live run as they come in: the first value of a fact counts, each is announced once. */
export class ProbeResults {
  private readonly results = new Map<string, FactValue>();

  constructor(
    private readonly toRun: readonly PlannedProbe[],
    private readonly total: number,
    private readonly emit: (e: LiveEvent) => void,
  ) {}

  record(fact: FactValue): void {
    if (this.results.has(fact.id)) return;
    this.results.set(fact.id, fact);
    this.emit({ type: 'fact', fact, done: this.results.size, total: this.total });
  }

  /** The probe that reads this fact in this run, if any. */
  probe(id: string): PlannedProbe | undefined {
    return this.toRun.find((q) => q.id === id);
  }

  /** The probes not answered yet. */
  pending(): PlannedProbe[] {
    return this.toRun.filter((p) => !this.results.has(p.id));
  }

  allIn(): boolean {
    return this.toRun.every((p) => this.results.has(p.id));
  }

  /** Every probe not answered yet gets this outcome. */
  failRemaining(status: 'error' | 'timeout', message: string, raw?: string): void {
    for (const p of this.pending()) {
      this.record({ id: p.id, status, message, ...(raw ? { raw: capRaw(raw) } : {}), provenance: { source: 'command', ref: `probe ${p.id}`, collectedAt: stamp() } });
    }
  }

  /** The facts as a store, in the registry's order. */
  store(specs: ReadonlyMap<string, FactSpec<any>>): FactStore {
    const store = new FactStore(specs);
    for (const id of specs.keys()) {
      const fact = this.results.get(id);
      if (fact) store.set(fact);
    }
    return store;
  }
}
