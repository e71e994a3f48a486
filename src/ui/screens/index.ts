import type { FunctionComponent } from 'react';
import type { Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import type { ScreenName, WizardState } from '../state/wizard.js';
import { ChecklistPick, checklistPickKey } from './ChecklistPick.js';
import { Checklist, checklistKey, checklistTakesText } from './Checklist.js';
import { Detail, detailKey } from './Detail.js';
import { Explain, explainKey } from './Explain.js';
import { Findings, findingsKey } from './Findings.js';
import { Home, homeKey } from './Home.js';
import { OpenSnapshot, openKey } from './OpenSnapshot.js';
import { RuleInfo, ruleKey } from './RuleInfo.js';
import { Run, runKey } from './Run.js';
import { Save, saveKey } from './Save.js';
import { Symptoms, symptomsKey } from './Symptoms.js';
import { Procedures, proceduresKey } from './Procedures.js';
import { ProcedureBranch, procedureBranchKey } from './ProcedureBranch.js';
import { ProcedureNote, procedureNoteKey } from './ProcedureNote.js';
import { ProcedureResume, procedureResumeKey } from './ProcedureResume.js';
import { ProcedureSteps, procedureKey } from './ProcedureSteps.js';

export interface ScreenDef {
  Component: FunctionComponent;
  /** Handles a command; false lets the router apply the global meaning (back, quit, help). */
  onKey(cmd: Command, w: Wizard): boolean;
  /** Printable keys are text here (q, j, k type letters); a function when it depends on the screen's state. */
  textEntry: boolean | ((state: WizardState) => boolean);
  /** The text field keeps line breaks: a chunk of input holding one is a paste, not Enter. */
  multiline?: boolean;
}

export const SCREENS: Partial<Record<ScreenName, ScreenDef>> = {
  home: { Component: Home, onKey: homeKey, textEntry: false },
  open: { Component: OpenSnapshot, onKey: openKey, textEntry: true },
  symptoms: { Component: Symptoms, onKey: symptomsKey, textEntry: true },
  rule: { Component: RuleInfo, onKey: ruleKey, textEntry: false },
  run: { Component: Run, onKey: runKey, textEntry: false },
  findings: { Component: Findings, onKey: findingsKey, textEntry: false },
  detail: { Component: Detail, onKey: detailKey, textEntry: false },
  'checklist-pick': { Component: ChecklistPick, onKey: checklistPickKey, textEntry: true },
  checklist: { Component: Checklist, onKey: checklistKey, textEntry: checklistTakesText },
  save: { Component: Save, onKey: saveKey, textEntry: true },
  explain: { Component: Explain, onKey: explainKey, textEntry: true, multiline: true },
  procedures: { Component: Procedures, onKey: proceduresKey, textEntry: false },
  'procedure-resume': { Component: ProcedureResume, onKey: procedureResumeKey, textEntry: false },
  'procedure-branch': { Component: ProcedureBranch, onKey: procedureBranchKey, textEntry: false },
  procedure: { Component: ProcedureSteps, onKey: procedureKey, textEntry: false },
  'procedure-note': { Component: ProcedureNote, onKey: procedureNoteKey, textEntry: true },
};
