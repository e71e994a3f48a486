// The rule ids frozen in test/fixtures/rule-ids.json (ids are interface). Rules added since are not in it:
// a test that counts rules on a committed snapshot asserts the frozen rules' outcomes and counts new ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FROZEN_IDS: readonly string[] = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rule-ids.json'), 'utf8')) as { ids: string[] }).ids;
