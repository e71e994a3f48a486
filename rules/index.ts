import type { Rule } from '../src/core/rules/types.js';
import { CATALOGUE_ORDER } from './catalogue-order.js';
import { RULES_A } from './index-a.js';
import { RULES_B } from './index-b.js';

/** Every rule, in catalogue order. */
export const RULES: readonly Rule<any, any>[] = (() => {
  const all = [...RULES_A, ...RULES_B];
  const order = CATALOGUE_ORDER as readonly string[];
  for (const r of all) if (!order.includes(r.id)) throw new Error(`rule ${r.id} is not in the catalogue`);
  const ids = all.map((r) => r.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`rule ${dup} is registered twice`);
  return all.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
})();
