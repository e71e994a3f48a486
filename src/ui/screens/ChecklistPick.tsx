import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { startChecklist } from '../../core/checklist/session.js';
import type { Catalogue } from '../../core/rules/catalogue.js';
import { filterRules, ruleRows, type RuleRow } from './rule-rows.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

function rows(filter: string, catalogue: Catalogue): RuleRow[] {
  const all: RuleRow = { key: 'all', text: `All symptoms (${catalogue.rules.length} rules)`, selectable: true, bold: true };
  return [...(filter ? [] : [all]), ...ruleRows(filterRules(filter, catalogue.rules))];
}

export function ChecklistPick(props: { screen: ScreenOf<'checklist-pick'> }) {
  const w = useWizard();
  const screen = props.screen;
  const list: Row[] = rows(screen.input, w.services.catalogue);
  return (
    <Frame title="offline checklist">
      <Line>Which symptom? The checklist asks only what the chosen rules need.</Line>
      <TextField label="Filter:" value={screen.input} caret={screen.caret} placeholder="type to filter" />
      <ListView rows={list} selected={screen.cursor} height={w.layout.body - 2} />
    </Frame>
  );
}

export function checklistPickKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'checklist-pick') return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'checklist-pick', patch: { ...edited, cursor: 0 } });
    return true;
  }
  const { catalogue } = w.services;
  const items = rows(screen.input, catalogue).filter((r) => r.selectable);
  const moved = moveCursor(cmd.type, screen.cursor, items.length, w.layout.body - 3);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'checklist-pick', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const item = items[screen.cursor];
  if (!item) return true;
  const rules = item.key === 'all' ? catalogue.rules : catalogue.rules.filter((r) => r.id === item.ruleId);
  w.dispatch({ type: 'checklist', session: startChecklist(rules, catalogue.facts) });
  w.dispatch({ type: 'push', screen: { name: 'checklist', cursor: 0, input: '' } });
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const checklistPickKeys: readonly KeyHelp[] = [{ keys: 'type', does: 'filter' }, { keys: '↑↓', does: 'move' }, { keys: 'Enter', does: 'start' }, { keys: 'Esc', does: 'back' }];
