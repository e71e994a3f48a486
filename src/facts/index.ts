import type { FactSpec } from '../core/facts/types.js';
import * as host from './host.js';
import * as cce from './cce.js';
import * as platform from './platform.js';

/** Every fact ccdoctor knows, by id. */
export const FACTS: ReadonlyMap<string, FactSpec<any>> = (() => {
  const all = new Map<string, FactSpec<any>>();
  for (const mod of [host, cce, platform] as Record<string, unknown>[]) {
    for (const v of Object.values(mod)) {
      if (typeof v === 'object' && v !== null && 'id' in v && 'schema' in v) {
        const spec = v as FactSpec<any>;
        if (all.has(spec.id)) throw new Error(`duplicate fact id ${spec.id}`);
        all.set(spec.id, spec);
      }
    }
  }
  return all;
})();

export function factSpec(id: string): FactSpec<any> {
  const spec = FACTS.get(id);
  if (!spec) throw new Error(`unknown fact "${id}"`);
  return spec;
}

type Specs<M> = Extract<M[keyof M], FactSpec<any, string>>;
type AllSpecs = Specs<typeof host> | Specs<typeof cce> | Specs<typeof platform>;

/** The value type of every fact, by id: what a rule sees. */
export type FactTypes = { [S in AllSpecs as S['id']]: S extends FactSpec<infer T, any> ? T : never };
export type FactId = keyof FactTypes;
