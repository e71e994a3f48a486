// The virtual module of src/tools/rules-module.mjs: every file of rules/*.ts and its default export.
declare module 'ccdoctor:rules' {
  /** Each rule file (rules/x.ts, by name) and what it exports by default (a rule, when it follows the contract). */
  export const RULE_FILES: readonly { file: string; rule: unknown }[];
  /** Each site rule file (rules/site/x.ts, by name) and its default export. */
  export const SITE_RULE_FILES: readonly { file: string; rule: unknown }[];
}

// Its companion: how many rule files there are (src/tools/rules-module.mjs: ruleCountSource).
declare module 'ccdoctor:rule-count' {
  /** The number of rules/*.ts files, each one rule: CATALOGUE.rules.length without loading the rules. */
  export const RULE_COUNT: number;
}
