import type { ChecklistSession } from '../../core/checklist/session.js';
import type { ExplainMatch } from '../../core/explain/match.js';
import type { NearSymptom } from '../../core/explain/near.js';
import type { Journal } from '../../core/procedures/journal.js';
import type { RuleResult } from '../../core/rules/types.js';
import type { RunStep, WizardRun } from '../engine/staged-run.js';
import type { LiveAvailability } from '../engine/live.js';
import type { FixableRule } from '../../core/fix/fixable.js';
import type { FixPreview } from '../../core/fix/preview.js';
import type { FleetProgress, WizardFleet } from '../engine/fleet-run.js';
import type { Command } from '../keymap.js';

export type Screen =
  | { name: 'home'; cursor: number }
  | { name: 'open'; cursor: number; input: string; caret?: number; error?: string; entries?: SnapshotChoice[] }
  | { name: 'symptoms'; cursor: number; input: string; caret?: number }
  | { name: 'rule'; ruleId: string; scroll: number }
  | { name: 'run' }
  /** Reading a folder of snapshots (many hosts): progress, Esc cancels. */
  | { name: 'fleet-run' }
  /** The sites of a many-host run: site findings, hosts with their counts, inputs that could not be read. */
  | { name: 'site'; cursor: number }
  /** One site finding (index into the run's siteResults): evidence by host, remediation. */
  | { name: 'site-finding'; index: number; step: number; scroll: number }
  | { name: 'findings'; cursor: number; showPassed?: boolean }
  | { name: 'detail'; ruleId: string; step: number; scroll: number }
  | { name: 'checklist-pick'; cursor: number; input: string; caret?: number }
  | { name: 'checklist'; cursor: number; input: string; caret?: number; error?: string }
  | { name: 'save'; input: string; caret?: number; error?: string }
  | { name: 'explain'; cursor: number; input: string; caret?: number; matches?: ExplainMatch[]; closest?: NearSymptom[] }
  | { name: 'procedures'; cursor: number }
  | { name: 'procedure-resume'; procedureId: string; cursor: number; journal: Journal }
  | { name: 'procedure-branch'; procedureId: string; cursor: number; answers: Record<string, string> }
  | { name: 'procedure'; procedureId: string; journal: Journal; step: number; scroll: number }
  | { name: 'procedure-note'; procedureId: string; stepId: string; input: string; caret?: number }
  /** Writes the run as a report (any format) or, with `rule`, that finding as a .ps1. */
  | { name: 'export'; rule?: string; format: ExportFormat; redact: boolean; input: string; caret?: number; error?: string }
  /** One of the two fixes ccdoctor may make: the file, then its dry run and the typed consent. */
  | { name: 'fix'; rule: FixableRule; stage: 'path' | 'confirm' | 'done'; input: string; caret?: number; path: string; preview?: FixPreview; lines?: string[]; error?: string };

export type ExportFormat = 'md' | 'html' | 'json' | 'junit' | 'ps1';

export type ScreenName = Screen['name'];

/** The state of one screen, by its name. */
export type ScreenOf<N extends ScreenName> = Extract<Screen, { name: N }>;

/** A change to the current screen's own fields, typed by the screen it is for. */
export type ScreenPatch = { [N in ScreenName]: { type: 'patch'; name: N; patch: Partial<Omit<ScreenOf<N>, 'name'>> } }[ScreenName];

export interface SnapshotChoice {
  label: string;
  path: string;
  group: 'bundled' | 'folder' | 'recent';
}

/** A many-host run (a folder or glob of snapshots) and the site view's own state. */
export interface FleetState {
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** The folder or glob as the operator named it. */
  shown: string;
  startedAt: number;
  progress: FleetProgress;
  result?: WizardFleet;
  cancelRequested?: boolean;
  /** Remediation steps of site findings marked done, by site and rule (see siteStepKey). */
  done: Record<string, string[]>;
}

export interface RunState {
  status: 'running' | 'done' | 'cancelled' | 'failed';
  steps: RunStep[];
  startedAt: number;
  result?: WizardRun;
  error?: string;
  /** Esc was pressed: the run stops at the next rule (or kills PowerShell) and keeps what it has. */
  cancelRequested?: boolean;
}

