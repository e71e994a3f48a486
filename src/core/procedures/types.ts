import type { StepTarget } from '../rules/types.js';

/** Where a procedure step is carried out: the CCE host, one of its VMs, the tenant, a Lync server, or by hand. */
export type ProcedureTarget = StepTarget | 'lync-server' | 'gateway';

/** Which appliance of a site a step is for, when the site has several. */
export type ApplianceScope = 'first' | 'each' | 'others' | 'any';

export interface BranchChoice {
  value: string;
  label: string;
}

/** A question asked before the steps; its answer picks the branch. */
export interface BranchQuestion {
  id: string;
  text: string;
  /** One line on why it matters or where to find the answer. */
  hint?: string;
  choices: readonly BranchChoice[];
  /** Asked only when these answers were given (a follow-up question). */
  when?: Readonly<Record<string, readonly string[]>>;
  /** Filled in from a loaded run's cce.version when one is open. */
  fromVersion?: boolean;
  /** The value a question's answer gives the command placeholder of the same name. */
  param?: boolean;
}

export interface ProcedureStep {
  id: string;
  title: string;
  /** What to do, in the source document's words where it has them. */
  text: string;
  /** PowerShell with {name} placeholders, filled only through fillCommand (psQuote). */
  command?: string;
  runsOn: ProcedureTarget;
  appliances?: ApplianceScope;
  destructive: boolean;
  /** The step is part of the procedure only when every listed question has one of these answers. */
  when?: Readonly<Record<string, readonly string[]>>;
}

export interface Procedure {
  id: string;
  title: string;
  /** One line for the list. */
  summary: string;
  /** Where the steps come from. */
  source: string;
  questions: readonly BranchQuestion[];
  steps: readonly ProcedureStep[];
}

export type BranchAnswers = Readonly<Record<string, string>>;

/** A step as shown for one set of answers: its command filled in. */
export interface ResolvedStep extends Omit<ProcedureStep, 'when' | 'command'> {
  command?: string;
  /** Placeholders the answers did not fill (shown as <name>). */
  unresolved: string[];
}
