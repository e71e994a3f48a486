/**
 * `ccdoctor diff A B` (issue 12 part 3): what differs between two hosts.
 *   const diff = cleanDiff(diffRuns(runA, runB, specs, { all }), [runA, runB], specs, { redact })
 *   diffText(diff)  |  JSON.stringify(diff)
 */
export { diffRuns, DIFF_SCHEMA, DIFF_VERSION, type HostDiff, type FactDiff, type FactChange, type RuleChange } from './diff-hosts.js';
export { cleanDiff } from './clean.js';
export { diffText } from './render-text.js';
export { NOISE_FACTS, NOISE_KEYS } from './noise.js';
