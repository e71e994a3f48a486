// The composition point: the one module that gathers facts and rules into the catalogue. Only the
// entry points (src/cli/main.ts for the commands, src/ui/start.tsx for the wizard) import it; everything
// else receives the catalogue as a parameter.
import { RULE_FILES } from 'ccdoctor:rules';
import { FACTS } from '../facts/index.js';
import { buildCatalogue, type Catalogue } from '../core/rules/catalogue.js';

export type { Catalogue };

export const CATALOGUE: Catalogue = buildCatalogue(RULE_FILES, FACTS);
