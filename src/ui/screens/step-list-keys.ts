import { clamp } from '../layout.js';
import type { Command } from '../keymap.js';

export interface StepListNav {
  /** How many steps the page lists (0: the keys scroll the page instead). */
  count: number;
  step: number;
  scroll: number;
  maxScroll: number;
  /** Rows of the page that fit on the screen. */
  height: number;
  setStep(step: number): void;
  setScroll(scroll: number): void;
}

/**
 * The movement keys of a scrollable page that lists steps (a finding's remediation, a procedure):
 * ↑↓ move between steps, Home/End go to the first/last step and the page's top/bottom, PgUp/PgDn
 * scroll. Returns false for any other command.
 */
export function stepListNavigation(cmd: Command, nav: StepListNav): boolean {
  switch (cmd.type) {
    case 'up':
    case 'down': {
      const delta = cmd.type === 'up' ? -1 : 1;
      if (nav.count === 0) nav.setScroll(clamp(nav.scroll + delta, 0, nav.maxScroll));
      else nav.setStep(clamp(nav.step + delta, 0, nav.count - 1));
      return true;
    }
    case 'home':
      if (nav.count) nav.setStep(0);
      nav.setScroll(0);
      return true;
    case 'end':
      if (nav.count) nav.setStep(nav.count - 1);
      nav.setScroll(nav.maxScroll);
      return true;
    case 'pageUp':
    case 'pageDown':
      nav.setScroll(clamp(nav.scroll + (cmd.type === 'pageUp' ? -nav.height : nav.height), 0, nav.maxScroll));
      return true;
    default:
      return false;
  }
}
