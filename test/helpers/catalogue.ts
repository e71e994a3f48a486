// The catalogue as the entry points build it (src/catalogue/index.ts), for tests.
import { CATALOGUE } from '../../src/catalogue/index.js';

export { CATALOGUE };
export const RULES = CATALOGUE.rules;
export const FACTS = CATALOGUE.facts;
