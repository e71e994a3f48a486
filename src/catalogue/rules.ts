// The rules half of the composition point (src/catalogue/index.ts adds the facts): explain, fix and
// rules start without loading every fact's probe and schema.
import { RULE_FILES, SITE_RULE_FILES } from 'ccdoctor:rules';
import { buildRuleCatalogue, type RuleCatalogue } from '../core/rules/catalogue.js';

export const RULE_CATALOGUE: RuleCatalogue = buildRuleCatalogue(RULE_FILES, SITE_RULE_FILES);
