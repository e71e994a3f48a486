import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { clean, wrap } from '../text.js';
import { remediationOffset } from './RuleInfo.js';

export function Explain() {
  const w = useWizard();
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'explain') return null;
  const matches = screen.matches;
  const rows: Row[] = (matches ?? []).map((m) => ({
    key: m.rule,
    text: `${m.rule}  ${clean(m.title)}${m.score < 1 ? ` (partial match ${Math.round(m.score * 100)}%)` : ''}`,
    selectable: true,
  }));
  const chosen = matches?.[screen.cursor];
  const excerpt = chosen ? wrap(`matched: ${chosen.matched}`, w.layout.width).slice(0, 3) : [];
  return (
    <Frame title="explain an error message" keys="explain">
      <Line>Paste the error text (framing and line wraps are fine), then press Enter.</Line>
      <TextField label="Text:" value={screen.input} caret={screen.caret} placeholder="paste here" />
      <Line> </Line>
      {matches === undefined ? null : matches.length === 0 ? (
        <Box flexDirection="column">
          <Line bold>No documented symptom matches this text.</Line>
          <Line dim>Only the documented error texts are recognised; try Browse symptoms to look by description.</Line>
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
    w.dispatch({ type: 'patch', name: 'explain', patch: { ...edited, matches: undefined, cursor: 0 } });
    return true;
  }
  const n = screen.matches?.length ?? 0;
  const moved = moveCursor(cmd.type, screen.cursor, n, 5);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'explain', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  if (screen.matches === undefined) {
    if (screen.input.trim()) w.dispatch({ type: 'patch', name: 'explain', patch: { matches: w.explain(screen.input), cursor: 0 } });
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
