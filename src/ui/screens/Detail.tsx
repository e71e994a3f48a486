import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { stepLetter, stepPageNavigation } from './step-list-keys.js';
import { clamp } from '../layout.js';
import { detailLines } from './detail-lines.js';
import { openProcedure } from './procedure-open.js';
import { PROCEDURE_FOR_RULE } from '../../core/procedures/index.js';

function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const run = w.state.run?.result;
  if (screen.name !== 'detail' || !run) return undefined;
  const result = run.results.find((r) => r.rule === screen.ruleId);
  if (!result) return undefined;
  const layout = detailLines(result, w.state.done[result.rule] ?? [], screen.step, w.layout.width, w.theme, run.host.cceVersion, w.services.catalogue.rules);
  return { screen, result, layout, height: w.layout.body };
}

export function Detail() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  const { layout, screen, height } = m;
  const scroll = clamp(screen.scroll, 0, layout.lines.length - height);
  const visible = layout.lines.slice(scroll, scroll + height);
  const more = scroll + height < layout.lines.length;
  return (
    <Frame title={`finding ${m.result.rule}`} keys="detail">
      <Box flexDirection="column">
        {visible.map((l, i) => (
          <Box key={scroll + i} aria-state={l.step !== undefined && layout.stepStarts[l.step] === scroll + i ? { checked: (w.state.done[m.result.rule] ?? []).includes(m.result.remediation[l.step]?.id ?? '') } : undefined}>
            <Line color={l.color} bold={l.bold ?? false} dim={l.dim ?? false}>
              {i === visible.length - 1 && more ? `${l.text.slice(0, w.layout.width - 4)} ↓` : l.text || ' '}
            </Line>
          </Box>
        ))}
      </Box>
    </Frame>
  );
}

export function detailKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, result, layout, height } = m;
  const steps = result.status === 'fail' ? result.remediation : [];
  const layoutAt = (step: number) => detailLines(result, w.state.done[result.rule] ?? [], step, w.layout.width, w.theme, w.state.run?.result?.host.cceVersion, w.services.catalogue.rules);
  if (stepPageNavigation(cmd, w, { name: 'detail', count: steps.length, step: screen.step, scroll: screen.scroll, height, lineCount: layout.lines.length, layoutAt })) return true;
  const text = stepLetter(cmd);
  if (text === undefined) return false;
  const step = steps[screen.step];
  if (text === ' ' && step) {
    w.dispatch({ type: 'toggleStep', ruleId: result.rule, stepId: step.id });
    return true;
  }
  if (text === 'v') {
    w.actions.verify(result.rule);
    return true;
  }
  const procedure = PROCEDURE_FOR_RULE[result.rule];
  if (text === 'p' && procedure) {
    openProcedure(w, procedure);
    return true;
  }
  return false;
}
