export declare const RULES_MODULE: 'ccdoctor:rules';
export declare const RULE_COUNT_MODULE: 'ccdoctor:rule-count';
export declare function ruleFiles(root: string, dir?: string): string[];
export declare function rulesModuleSource(root: string, specifier?: (file: string) => string): string;
export declare function ruleCountSource(root: string): string;
export declare function rulesEsbuildPlugin(root: string): { name: string; setup(build: unknown): void };
export declare function rulesVitePlugin(root: string): { name: string; enforce: 'pre'; resolveId(id: string): string | undefined; load(id: string): string | undefined };
