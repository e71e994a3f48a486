import type { FactId, FactTypes } from '../../facts/index.js';
import type { Provenance, FactStatus } from '../facts/types.js';
import type { Version, VersionRange } from '../versions.js';

export type Severity = 'critical' | 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

export type Outcome = 'fail' | 'pass' | 'not-applicable' | 'unknown' | 'error';

export type Family = 'deployment' | 'host' | 'powershell' | 'certificates' | 'monitoring' | 'lync' | 'site';

/** The catalogue's headings for each family, in catalogue order. */
export const FAMILY_LABEL: Record<Family, string> = {
  deployment: 'Deployment and configuration',
  host: 'Host and operating system',
  powershell: 'PowerShell environment',
  certificates: 'Certificates and credentials',
  monitoring: 'Monitoring',
  lync: 'Lync Server maintenance',
  site: 'Sites and fleets (across appliances)',
};

/** One piece of evidence: a fact, the part of it that matters, and its value. */
export interface EvidenceItem {
  fact: FactId;
  /** What this is, for a person: "[Common] State line", ".NET Release". */
  label: string;
  value: string;
  /** Where inside the fact: "line 14", "Process scope". */
  at?: string;
  /** A site rule's evidence: the host (appliance) the fact is from. */
  host?: string;
}

/** Evidence as reported: with where the fact came from. */
export interface Evidence extends EvidenceItem {
  provenance: Provenance;
}

/** Runtime text an operator pastes or a log holds, that this rule explains. */
export interface Signature {
  /** The text as documented (English runtime string, placeholders in <angle brackets>). */
  text: string;
  /** Matches the text on normalised input (see explain); built from `text` when omitted. */
  pattern?: RegExp;
}

export type StepTarget = 'host' | 'vm:AD' | 'vm:CMS' | 'vm:Mediation' | 'vm:Edge' | 'tenant' | 'operator';

/** A remediation step: what to do, and optionally the exact command with named parameters. */
export interface RemediationStep {
  id: string;
  title: string;
  /** Why and how, in a sentence or two. */
  text: string;
  /** PowerShell with {name} placeholders; values are always quoted with psQuote when filled in. */
  command?: string;
  /** What each {name} in the command stands for. */
  params?: Record<string, string>;
  runsOn: StepTarget;
  destructive: boolean;
  /** The CCE versions this step is for (a branch of the procedure); all when omitted. */
  versions?: string;
}

export interface CheckContext<N extends FactId, O extends FactId> {
  facts: { [K in N]: FactTypes[K] } & { [K in O]?: FactTypes[K] };
  /** Installed CCE version, when known. */
  version: Version | undefined;
  now: Date;
  options: Readonly<Record<string, unknown>>;
}

export type CheckResult =
  | { outcome: 'fail' | 'pass'; message: string; evidence: EvidenceItem[]; params?: Record<string, string> }
  | { outcome: 'not-applicable'; message: string; evidence?: EvidenceItem[] }
  | { outcome: 'unknown'; message: string; facts: FactId[]; evidence?: EvidenceItem[] };

export interface Rule<N extends FactId = FactId, O extends FactId = FactId> {
  id: string;
  title: string;
  family: Family;
  /** Its place within the family in the catalogue (families come in FAMILY_LABEL's order). */
  order: number;
  severity: Severity;
  /** The catalogue's "applies" text. */
  applies: string;
  appliesRange: VersionRange;
  /** Facts without which the rule cannot decide (unknown when not ok). */
  needs: readonly N[];
  /** Facts it uses when present. */
  optional: readonly O[];
  signatures: readonly Signature[];
  /** What the operator sees: the symptom in a sentence. */
  symptom: string;
  check(ctx: CheckContext<N, O>): CheckResult;
  remediation: readonly RemediationStep[];
}

export interface Unavailable {
  fact: FactId;
  status: FactStatus;
  message: string;
  /** A site rule's: the host whose fact is missing. */
  host?: string;
}

export interface RuleResult {
  rule: string;
  title: string;
  severity: Severity;
  family: Family;
  status: Outcome;
  message: string;
  evidence: Evidence[];
  /** For unknown: the facts that could not be had, and why. */
  unavailable: Unavailable[];
  /** Steps for this host's version, commands filled in where the values are known. */
  remediation: RenderedStep[];
  /** When the CCE version is unknown and the rule ran anyway. */
  versionNote?: string;
  /**
   * A waiver (--waivers FILE) that matches this result: a waived finding stays visible as waived in every
   * format and does not count as failing; an expired one (expired: true) fails again and says so.
   */
  waiver?: { reason: string; expires: string; expired: boolean; scope: string };
  /** With --baseline FILE: 'known' when the baseline already had this finding, 'new' when not. */
  baseline?: 'new' | 'known';
}

export interface RenderedStep extends Omit<RemediationStep, 'command' | 'params'> {
  command?: string;
  /** Parameters the command needs that the facts did not give: the operator fills them. */
  unresolved?: string[];
}
