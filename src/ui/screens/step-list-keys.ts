import { clamp } from '../layout.js';
import type { Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { scrollToStep, type DetailLayout } from './detail-lines.js';

export interface StepPage {
  /** The screen whose step and scroll the keys change. */
  name: 'detail' | 'procedure' | 'site-finding';
  /** How many steps the page lists (0: the keys scroll the page instead). */
  count: number;
  step: number;
  scroll: number;
  /** Rows of the page that fit on the screen. */
  height: number;
  /** Rows of the page as it is now. */
  lineCount: number;
  /** The page as laid out with `step` selected. */
  layoutAt(step: number): DetailLayout;
}

/**
 * The movement keys of a scrollable page that lists steps (a finding's remediation, a procedure):
 * ↑↓ move between steps, keeping the selected one in view; Home/End go to the first/last step and the
 * page's top/bottom; PgUp/PgDn scroll. Returns false for any other command.
 */
export function stepPageNavigation(cmd: Command, w: Wizard, page: StepPage): boolean {
  const patch = (p: { step?: number; scroll: number }) => w.dispatch({ type: 'patch', name: page.name, patch: p });
  const setScroll = (scroll: number) => patch({ scroll });
  const setStep = (step: number) => patch({ step, scroll: scrollToStep(page.layoutAt(step), step, page.scroll, page.height) });
  const maxScroll = Math.max(0, page.lineCount - page.height);
  switch (cmd.type) {
    case 'up':
    case 'down': {
      const delta = cmd.type === 'up' ? -1 : 1;
      if (page.count === 0) setScroll(clamp(page.scroll + delta, 0, maxScroll));
      else setStep(clamp(page.step + delta, 0, page.count - 1));
      return true;
    }
    case 'home':
      if (page.count) setStep(0);
      setScroll(0);
      return true;
    case 'end':
      if (page.count) setStep(page.count - 1);
      setScroll(maxScroll);
      return true;
    case 'pageUp':
    case 'pageDown':
      setScroll(clamp(page.scroll + (cmd.type === 'pageUp' ? -page.height : page.height), 0, maxScroll));
      return true;
    default:
      return false;
  }
}

/** The key that toggles the selected step (Space, x or Enter) or another letter, for the screens' own keys. */
export function stepLetter(cmd: Command): string | undefined {
  if (cmd.type === 'enter') return ' ';
  if (cmd.type === 'char') return cmd.text === 'x' ? ' ' : cmd.text;
  return undefined;
}
