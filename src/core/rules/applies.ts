import type { Rule } from './types.js';

/**
 * What a rule applies to, for a person: the Lync rules look at a Lync/Skype for Business Server (the CCE
 * version means nothing there); the others at the CCE versions of their catalogue entry.
 */
export function appliesText(rule: Pick<Rule<any, any>, 'family' | 'applies'>): string {
  if (rule.family === 'lync') return 'Lync/Skype for Business Server';
  return rule.applies === 'all' ? 'all CCE versions' : `CCE ${rule.applies}`;
}
