import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { clean, wrap } from '../text.js';
import { remediationOffset } from './RuleInfo.js';
import { closestSymptoms } from '../../core/explain/near.js';
import { NOT_A_MATCH } from '../../core/explain/report.js';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

export function Explain(props: { screen: ScreenOf<'explain'> }) {
  const w = useWizard();
  const screen = props.screen;
  const matches = screen.matches;
  const rows: Row[] = (matches ?? []).map((m) => ({
    key: m.rule,
    text: `${m.rule}  ${clean(m.title)}${m.score < 1 ? ` (partial match ${Math.round(m.score * 100)}%)` : ''}`,
    selectable: true,
  }));
  const near = screen.closest ?? [];
  const nearRows: Row[] = near.map((n) => ({ key: n.rule, text: `${n.rule}  (not a match, ${Math.round(n.overlap * 100)}% of its words) ${clean(n.title)}`, selectable: true }));
  const nearDoc = near[screen.cursor] ? wrap(`documented: ${near[screen.cursor]!.documented}`, w.layout.width).slice(0, 3) : [];
  const chosen = matches?.[screen.cursor];
  const excerpt = chosen ? wrap(`matched: ${chosen.matched}`, w.layout.width).slice(0, 3) : [];
  return (
    <Frame title="explain an error message">
      <Line>Paste the error text (framing and line wraps are fine), then press Enter.</Line>
      <TextField label="Text:" value={screen.input} caret={screen.caret} placeholder="paste here" />
      <Line> </Line>
      {matches === undefined ? null : matches.length === 0 ? (
        <Box flexDirection="column">
          <Line bold>No documented symptom matches this text.</Line>
          {near.length === 0 ? (
            <Line dim>Only the documented error texts are recognised; try Browse symptoms to look by description.</Line>
          ) : (
            <Box flexDirection="column">
              {wrap(`${NOT_A_MATCH} (Enter opens the rule):`, w.layout.width).map((l, i) => <Line key={`n${i}`} color={w.theme.severity.warning}>{l}</Line>)}
              <ListView rows={nearRows} selected={screen.cursor} height={Math.max(1, near.length)} />
              {nearDoc.map((l, i) => <Line key={`d${i}`} dim>{l}</Line>)}
            </Box>
          )}
        </Box>
      ) : (
        <Box flexDirection="column">
          <Line bold>{`Explained by ${matches.length === 1 ? 'this rule' : `these ${matches.length} rules`} (Enter opens its remediation):`}</Line>
          <ListView rows={rows} selected={screen.cursor} height={Math.max(1, w.layout.body - 5 - excerpt.length)} />
          {excerpt.map((l, i) => <Line key={i} dim>{l}</Line>)}
        </Box>
      )}
    </Frame>
  );
}

export function explainKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'explain' || !w.explain) return false;
  const edited = editField(screen, cmd, { multiline: true });
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'explain', patch: { ...edited, matches: undefined, closest: undefined, cursor: 0 } });
    return true;
  }
  const n = screen.matches?.length || screen.closest?.length || 0;
  const moved = moveCursor(cmd.type, screen.cursor, n, 5);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'explain', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  if (screen.matches === undefined) {
    if (!screen.input.trim()) return true;
    const matches = w.explain(screen.input);
    w.dispatch({ type: 'patch', name: 'explain', patch: { matches, closest: matches.length ? [] : closestSymptoms(screen.input, w.services.catalogue.rules), cursor: 0 } });
    return true;
  }
  const near = screen.matches.length === 0 ? screen.closest?.[screen.cursor] : undefined;
  if (near) {
    w.dispatch({ type: 'push', screen: { name: 'rule', ruleId: near.rule, scroll: 0 } });
    return true;
  }
  const m = screen.matches[screen.cursor];
  if (!m) return true;
  // With a run open where this rule failed, its finding has this host's commands; else the rule's own steps.
  const failed = w.state.run?.result?.results.some((r) => r.rule === m.rule && r.status === 'fail');
  if (failed) w.dispatch({ type: 'push', screen: { name: 'detail', ruleId: m.rule, step: 0, scroll: 0 } });
  else w.dispatch({ type: 'push', screen: { name: 'rule', ruleId: m.rule, scroll: remediationOffset(m.rule, w.layout.width, w.services.catalogue.rules) } });
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const explainKeys: readonly KeyHelp[] = [{ keys: 'paste', does: 'the error' }, { keys: 'Enter', does: 'explain, then open' }, { keys: '↑↓', does: 'move' }, { keys: 'Esc', does: 'back' }];
