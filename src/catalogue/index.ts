// The composition point: the one place that gathers facts and rules into the catalogue. Only the entry
// points (src/cli/main.ts for the commands, src/ui/start.tsx for the wizard) import it; everything else
// receives the catalogue as a parameter.
import { FACTS } from '../facts/index.js';
import { withFacts, type Catalogue } from '../core/rules/catalogue.js';
import { RULE_CATALOGUE } from './rules.js';

export type { Catalogue };

export const CATALOGUE: Catalogue = withFacts(RULE_CATALOGUE, FACTS);
