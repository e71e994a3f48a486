import type { Rule } from '../rules/types.js';
import { displayLine } from '../text/sanitize.js';
import { backupPath } from './backup.js';
import { AFTER_DELETE, CLOSE_POWERSHELL, deleteCache, inspectCache, type CacheFile } from './cache.js';
import { insertionDiff } from './diff.js';
import type { FixableRule } from './fixable.js';
import { applyIniStateFix, readIniFile } from './ini-file.js';
import { describeEncoding, planIniStateFix, type IniStatePlan } from './ini-state.js';

/**
 * A fix's dry run, as the wizard shows it (the same steps and words as `ccdoctor fix`): what would
 * change (the ini diff, or the cache file), and the word to type to consent. Nothing is written here.
 */
export type FixPreview =
  | { kind: 'nothing'; lines: string[] }
  | { kind: 'ini'; path: string; plan: Extract<IniStatePlan, { kind: 'edit' }>; lines: string[]; question: string; word: 'fix' }
  | { kind: 'cache'; file: CacheFile; lines: string[]; question: string; word: 'delete' };

/** The sentences `ccdoctor fix` and the wizard both say (one wording, no drift). */
export const FIX_TEXT = {
  iniPresent: (shown: string, plan: Extract<IniStatePlan, { kind: 'present' }>) =>
    `Nothing to do: [Common] in ${shown} already has ${plan.value === '' ? 'an empty State line' : `State=${displayLine(plan.value, 80)}`} (line ${plan.line}); the file was not changed`,
  iniChange: (verb: string, shown: string, encoding: string) => `${verb} one line to ${shown} (${encoding}; everything else stays byte for byte):`,
  iniQuestion: (line: string, shown: string) => `Type fix to add "${line}" to ${shown} (anything else cancels):`,
  iniNotFixed: (reason: string, backup: string) => `Not fixed: ${reason}. The original file was put back (a copy is also in ${displayLine(backup, 400)}).`,
  iniFixed: (line: string, lineNo: number, shown: string, backup: string, check: string) => [
    `Fixed: added "${line}" at line ${lineNo} of ${shown}. Backup: ${displayLine(backup, 400)}`,
    `Re-checked: ini-state-missing passes (${check}). Now run Install-CcAppliance again in an elevated PowerShell.`,
  ],
  cacheMissing: (shown: string) => `Nothing to do: there is no ${shown}; PowerShell builds a new cache when it starts.`,
  cacheWhat: (shown: string, file: CacheFile) => `${shown} (${file.size} bytes, last written ${file.mtime.toISOString()})`,
  cacheQuestion: 'Type delete to delete it (anything else cancels):',
  cacheRechecked: (outcome: string, message: string) => `Re-checked: module-analysis-cache-stale ${outcome === 'pass' ? 'passes' : `reports ${outcome}`} (${message}). ${AFTER_DELETE}`,
} as const;

export async function previewFix(rule: FixableRule, path: string, now = new Date()): Promise<FixPreview> {
  const shown = displayLine(path, 400);
  if (rule === 'ini-state-missing') {
    const { bytes } = await readIniFile(path);
    const plan = planIniStateFix(bytes, path, '');
    if (plan.kind === 'present') return { kind: 'nothing', lines: [`${FIX_TEXT.iniPresent(shown, plan)}.`] };
    return {
      kind: 'ini',
      path,
      plan,
      lines: [
        FIX_TEXT.iniChange('This adds', shown, describeEncoding(plan.doc, bytes)),
        '',
        ...insertionDiff(path, plan.afterText, plan.lineNo).split('\n'),
        '',
        `A backup ${displayLine(backupPath(path, now), 400)} is written first.`,
      ],
      question: FIX_TEXT.iniQuestion(plan.line, shown),
      word: 'fix',
    };
  }
  const file = await inspectCache(path);
  if (!file) return { kind: 'nothing', lines: [FIX_TEXT.cacheMissing(shown)] };
  return {
    kind: 'cache',
    file,
    lines: [`This deletes ${FIX_TEXT.cacheWhat(shown, file)}.`, CLOSE_POWERSHELL],
    question: FIX_TEXT.cacheQuestion,
    word: 'delete',
  };
}

/** Whether a typed answer is the consent word (case and surrounding spaces aside), as the CLI asks it. */
export function consents(answer: string, word: string): boolean {
  return answer.trim().toLowerCase() === word.toLowerCase();
}

/** Carries out a previewed fix (after consent); the lines say what happened, as the CLI does. */
export async function applyFix(preview: Exclude<FixPreview, { kind: 'nothing' }>, rule: Pick<Rule<any, any>, 'check'>, now = new Date()): Promise<{ ok: boolean; lines: string[] }> {
  if (preview.kind === 'ini') {
    const shown = displayLine(preview.path, 400);
    const result = await applyIniStateFix(preview.path, preview.plan, now, rule);
    if (!result.ok) return { ok: false, lines: [FIX_TEXT.iniNotFixed(result.reason, result.backup)] };
    return { ok: true, lines: FIX_TEXT.iniFixed(preview.plan.line, preview.plan.lineNo, shown, result.backup, result.check.message) };
  }
  const result = await deleteCache(preview.file, { backup: false, now, rule });
  const pass = result.check.outcome === 'pass';
  return {
    ok: pass,
    lines: [
      `Deleted ${displayLine(preview.file.path, 400)}.`,
      FIX_TEXT.cacheRechecked(result.check.outcome, result.check.message),
    ],
  };
}
