import { isLyncServerHost } from '../../core/run/host-role.js';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, MOVE, PAGE, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { exportName } from './Export.js';
import { SEVERITY_LABEL } from '../theme.js';
import { clean } from '../text.js';
import { countsBySeverity, findingRows } from './findings-rows.js';
import { SEVERITIES } from '../../core/rules/types.js';
import type { ScreenOf } from '../state/wizard.js';

const HEADER_ROWS = 3;

export function Findings(props: { screen: ScreenOf<'findings'> }) {
  const w = useWizard();
  const screen = props.screen;
  const run = w.state.run?.result;
  if (!run) return null;
  const counts = countsBySeverity(run.results);
  const sev = SEVERITIES.map((s) => `${counts[s]} ${SEVERITY_LABEL[s].toLowerCase()}`).join(', ');
  const source = run.source.kind === 'checklist' ? 'checklist (operator answers)' : `${run.source.kind} ${clean(run.source.ref)}`;
  return (
    <Frame title="findings">
      <Line bold>{`${clean(run.host.name)}  ${w.theme.glyph.sep}  ${run.host.cceVersion ? `CCE ${clean(run.host.cceVersion)}` : isLyncServerHost(run.store) ? 'Lync/Skype for Business Server' : 'CCE version unknown'}  ${w.theme.glyph.sep}  ${source}`}</Line>
      <Line>{`Failed: ${sev}`}</Line>
      {run.partial || run.warnings.length === 0
        ? <Line bold color={w.theme.danger}>{partialNote(run.partial, run.results.length, run.rules.length)}</Line>
        : <Line dim>{warningNote(run.warnings)}</Line>}
      <ListView rows={findingRows(run.results, w.theme, screen.showPassed)} selected={screen.cursor} height={w.layout.body - HEADER_ROWS} />
    </Frame>
  );
}

export function findingsKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const run = w.state.run?.result;
  if (screen.name !== 'findings' || !run) return false;
  const items = findingRows(run.results, w.theme, screen.showPassed).filter((r) => r.selectable);
  const moved = moveCursor(cmd.type, screen.cursor, items.length, Math.max(1, w.layout.body - HEADER_ROWS - 1));
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'findings', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type === 'enter') {
    const ruleId = items[screen.cursor]?.ruleId;
    if (ruleId) w.dispatch({ type: 'push', screen: { name: 'detail', ruleId, step: 0, scroll: 0 } });
    return true;
  }
  if (cmd.type === 'char' && cmd.text === 'a') {
    const showPassed = !screen.showPassed;
    const selected = items[screen.cursor]?.ruleId;
    // Keep the selection on the same rule (or the first row when it is hidden now).
    const next = findingRows(run.results, w.theme, showPassed).filter((r) => r.selectable).findIndex((r) => r.ruleId === selected);
    w.dispatch({ type: 'patch', name: 'findings', patch: { showPassed, cursor: Math.max(0, next) } });
    return true;
  }
  if (cmd.type === 'char' && cmd.text === 'e') {
    w.dispatch({ type: 'push', screen: { name: 'export', format: 'md', redact: false, input: exportName(run, 'md', new Date()) } });
    return true;
  }
  if (cmd.type === 'char' && cmd.text === 's' && run.source.kind === 'checklist') {
    w.dispatch({ type: 'push', screen: { name: 'save', input: defaultSaveName(new Date()) } });
    return true;
  }
  return false;
}

function partialNote(partial: boolean, evaluated: number, total: number): string {
  if (!partial) return ' ';
  if (evaluated < total) return `Cancelled: ${evaluated} of ${total} rules evaluated.`;
  return 'Cancelled while collecting facts: rules ran on what was collected, the rest is unknown.';
}

/** The run's notes (the same warnings check prints), on the line a cancelled run uses. */
function warningNote(warnings: readonly string[]): string {
  return `${warnings.length === 1 ? 'Note' : `${warnings.length} notes, first`}: ${clean(warnings[0]!)}`;
}

export function defaultSaveName(now: Date): string {
  return `ccdoctor-checklist-${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.json`;
}

/** The keys of this screen (s only on a checklist run). */
export function findingsKeys(w: Wizard): readonly KeyHelp[] {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const checklist = w.state.run?.result?.source.kind === 'checklist';
  return [
    MOVE, PAGE, { keys: 'Enter', does: 'open' },
    { keys: 'a', does: screen.name === 'findings' && screen.showPassed ? 'hide passed' : 'show passed' },
    { keys: 'e', does: 'export' },
    ...(checklist ? [{ keys: 's', does: 'save answers' }] : []),
    BACK, BACKSPACE, HELP, QUIT,
  ];
}
