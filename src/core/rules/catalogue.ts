import type { FactSpec } from '../facts/types.js';
import { FAMILY_LABEL, type Family, type Rule } from './types.js';
import type { SiteRule } from '../fleet/site-rule.js';

/** The rules in catalogue order, and that order's ids (ids are interface: never rename one). */
export interface RuleCatalogue {
  rules: readonly Rule<any, any>[];
  order: readonly string[];
  /** Rules across the appliances of a site or of every site (rules/site/*.ts), by their order. */
  siteRules: readonly SiteRule<any, any>[];
}

/** What ccdoctor knows: every fact, every rule in catalogue order, and that order's ids. */
export interface Catalogue extends RuleCatalogue {
  facts: ReadonlyMap<string, FactSpec<any>>;
}

/** A rule file as found in rules/ (see src/tools/rules-module.mjs) and its default export. */
export interface RuleFile {
  file: string;
  rule: unknown;
}

const FAMILIES = Object.keys(FAMILY_LABEL) as Family[];

/** The catalogue: the rule files' rules (see buildRuleCatalogue) with the facts, every fact a rule uses declared. */
export function buildCatalogue(files: readonly RuleFile[], facts: ReadonlyMap<string, FactSpec<any>>, siteFiles: readonly RuleFile[] = []): Catalogue {
  return withFacts(buildRuleCatalogue(files, siteFiles), facts, [...files, ...siteFiles]);
}

/** Adds the facts to the rules (the rules alone load faster: explain, fix and rules need no fact specs). */
export function withFacts(catalogue: RuleCatalogue, facts: ReadonlyMap<string, FactSpec<any>>, files?: readonly RuleFile[]): Catalogue {
  for (const r of [...catalogue.rules, ...catalogue.siteRules]) {
    const file = files?.find((f) => f.rule === r)?.file ?? (r.family === 'site' ? `rules/site/${r.id}.ts` : `rules/${r.id}.ts`);
    for (const id of [...r.needs, ...r.optional]) {
      if (!facts.has(id)) throw new Error(`${file}: rule ${r.id} uses the fact "${id}", which no file in src/facts/ declares`);
    }
  }
  return { ...catalogue, facts };
}

/**
 * Orders the rule files' rules: each file must export a rule (defineRule) by default, whose id is its
 * file name and whose `order` places it within its family; families come in FAMILY_LABEL's order.
 * Throws one clear line per broken contract (a developer's mistake, found when ccdoctor loads).
 */
export function buildRuleCatalogue(files: readonly RuleFile[], siteFiles: readonly RuleFile[] = []): RuleCatalogue {
  const rules: Rule<any, any>[] = [];
  const byId = new Map<string, string>();
  const byPlace = new Map<string, string>();
  for (const { file, rule } of files) {
    const r = claim<Rule<any, any>>(file, rule, byId, () => true, 'a rule file must export a rule by default (export default defineRule({ ... })); helpers go in rules/lib/');
    if (!FAMILIES.includes(r.family as Family)) throw new Error(`${file}: family "${String(r.family)}" is not one of ${FAMILIES.join(', ')}`);
    if (r.family === 'site') throw new Error(`${file}: family "site" is for site rules: they live in rules/site/ and use defineSiteRule`);
    if (!wholeOrder(r.order)) throw new Error(`${file}: rule ${r.id} needs order: N (a whole number ≥ 1, its place within the family "${r.family}" of the catalogue)`);
    const place = `${r.family}/${r.order}`;
    const other = byPlace.get(place);
    if (other) throw new Error(`${file}: order ${r.order} in family "${r.family}" is already taken by ${other}: choose another number`);
    byPlace.set(place, file);
    rules.push(r as Rule<any, any>);
  }
  rules.sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || a.order - b.order);
  const siteRules = buildSiteRules(siteFiles, byId);
  return { rules, order: [...rules.map((r) => r.id), ...siteRules.map((r) => r.id)], siteRules };
}

/** The site rules (rules/site/*.ts): the same contract, ids unique across all rules, ordered by `order`. */
function buildSiteRules(files: readonly RuleFile[], byId: Map<string, string>): SiteRule<any, any>[] {
  const rules: SiteRule<any, any>[] = [];
  const byOrder = new Map<number, string>();
  for (const { file, rule } of files) {
    const r = claim<SiteRule<any, any>>(file, rule, byId, (x) => x.family === 'site', 'a site rule file must export a site rule by default (export default defineSiteRule({ ... })); helpers go in rules/lib/');
    if (!wholeOrder(r.order)) throw new Error(`${file}: site rule ${r.id} needs order: N (a whole number ≥ 1)`);
    const other = byOrder.get(r.order);
    if (other) throw new Error(`${file}: order ${r.order} among the site rules is already taken by ${other}: choose another number`);
    byOrder.set(r.order, file);
    rules.push(r as SiteRule<any, any>);
  }
  return rules.sort((a, b) => a.order - b.order);
}

/**
 * A rule file's default export, checked and its id taken: a rule of the expected kind (else `wrong`), whose
 * id is the file's name and no other file's id (ids are unique across host and site rules).
 */
function claim<R extends { id: string; check: unknown }>(file: string, rule: unknown, byId: Map<string, string>, isKind: (r: Partial<R>) => boolean, wrong: string): Partial<R> & { id: string } {
  const r = rule as Partial<R> | undefined;
  if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.check !== 'function' || !isKind(r)) throw new Error(`${file}: ${wrong}`);
  const name = file.replace(/^.*\//, '').replace(/\.ts$/, '');
  if (r.id !== name) throw new Error(`${file}: rule id "${r.id}" must be the file name ("${name}"): rename the file or the id`);
  const seen = byId.get(r.id);
  if (seen) throw new Error(`${file}: rule id "${r.id}" is already the id of ${seen}`);
  byId.set(r.id, file);
  return r as Partial<R> & { id: string };
}

const wholeOrder = (order: unknown): order is number => typeof order === 'number' && Number.isInteger(order) && order >= 1;

/** The rule with this id, a host's or a site rule, or undefined. */
export function findAnyRule(catalogue: Pick<Catalogue, 'rules' | 'siteRules'>, id: string): Rule<any, any> | SiteRule<any, any> | undefined {
  return findRule(catalogue, id) ?? catalogue.siteRules.find((r) => r.id === id);
}

/** The rule with this id, or undefined. */
export function findRule(catalogue: Pick<Catalogue, 'rules'>, id: string): Rule<any, any> | undefined {
  return catalogue.rules.find((r) => r.id === id);
}
