import type { Rule } from '../src/core/rules/types.js';

/** VM-internal, certificate, credential/log, monitoring and Lync rules. */
export const RULES_B: readonly Rule<any, any>[] = [];
