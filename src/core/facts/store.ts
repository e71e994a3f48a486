import type { FactSpec, FactValue } from './types.js';
import { isUnavailable } from './types.js';

/**
 * The facts of one host, from whichever provider collected them. Collected values are put in;
 * derived facts are computed on first use from the facts they name, and carry their inputs' state.
 */
export class FactStore {
  private readonly values = new Map<string, FactValue>();
  private readonly derived = new Map<string, FactValue>();

  /** `specs`: the facts this store can hold (the catalogue's). */
  constructor(readonly specs: ReadonlyMap<string, FactSpec<any>>) {}

  set(value: FactValue): void {
    this.values.set(value.id, value);
    this.derived.clear();
  }

  /** Collected facts (not derived), in insertion order. */
  collected(): FactValue[] {
    return [...this.values.values()];
  }

  has(id: string): boolean {
    return this.values.has(id);
  }

  get(id: string): FactValue {
    const spec = this.specs.get(id);
    if (!spec) return { id, status: 'error', message: `unknown fact "${id}"`, provenance: { source: 'derived', ref: id } };
    if (!spec.derive) {
      return this.values.get(id) ?? { id, status: 'missing', message: 'not collected', provenance: { source: 'derived', ref: id } };
    }
    const cached = this.derived.get(id);
    if (cached) return cached;
    const result = this.derive(spec);
    this.derived.set(id, result);
    return result;
  }

  /**
   * Why a fact a rule needs is not ok, as the rule reports it: for an interpretation (a derived fact that
   * reads one other fact), the fact it reads, with that fact's own reason when it is not ok, else why it
   * could not be read. Any other fact speaks for itself.
   */
  unavailableAs(id: string): { fact: string; status: Exclude<FactValue['status'], 'ok'>; message: string } | undefined {
    const v = this.get(id);
    if (v.status === 'ok') return undefined;
    const spec = this.specs.get(id);
    if (spec?.derive?.interprets) {
      const source = spec.derive.from[0]!;
      return this.unavailableAs(source) ?? { fact: source, status: v.status, message: `cannot be read: ${v.message ?? v.status}` };
    }
    return { fact: id, status: v.status, message: v.message ?? v.status };
  }

  private derive(spec: FactSpec<any>): FactValue {
    const from = spec.derive!.from;
    const provenance = { source: 'derived' as const, ref: from.join(', '), derivedFrom: [...from] };
    const inputs: Record<string, unknown> = {};
    for (const dep of from) {
      const v = this.get(dep);
      if (v.status !== 'ok') {
        return { id: spec.id, status: v.status, message: `needs ${dep}: ${v.message ?? v.status}`, provenance };
      }
      inputs[dep] = v.value;
    }
    for (const dep of spec.derive!.optional ?? []) {
      const v = this.get(dep);
      if (v.status === 'ok') inputs[dep] = v.value;
    }
    try {
      const out = spec.derive!.compute(inputs);
      if (isUnavailable(out)) return { id: spec.id, status: out.status, message: out.message, provenance };
      return { id: spec.id, status: 'ok', value: out, provenance };
    } catch (e) {
      return { id: spec.id, status: 'error', message: e instanceof Error ? e.message : String(e), provenance };
    }
  }
}
