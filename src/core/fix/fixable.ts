/** The only remediations the catalogue lets ccdoctor perform itself (with consent). */
export const FIXABLE = ['ini-state-missing', 'module-analysis-cache-stale'] as const;
export type FixableRule = (typeof FIXABLE)[number];

export function isFixable(id: string): id is FixableRule {
  return (FIXABLE as readonly string[]).includes(id);
}