export interface WizardState {
  stack: Screen[];
  help: boolean;
  /** q was pressed once while a run is active: a second q quits. */
  quitArmed: boolean;
  run?: RunState;
  checklist?: ChecklistSession;
  /** Remediation steps marked done, by rule id. */
  done: Record<string, string[]>;
  /** A one-line note (saved to…, verified…). */
  toast?: string;
  /** Whether this machine can be checked live; undefined while PowerShell is being looked for. */
  live?: LiveAvailability;
  fleet?: FleetState;
  /** List keys typed while a folder was read: they act on the site view once it shows. */
  pendingKeys?: Command[];
}

export type Action =
  | { type: 'push'; screen: Screen }
  | { type: 'replace'; screen: Screen }
  | { type: 'back' }
  | { type: 'home' }
  | ScreenPatch
  | { type: 'toggleHelp' }
  | { type: 'armQuit'; armed: boolean }
  | { type: 'toast'; text: string | undefined }
  | { type: 'runStarted'; at: number }
  | { type: 'runStep'; step: RunStep }
  | { type: 'cancelRequested' }
  | { type: 'runFinished'; result: WizardRun }
  | { type: 'runFailed'; error: string }
  | { type: 'toggleStep'; ruleId: string; stepId: string }
  | { type: 'resultUpdated'; result: RuleResult }
  | { type: 'checklist'; session: ChecklistSession | undefined }
  | { type: 'live'; status: LiveAvailability }
  | { type: 'fleetStarted'; shown: string; total: number; at: number }
  | { type: 'fleetProgress'; progress: FleetProgress }
  | { type: 'fleetFinished'; result: WizardFleet }
  | { type: 'fleetFailed'; error: string }
  | { type: 'toggleSiteStep'; key: string; stepId: string }
  | { type: 'holdKey'; cmd: Command }
  /** The open screen's list, loaded: kept on that screen even when a run was started from it meanwhile. */
  | { type: 'openEntries'; entries: SnapshotChoice[] }
  | { type: 'takeKeys' };

export const initialState: WizardState = { stack: [{ name: 'home', cursor: 0 }], help: false, quitArmed: false, done: {} };

export function current(state: WizardState): Screen {
  return state.stack[state.stack.length - 1]!;
}

export function runActive(state: WizardState): boolean {
  return state.run?.status === 'running' || state.fleet?.status === 'running';
}

/** Where the done steps of a site finding are kept: its site and rule. */
export function siteStepKey(site: string, rule: string): string {
  return `${site}\u0000${rule}`;
}

export function wizardReducer(state: WizardState, action: Action): WizardState {
  const next = reduce(state, action);
  // Any other key after a first q disarms the quit question.
  return action.type !== 'armQuit' && next.quitArmed && next !== state ? { ...next, quitArmed: false } : next;
}

