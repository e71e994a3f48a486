import { resolve } from 'node:path';
import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command, KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';
import { wrap } from '../text.js';
import { errorMessage } from '../error-message.js';
import type { FixableRule } from '../../core/fix/fixable.js';
import { applyFix, consents, previewFix } from '../../core/fix/preview.js';
import type { CheckRun } from '../../core/run/check-run.js';

const WHAT: Record<FixableRule, string> = {
  'ini-state-missing': 'ccdoctor can add the missing "State=" line under [Common] in CloudConnector.ini: a backup is written first, every other byte stays, and the file is checked again afterwards (as ccdoctor fix ini-state-missing does).',
  'module-analysis-cache-stale': 'ccdoctor can delete the ModuleAnalysisCache file (PowerShell rebuilds it), only if it has not changed since it is shown to you (as ccdoctor fix module-analysis-cache-stale does).',
};

/** The file the run's facts name for a fix (the ini the check read, the cache file), if any. */
export function defaultFixPath(rule: FixableRule, run: Pick<CheckRun, 'store'>): string | undefined {
  const fact = run.store.get(rule === 'ini-state-missing' ? 'cce.ini' : 'ps.moduleAnalysisCache');
  const value = fact.status === 'ok' ? (fact.value as { path?: unknown }) : undefined;
  return typeof value?.path === 'string' ? value.path : undefined;
}

export function Fix(props: { screen: ScreenOf<'fix'> }) {
  const w = useWizard();
  const s = props.screen;
  const width = w.layout.width;
  const para = (t: string) => wrap(t, width);
  const error = s.error ? para(s.error) : [];
  let body: string[];
  if (s.stage === 'path') body = [...para(WHAT[s.rule]), '', ...para('The file (as this run saw it; change it to the file on this machine). Enter shows the change first, nothing is written yet:')];
  else if (s.stage === 'confirm') body = [...(s.preview?.lines ?? []).flatMap((l) => (l ? para(l) : [''])), ''];
  else body = (s.lines ?? []).flatMap(para);
  const question = s.stage === 'confirm' && s.preview && s.preview.kind !== 'nothing' ? para(s.preview.question) : [];
  // The diff may be longer than the screen: its end (the change) and the question stay in view.
  const room = Math.max(1, w.layout.body - question.length - error.length - (s.stage === 'done' ? 0 : 1));
  const shown = body.length > room ? body.slice(body.length - room) : body;
  return (
    <Frame title={`fix ${s.rule}`}>
      {shown.map((l, i) => <Line key={`b${i}`} color={l.startsWith('+') ? w.theme.ok : undefined}>{l || ' '}</Line>)}
      {question.map((l, i) => <Line key={`q${i}`} bold>{l}</Line>)}
      {s.stage === 'done' ? null : <TextField label={s.stage === 'path' ? 'File:' : 'Type:'} value={s.input} caret={s.caret} />}
      <Box flexDirection="column">{error.map((l, i) => <Line key={`e${i}`} color={w.theme.danger} bold>{l}</Line>)}</Box>
    </Frame>
  );
}

const message = (e: unknown) => errorMessage(e);

export function fixKey(cmd: Command, w: Wizard): boolean {
  const s = w.state.stack[w.state.stack.length - 1]!;
  if (s.name !== 'fix') return false;
  if (s.stage === 'done') {
    if (cmd.type !== 'enter') return false;
    w.dispatch({ type: 'back' });
    return true;
  }
  const edited = editField(s, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'fix', patch: { ...edited, error: undefined } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  if (s.stage === 'path') {
    if (!s.input.trim()) {
      w.dispatch({ type: 'patch', name: 'fix', patch: { error: 'Type the path of the file.' } });
      return true;
    }
    const path = resolve(w.services.cwd, s.input.trim());
    previewFix(s.rule, path).then(
      (preview) => w.dispatch({ type: 'patch', name: 'fix', patch: preview.kind === 'nothing' ? { stage: 'done', lines: preview.lines, path } : { stage: 'confirm', preview, path, input: '', caret: undefined } }),
      (e: unknown) => w.dispatch({ type: 'patch', name: 'fix', patch: { error: message(e) } }),
    );
    return true;
  }
  const preview = s.preview;
  if (!preview || preview.kind === 'nothing') return true;
  if (!consents(s.input, preview.word)) {
    w.dispatch({ type: 'patch', name: 'fix', patch: { stage: 'done', lines: [`Cancelled: nothing was ${preview.kind === 'cache' ? 'deleted' : 'changed'}.`] } });
    return true;
  }
  const rule = w.services.catalogue.rules.find((r) => r.id === s.rule);
  if (!rule) return true;
  applyFix(preview, rule).then(
    (r) => w.dispatch({ type: 'patch', name: 'fix', patch: { stage: 'done', lines: r.lines } }),
    (e: unknown) => w.dispatch({ type: 'patch', name: 'fix', patch: { stage: 'done', lines: [`Not fixed: ${message(e)}`] } }),
  );
  return true;
}

/** The keys of this screen, by stage. */
export function fixKeys(w: Wizard): readonly KeyHelp[] {
  const s = w.state.stack[w.state.stack.length - 1]!;
  const stage = s.name === 'fix' ? s.stage : 'done';
  if (stage === 'path') return [{ keys: 'type', does: 'the path' }, { keys: 'Enter', does: 'show the change' }, { keys: 'Esc', does: 'back' }];
  if (stage === 'confirm') return [{ keys: 'type', does: 'the word' }, { keys: 'Enter', does: 'go ahead' }, { keys: 'Esc', does: 'cancel' }];
  return [{ keys: 'Enter Esc', does: 'back' }];
}
