import type { FactSpec } from '../core/facts/types.js';
import { isDeferredSchema } from '../core/schema.js';
import * as host from './host.js';
import * as cce from './cce.js';
import * as platform from './platform.js';
import * as hyperv from './hyperv.js';
import * as tenant from './tenant.js';
import * as hostconfig from './hostconfig.js';
import * as vms from './vms.js';
import * as certificates from './certificates.js';
import * as logs from './logs.js';
import * as lync from './lync.js';

const MODULES = [host, cce, platform, hyperv, tenant, hostconfig, vms, certificates, logs, lync] as Record<string, unknown>[];

/** Every fact ccdoctor knows, by id. */
export const FACTS: ReadonlyMap<string, FactSpec<any>> = (() => {
  const all = new Map<string, FactSpec<any>>();
  for (const mod of MODULES) {
    for (const v of Object.values(mod)) {
      // Exported schemas are stand-ins until used: `'id' in v` would build them.
      if (typeof v === 'object' && v !== null && !isDeferredSchema(v) && 'id' in v && 'schema' in v) {
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
type AllSpecs =
  | Specs<typeof host> | Specs<typeof cce> | Specs<typeof platform> | Specs<typeof hyperv> | Specs<typeof tenant>
  | Specs<typeof hostconfig> | Specs<typeof vms> | Specs<typeof certificates> | Specs<typeof logs> | Specs<typeof lync>;

/** The value type of every fact, by id: what a rule sees. */
export type FactTypes = { [S in AllSpecs as S['id']]: S extends FactSpec<infer T, any> ? T : never };
export type FactId = keyof FactTypes;