function reduce(state: WizardState, action: Action): WizardState {
  switch (action.type) {
    case 'push':
      return { ...state, stack: [...state.stack, action.screen], help: false, toast: undefined };
    case 'replace':
      return { ...state, stack: [...state.stack.slice(0, -1), action.screen], help: false };
    case 'back':
      if (state.help) return { ...state, help: false };
      return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1), toast: undefined } : state;
    case 'home':
      return { ...state, stack: [state.stack[0]!], help: false, toast: undefined };
    case 'patch':
      // A late patch (an async load finishing after the user moved on) must not land on another screen.
      if (current(state).name !== action.name) return state;
      // Same name, so the patch's fields are this screen's (TypeScript cannot relate the two unions).
      return { ...state, stack: [...state.stack.slice(0, -1), { ...current(state), ...action.patch } as Screen] };
    case 'toggleHelp':
      return { ...state, help: !state.help };
    case 'armQuit':
      return { ...state, quitArmed: action.armed };
    case 'toast':
      return { ...state, toast: action.text };
    case 'runStarted':
      return { ...state, run: { status: 'running', steps: [], startedAt: action.at } };
    case 'runStep': {
      if (!state.run) return state;
      const steps = state.run.steps.some((s) => s.id === action.step.id)
        ? state.run.steps.map((s) => (s.id === action.step.id ? action.step : s))
        : [...state.run.steps, action.step];
      return { ...state, run: { ...state.run, steps } };
    }
    case 'cancelRequested':
      if (state.fleet?.status === 'running') return { ...state, fleet: { ...state.fleet, cancelRequested: true }, pendingKeys: undefined };
      return state.run ? { ...state, run: { ...state.run, cancelRequested: true } } : state;
    case 'runFinished': {
      if (!state.run) return state;
      const run: RunState = { ...state.run, status: action.result.partial ? 'cancelled' : 'done', result: action.result };
      // The run screen gives way to the findings; Esc from there goes to where the run was started.
      const onRun = current(state).name === 'run';
      return { ...state, run, done: {}, stack: onRun ? [...state.stack.slice(0, -1), { name: 'findings', cursor: 0 }] : state.stack };
    }
    case 'runFailed': {
      if (!state.run) return state;
      const stack = current(state).name === 'run' ? state.stack.slice(0, -1) : state.stack;
      const top = stack[stack.length - 1]!;
      const withError = top.name === 'open' ? [...stack.slice(0, -1), { ...top, error: action.error }] : stack;
      return { ...state, run: { ...state.run, status: 'failed', error: action.error }, stack: withError, toast: top.name === 'open' ? undefined : action.error };
    }
    case 'toggleStep':
      return { ...state, done: toggled(state.done, action.ruleId, action.stepId) };
    case 'resultUpdated': {
      const result = state.run?.result;
      if (!state.run || !result) return state;
      const results = result.results.map((r) => (r.rule === action.result.rule ? action.result : r));
      return { ...state, run: { ...state.run, result: { ...result, results } } };
    }
    case 'checklist':
      return { ...state, checklist: action.session };
    case 'fleetStarted':
      return { ...state, pendingKeys: undefined, fleet: { status: 'running', shown: action.shown, startedAt: action.at, progress: { done: 0, total: action.total, last: '', failed: 0 }, done: {} } };
    case 'fleetProgress':
      return state.fleet ? { ...state, fleet: { ...state.fleet, progress: action.progress } } : state;
    case 'fleetFinished': {
      if (!state.fleet) return state;
      const fleet: FleetState = { ...state.fleet, status: action.result.run.partial ? 'cancelled' : 'done', result: action.result };
      // The progress gives way to the site view; Esc from there goes to where the folder was opened.
      const onRun = current(state).name === 'fleet-run';
      return { ...state, fleet, stack: onRun ? [...state.stack.slice(0, -1), { name: 'site', cursor: 0 }] : state.stack };
    }
    case 'fleetFailed': {
      if (!state.fleet) return state;
      const stack = current(state).name === 'fleet-run' ? state.stack.slice(0, -1) : state.stack;
      const top = stack[stack.length - 1]!;
      const withError = top.name === 'open' ? [...stack.slice(0, -1), { ...top, error: action.error }] : stack;
      return { ...state, fleet: { ...state.fleet, status: 'failed' }, stack: withError, pendingKeys: undefined, toast: top.name === 'open' ? undefined : action.error };
    }
    case 'toggleSiteStep':
      return state.fleet ? { ...state, fleet: { ...state.fleet, done: toggled(state.fleet.done, action.key, action.stepId) } } : state;
    case 'openEntries': {
      const at = state.stack.map((x) => x.name).lastIndexOf('open');
      if (at < 0) return state;
      return { ...state, stack: state.stack.map((x, i) => (i === at ? { ...x, entries: action.entries } : x)) };
    }
    case 'holdKey':
      return { ...state, pendingKeys: [...(state.pendingKeys ?? []), action.cmd] };
    case 'takeKeys':
      return { ...state, pendingKeys: undefined };
    case 'live': {
      // "Check this host" joins the top of the home menu. Once the user has moved or opened something,
      // the selection stays on the item it was on (an early Enter or arrow must not land elsewhere).
      const moved = state.stack.length > 1 || state.stack.some((s) => s.name === 'home' && s.cursor !== 0);
      const added = action.status.available && !state.live?.available && moved;
      const stack = added ? state.stack.map((s) => (s.name === 'home' ? { ...s, cursor: s.cursor + 1 } : s)) : state.stack;
      return { ...state, stack, live: action.status };
    }
  }
}

/** Marks a step done, or not done again. */
function toggled(done: Record<string, string[]>, key: string, stepId: string): Record<string, string[]> {
  const have = done[key] ?? [];
  return { ...done, [key]: have.includes(stepId) ? have.filter((s) => s !== stepId) : [...have, stepId] };
}
