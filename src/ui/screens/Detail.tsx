import { Frame } from '../components/Frame.js';
import { StepList } from '../components/StepList.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { stepLetter, stepPageNavigation } from './step-list-keys.js';
import { useStepInView } from '../hooks/useStepInView.js';
import { detailLines } from './detail-lines.js';
import { openProcedure } from './procedure-open.js';
import { procedureFor } from '../../core/procedures/index.js';
import { isFixable } from '../../core/fix/fixable.js';
import { defaultFixPath } from './Fix.js';
import { exportName } from './Export.js';

function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const run = w.state.run?.result;
  if (screen.name !== 'detail' || !run) return undefined;
  const result = run.results.find((r) => r.rule === screen.ruleId);
  if (!result) return undefined;
  const layout = detailLines(result, w.state.done[result.rule] ?? [], screen.step, w.layout.width, w.theme, run.host.cceVersion, w.services.catalogue.rules);
  const steps = result.status === 'fail' ? result.remediation : [];
  // A passed or unknown rule's page names the documented fix; its procedure is the rule's own.
  const procedure = procedureFor(result.rule, steps.length ? steps : w.services.catalogue.rules.find((r) => r.id === result.rule)?.remediation ?? [], steps.length ? screen.step : undefined);
  return { screen, run, result, layout, steps, procedure, height: w.layout.body };
}

export function Detail() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  const done = w.state.done[m.result.rule] ?? [];
  return <DetailPage w={w} m={m} done={done} />;
}

function DetailPage({ w, m, done }: { w: Wizard; m: NonNullable<ReturnType<typeof model>>; done: readonly string[] }) {
  useStepInView(w, 'detail', m.layout, m.steps.length ? m.screen.step : -1, m.screen.scroll, m.height);
  return (
    <Frame title={`finding ${m.result.rule}`}>
      <StepList layout={m.layout} scroll={m.screen.scroll} height={m.height} isDone={(i) => done.includes(m.result.remediation[i]?.id ?? '')} />
    </Frame>
  );
}

export function detailKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, result, layout, height, steps } = m;
  const layoutAt = (step: number) => detailLines(result, w.state.done[result.rule] ?? [], step, w.layout.width, w.theme, m.run.host.cceVersion, w.services.catalogue.rules);
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
  if (text === 'c' && step?.command) {
    w.actions.copyCommand(step.command, `step ${screen.step + 1}`);
    return true;
  }
  if (text === 'p' && m.procedure) {
    openProcedure(w, m.procedure);
    return true;
  }
  if (text === 'w' && steps.length) {
    w.dispatch({ type: 'push', screen: { name: 'export', rule: result.rule, format: 'ps1', redact: false, input: exportName(m.run, 'ps1', new Date(), result.rule) } });
    return true;
  }
  if (text === 'f' && result.status === 'fail' && isFixable(result.rule)) {
    const path = defaultFixPath(result.rule, m.run) ?? '';
    w.dispatch({ type: 'push', screen: { name: 'fix', rule: result.rule, stage: 'path', input: path, path } });
    return true;
  }
  return false;
}

/** The keys of this screen; c, w, p and f only where they do something. */
export function detailKeys(w: Wizard): readonly KeyHelp[] {
  const m = model(w);
  const step = m?.steps[m.screen.step];
  const keys: KeyHelp[] = [{ keys: '↑↓', does: 'step' }, { keys: 'Space', does: 'done' }, { keys: 'x Enter', does: 'mark step done', helpOnly: true }, { keys: 'v', does: 'verify' }];
  if (step?.command) keys.push({ keys: 'c', does: 'copy command' });
  if (m?.steps.length) keys.push({ keys: 'w', does: 'save .ps1' });
  if (m?.result.status === 'fail' && isFixable(m.result.rule)) keys.push({ keys: 'f', does: 'fix it' });
  if (m?.procedure) keys.push({ keys: 'p', does: 'procedure' });
  keys.push({ keys: 'PgUp/PgDn Home/End', does: 'scroll', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT);
  return keys;
}
