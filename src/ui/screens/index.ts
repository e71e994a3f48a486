import type { FunctionComponent } from 'react';
import type { Wizard } from '../context.js';
import type { Command, KeyHelp } from '../keymap.js';
import type { ScreenName, ScreenOf, WizardState } from '../state/wizard.js';
import { ChecklistPick, checklistPickKey, checklistPickKeys } from './ChecklistPick.js';
import { Checklist, checklistKey, checklistKeys, checklistTakesText } from './Checklist.js';
import { Detail, detailKey, detailKeys } from './Detail.js';
import { Explain, explainKey, explainKeys } from './Explain.js';
import { Export, exportKey, exportKeys } from './Export.js';
import { Findings, findingsKey, findingsKeys } from './Findings.js';
import { Fix, fixKey, fixKeys } from './Fix.js';
import { Home, homeKey, homeKeys } from './Home.js';
import { OpenSnapshot, openKey, openKeys } from './OpenSnapshot.js';
import { RuleInfo, ruleKey, ruleKeys } from './RuleInfo.js';
import { Run, runKey, runKeys } from './Run.js';
import { Save, saveKey, saveKeys } from './Save.js';
import { Symptoms, symptomsKey, symptomsKeys } from './Symptoms.js';
import { Procedures, proceduresKey, proceduresKeys } from './Procedures.js';
import { ProcedureBranch, procedureBranchKey, procedureBranchKeys } from './ProcedureBranch.js';
import { ProcedureNote, procedureNoteKey, procedureNoteKeys } from './ProcedureNote.js';
import { ProcedureResume, procedureResumeKey, procedureResumeKeys } from './ProcedureResume.js';
import { ProcedureSteps, procedureKey, procedureKeys } from './ProcedureSteps.js';
import { FleetRun, fleetRunKey, fleetRunKeys } from './FleetRun.js';
import { Site, siteKey, siteKeys } from './Site.js';
import { SiteFinding, siteFindingKey, siteFindingKeys } from './SiteFinding.js';

export interface ScreenDef<N extends ScreenName = ScreenName> {
  Component: FunctionComponent<{ screen: ScreenOf<N> }>;
  /** Handles a command; false lets the router apply the global meaning (back, quit, help). */
  onKey(cmd: Command, w: Wizard): boolean;
  /**
   * The screen's keys, for the footer and `?`: each screen defines them next to its handler, and a
   * function when a key works only sometimes (p where a procedure is named, s on checklist runs).
   */
  keys: readonly KeyHelp[] | ((w: Wizard, screen: ScreenOf<N>) => readonly KeyHelp[]);
  /** Printable keys are text here (q, j, k type letters); a function when it depends on the screen's state. */
  textEntry: boolean | ((state: WizardState) => boolean);
  /** The text field keeps line breaks: a chunk of input holding one is a paste, not Enter. */
  multiline?: boolean;
}

/** Every screen: a screen without an entry here does not compile. */
export const SCREENS: { [N in ScreenName]: ScreenDef<N> } = {
  home: { Component: Home, onKey: homeKey, keys: homeKeys, textEntry: false },
  open: { Component: OpenSnapshot, onKey: openKey, keys: openKeys, textEntry: true },
  symptoms: { Component: Symptoms, onKey: symptomsKey, keys: symptomsKeys, textEntry: true },
  rule: { Component: RuleInfo, onKey: ruleKey, keys: ruleKeys, textEntry: false },
  run: { Component: Run, onKey: runKey, keys: runKeys, textEntry: false },
  'fleet-run': { Component: FleetRun, onKey: fleetRunKey, keys: fleetRunKeys, textEntry: false },
  site: { Component: Site, onKey: siteKey, keys: siteKeys, textEntry: false },
  'site-finding': { Component: SiteFinding, onKey: siteFindingKey, keys: siteFindingKeys, textEntry: false },
  findings: { Component: Findings, onKey: findingsKey, keys: findingsKeys, textEntry: false },
  detail: { Component: Detail, onKey: detailKey, keys: detailKeys, textEntry: false },
  'checklist-pick': { Component: ChecklistPick, onKey: checklistPickKey, keys: checklistPickKeys, textEntry: true },
  checklist: { Component: Checklist, onKey: checklistKey, keys: checklistKeys, textEntry: checklistTakesText },
  save: { Component: Save, onKey: saveKey, keys: saveKeys, textEntry: true },
  explain: { Component: Explain, onKey: explainKey, keys: explainKeys, textEntry: true, multiline: true },
  procedures: { Component: Procedures, onKey: proceduresKey, keys: proceduresKeys, textEntry: false },
  'procedure-resume': { Component: ProcedureResume, onKey: procedureResumeKey, keys: procedureResumeKeys, textEntry: false },
  'procedure-branch': { Component: ProcedureBranch, onKey: procedureBranchKey, keys: procedureBranchKeys, textEntry: false },
  procedure: { Component: ProcedureSteps, onKey: procedureKey, keys: procedureKeys, textEntry: false },
  'procedure-note': { Component: ProcedureNote, onKey: procedureNoteKey, keys: procedureNoteKeys, textEntry: true },
  export: { Component: Export, onKey: exportKey, keys: exportKeys, textEntry: true },
  fix: { Component: Fix, onKey: fixKey, keys: fixKeys, textEntry: true },
};

/**
 * The definition of a screen, for the screen's own state. The one cast of the table: TypeScript cannot
 * tie SCREENS[screen.name] to that screen's member of the union.
 */
export function screenDef(name: ScreenName): ScreenDef {
  return SCREENS[name] as ScreenDef;
}

/** The keys of the screen shown now. */
export function screenKeys(w: Wizard): readonly KeyHelp[] {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const def = screenDef(screen.name);
  return typeof def.keys === 'function' ? def.keys(w, screen) : def.keys;
}
