import { createContext, useContext, type Dispatch } from 'react';
import type { Layout } from './layout.js';
import type { Services } from './engine/services.js';
import type { RunSource } from './engine/staged-run.js';
import type { Theme } from './theme.js';
import type { Action, WizardState } from './state/wizard.js';
import type { ExplainMatch } from '../core/explain/match.js';
import type { KeyHelp } from './keymap.js';
import type { SnapshotInput } from '../core/fleet/inputs.js';

export interface Actions {
  startRun(source: RunSource): void;
  /** Reads a folder's (or glob's) snapshots as many hosts; `path` is remembered in the recent list. */
  startFleet(inputs: readonly SnapshotInput[], shown: string, path: string): void;
  /** Cancels the run or the folder being read, keeping what it has. */
  cancelRun(): void;
  quit(): void;
  /** Re-evaluates one rule against the run's facts and reports the outcome. */
  verify(ruleId: string): void;
  saveChecklist(path: string): void;
  /** Copies a step's command (OSC 52, or a file) and says which in the status line. */
  copyCommand(command: string, what: string): void;
}

export interface Wizard {
  state: WizardState;
  dispatch: Dispatch<Action>;
  services: Services;
  theme: Theme;
  layout: Layout;
  actions: Actions;
  explain: ExplainFn | undefined;
  /** The keys that work on the screen shown now (footer and `?` list these). */
  keys: readonly KeyHelp[];
  /** The frame's status and key-hint rows, already fitted to the width. */
  chrome: { status: string[]; hints: string[] };
}

/** explainText from src/core/explain/match.ts: which documented symptoms a pasted error shows. */
export type ExplainFn = (text: string) => ExplainMatch[];

export const WizardContext = createContext<Wizard | undefined>(undefined);

export function useWizard(): Wizard {
  const w = useContext(WizardContext);
  if (!w) throw new Error('useWizard outside <App>');
  return w;
}

/** What the frame and the lists draw with: all the home screen's first frame has (src/ui/FirstFrame.tsx). */
export type WizardLook = Pick<Wizard, 'state' | 'theme' | 'layout' | 'chrome'>;

export const LookContext = createContext<WizardLook | undefined>(undefined);

/** The look of the wizard: <App>'s, or the first frame's before the rest of the wizard is loaded. */
export function useLook(): WizardLook {
  const look = useContext(LookContext);
  const w = useContext(WizardContext);
  if (w) return w;
  if (!look) throw new Error('useLook outside <App> and <FirstFrame>');
  return look;
}
