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

export async function previewFix(rule: FixableRule, path: string, now = new Date()): Promise<FixPreview> {
  const shown = displayLine(path, 400);
  if (rule === 'ini-state-missing') {
    const { bytes } = await readIniFile(path);
    const plan = planIniStateFix(bytes, path, '');
    if (plan.kind === 'present') {
      const v = plan.value === '' ? 'an empty State line' : `State=${displayLine(plan.value, 80)}`;
      return { kind: 'nothing', lines: [`Nothing to do: [Common] in ${shown} already has ${v} (line ${plan.line}); the file was not changed.`] };
    }
    return {
      kind: 'ini',
      path,
      plan,
      lines: [
        `This adds one line to ${shown} (${describeEncoding(plan.doc, bytes)}; everything else stays byte for byte):`,
        '',
        ...insertionDiff(path, plan.afterText, plan.lineNo).split('\n'),
        '',
        `A backup ${displayLine(backupPath(path, now), 400)} is written first.`,
      ],
      question: `Type fix to add "${plan.line}" to ${shown} (anything else cancels):`,
      word: 'fix',
    };
  }
  const file = await inspectCache(path);
  if (!file) return { kind: 'nothing', lines: [`Nothing to do: there is no ${shown}; PowerShell builds a new cache when it starts.`] };
  return {
    kind: 'cache',
    file,
    lines: [`This deletes ${shown} (${file.size} bytes, last written ${file.mtime.toISOString()}).`, CLOSE_POWERSHELL],
    question: 'Type delete to delete it (anything else cancels):',
    word: 'delete',
  };
}

/** Whether a typed answer is the consent word (case and surrounding spaces aside), as the CLI asks it. */
export function consents(answer: string, word: string): boolean {
  return answer.trim().toLowerCase() === word.toLowerCase();
}

/** Carries out a previewed fix (after consent); the lines say what happened, as the CLI does. */
export async function applyFix(preview: Exclude<FixPreview, { kind: 'nothing' }>, now = new Date()): Promise<{ ok: boolean; lines: string[] }> {
  if (preview.kind === 'ini') {
    const shown = displayLine(preview.path, 400);
    const result = await applyIniStateFix(preview.path, preview.plan, now);
    if (!result.ok) return { ok: false, lines: [`Not fixed: ${result.reason}. The original file was put back (a copy is also in ${displayLine(result.backup, 400)}).`] };
    return {
      ok: true,
      lines: [
        `Fixed: added "${preview.plan.line}" at line ${preview.plan.lineNo} of ${shown}. Backup: ${displayLine(result.backup, 400)}`,
        `Re-checked: ini-state-missing passes (${result.check.message}). Now run Install-CcAppliance again in an elevated PowerShell.`,
      ],
    };
  }
  const result = await deleteCache(preview.file, { backup: false, now });
  const pass = result.check.outcome === 'pass';
  return {
    ok: pass,
    lines: [
      `Deleted ${displayLine(preview.file.path, 400)}.`,
      `Re-checked: module-analysis-cache-stale ${pass ? 'passes' : `reports ${result.check.outcome}`} (${result.check.message}). ${AFTER_DELETE}`,
    ],
  };
}
