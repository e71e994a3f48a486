import { Frame } from '../components/Frame.js';
import { StepList } from '../components/StepList.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { siteStepKey } from '../state/wizard.js';
import { wrap } from '../text.js';
import { detailLines, type DetailLayout } from './detail-lines.js';
import { stepLetter, stepPageNavigation } from './step-list-keys.js';

/**
 * A site finding laid out like a host's finding (detail-lines.ts), after a line naming its site and the
 * appliances it compared: its evidence names the host of each item.
 */
function model(w: Wizard) {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const fleet = w.state.fleet;
  if (screen.name !== 'site-finding' || !fleet?.result) return undefined;
  const result = fleet.result.run.siteResults[screen.index];
  if (!result) return undefined;
  const key = siteStepKey(result.site, result.rule);
  const done = fleet.done[key] ?? [];
  const layoutAt = (step: number): DetailLayout => {
    const inner = detailLines(result, done, step, w.layout.width, w.theme, undefined, w.services.catalogue.siteRules);
    const where = result.scope === 'fleet' ? 'Across all sites' : `Site ${result.site}`;
    const head = wrap(`${where}; appliances compared: ${result.hosts.length ? result.hosts.join(', ') : 'none'}`, w.layout.width).map((text) => ({ text, dim: true }));
    const [first, ...rest] = inner.lines;
    return { lines: [first!, ...head, ...rest], stepStarts: inner.stepStarts.map((s) => s + head.length) };
  };
  const steps = result.status === 'fail' ? result.remediation : [];
  return { screen, result, key, done, layout: layoutAt(screen.step), layoutAt, steps, height: w.layout.body };
}

export function SiteFinding() {
  const w = useWizard();
  const m = model(w);
  if (!m) return null;
  return (
    <Frame title={`site finding ${m.result.rule}`}>
      <StepList layout={m.layout} scroll={m.screen.scroll} height={m.height} isDone={(i) => m.done.includes(m.result.remediation[i]?.id ?? '')} />
    </Frame>
  );
}

export function siteFindingKey(cmd: Command, w: Wizard): boolean {
  const m = model(w);
  if (!m) return false;
  const { screen, layout, height, steps } = m;
  if (stepPageNavigation(cmd, w, { name: 'site-finding', count: steps.length, step: screen.step, scroll: screen.scroll, height, lineCount: layout.lines.length, layoutAt: m.layoutAt })) return true;
  const text = stepLetter(cmd);
  const step = steps[screen.step];
  if (text === ' ' && step) {
    w.dispatch({ type: 'toggleSiteStep', key: m.key, stepId: step.id });
    return true;
  }
  if (text === 'c' && step?.command) {
    w.actions.copyCommand(step.command, `step ${screen.step + 1}`);
    return true;
  }
  return false;
}

/** The keys of this screen; Space and c only where there are steps (and a command). */
export function siteFindingKeys(w: Wizard): readonly KeyHelp[] {
  const m = model(w);
  const keys: KeyHelp[] = [];
  if (m?.steps.length) keys.push({ keys: '↑↓', does: 'step' }, { keys: 'Space', does: 'done' }, { keys: 'x Enter', does: 'mark step done', helpOnly: true });
  else keys.push({ keys: '↑↓', does: 'scroll' });
  if (m?.steps[m.screen.step]?.command) keys.push({ keys: 'c', does: 'copy command' });
  keys.push({ keys: 'PgUp/PgDn Home/End', does: 'scroll', helpOnly: true }, BACK, BACKSPACE, HELP, QUIT);
  return keys;
}
