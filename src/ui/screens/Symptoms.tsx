import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { filterRules, ruleRows } from './rule-rows.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

export function Symptoms(props: { screen: ScreenOf<'symptoms'> }) {
  const w = useWizard();
  const screen = props.screen;
  const rows = ruleRows(filterRules(screen.input, w.services.catalogue.rules));
  return (
    <Frame title="symptoms">
      <TextField label="Filter:" value={screen.input} caret={screen.caret} placeholder="type words from the symptom or error" />
      <Line> </Line>
      {rows.length ? <ListView rows={rows} selected={screen.cursor} height={w.layout.body - 2} /> : <Line dim>No rule matches.</Line>}
    </Frame>
  );
}

export function symptomsKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'symptoms') return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'symptoms', patch: { ...edited, cursor: 0 } });
    return true;
  }
  const items = ruleRows(filterRules(screen.input, w.services.catalogue.rules)).filter((r) => r.selectable);
  const moved = moveCursor(cmd.type, screen.cursor, items.length, w.layout.body - 3);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'symptoms', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type === 'enter') {
    const ruleId = items[screen.cursor]?.ruleId;
    if (ruleId) w.dispatch({ type: 'push', screen: { name: 'rule', ruleId, scroll: 0 } });
    return true;
  }
  return false;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const symptomsKeys: readonly KeyHelp[] = [{ keys: 'type', does: 'filter' }, { keys: '↑↓', does: 'move' }, { keys: 'PgUp/PgDn', does: 'page' }, { keys: 'Enter', does: 'details' }, { keys: 'Esc', does: 'back' }];
