import type { Schema } from '../schema.js';
import { custom } from '../schema.js';

/** How a fact's value came to be, or why there is none. */
export type FactStatus = 'ok' | 'missing' | 'error' | 'timeout' | 'denied';
export type FactSource = 'command' | 'snapshot' | 'operator' | 'derived';

export interface Provenance {
  source: FactSource;
  /** The PowerShell probe, the snapshot file and JSON path, the question, or the facts derived from. */
  ref: string;
  /** ISO time the value was collected or answered. */
  collectedAt?: string;
  durationMs?: number;
  /** For a snapshot value: how the host collected it (the probe or the question). */
  origin?: { source: FactSource; ref: string };
  /** For a derived value: the facts it was computed from, in order (`ref` is the same list, for display). */
  derivedFrom?: readonly string[];
}

export interface FactValue<T = unknown> {
  id: string;
  status: FactStatus;
  value?: T;
  /** Why it is not ok, or a note on an ok value. */
  message?: string;
  /** Raw output kept when it could not be understood. */
  raw?: string;
  provenance: Provenance;
}

/** How the fact is collected on a live host: one PowerShell probe whose result is converted to JSON. */
export interface LiveProbe<T> {
  /**
   * Windows PowerShell 5.1 script body that outputs exactly one object (or $null). The runner converts
   * it with ConvertTo-Json -Depth 8 -Compress; dates are emitted by the probe as ISO strings ('o').
   * Read-only (test/live lints it). Runs in its own runspace with $ErrorActionPreference = 'Stop': an
   * error it does not handle makes the fact `error` with that message. A probe that uses `$cred` gets the
   * VM administrator PSCredential (for PowerShell Direct) from the runner, or is `missing` without one.
   */
  script: string;
  /** Turns the probe's JSON into the fact's value; defaults to validating against the schema. */
  parse?: (json: unknown) => T;
  requiresAdmin?: boolean;
  timeoutMs?: number;
  /**
   * Read before any other probe or command lookup (the module analysis cache, which importing a module
   * rewrites); runs in the script's own runspace. Only for probes that need no Administrator.
   */
  runFirst?: boolean;
  /**
   * 'cloudconnector': calls the CloudConnector module's cmdlets. These probes share one runspace and run one
   * after another (the module is imported once, not in a dozen runspaces at once). Default: detected from
   * the script (a `*-Cc*` cmdlet).
   */
  group?: 'cloudconnector' | '';
  /**
   * Why the probe reads a secret's content (e.g. a PFX password to open the file); the secret must never
   * be in its output. Without it the probe lint rejects any secret read.
   */
  readsSecret?: string;
}

export interface ChecklistChoice {
  value: string;
  label: string;
}

/** How an operator without host access supplies the fact. */
export interface ChecklistQuestion<T, A = string> {
  question: string;
  /** How to find the answer (a command to run on the host, where to look). */
  help?: string;
  /** Fixed answers to pick from; without them the answer is free text. */
  choices?: ChecklistChoice[];
  answer: Schema<A, any>;
  toValue: (answer: A) => T;
}

export interface DerivedFrom<T> {
  from: readonly string[];
  /**
   * A typed reading of its one `from` fact (parsed certificates, log lines, the topology): when it cannot
   * be had, rules that need it report that fact (its own status and message, or why it could not be read),
   * as if they had needed it directly. Set by interpretFact.
   */
  interprets?: boolean;
  /** Inputs used when ok; passed as undefined otherwise. */
  optional?: readonly string[];
  /** Pure function of the listed facts (all ok); throw an Error with a plain message to mark the fact 'error'. */
  compute: (values: Record<string, unknown>) => T | FactUnavailable;
}

/** Returned by a derivation when the inputs are ok but do not yield the fact (e.g. the file does not exist). */
export interface FactUnavailable {
  unavailable: true;
  status: Exclude<FactStatus, 'ok'>;
  message: string;
}

export function unavailable(status: Exclude<FactStatus, 'ok'>, message: string): FactUnavailable {
  return { unavailable: true, status, message };
}

export function isUnavailable(x: unknown): x is FactUnavailable {
  return typeof x === 'object' && x !== null && (x as FactUnavailable).unavailable === true;
}

/** The healthy appliance a generated base snapshot describes (snapshots/healthy-*.json, the demo, an HA peer). */
export interface BaseHost {
  /** The host's computer name (CCE-SYD-01). */
  name: string;
  /** The CCE version it runs (2.1.0.372, 1.4.2.55). */
  version: string;
}

/**
 * A fact's value on a healthy host, as a snapshot stores it (the schema's input: JSON), or per base host
 * when it differs by CCE version or host name.
 */
export type HealthyValue<J> = J | ((host: BaseHost) => J);

export interface FactSpec<T = unknown, Id extends string = string, J = any> {
  id: Id;
  title: string;
  /** Validates the value as stored in a snapshot (and as parsed from live JSON), producing the value rules see. */
  schema: Schema<T, J>;
  /** The value as stored in a snapshot (inverse of schema for values that are transformed, such as file bytes). */
  toJson?: (value: T) => unknown;
  live?: LiveProbe<T>;
  checklist?: ChecklistQuestion<T, any>;
  derive?: DerivedFrom<T>;
  /**
   * A collected fact that no probe on the host can read, and where it comes from instead. 'tenant': the
   * Office 365 tenant's configuration, given as the JSON of its cmdlets (ccdoctor check --tenant FILE)
   * or answered in the checklist; a live run records it as missing and says so. Excludes `live`.
   */
  external?: ExternalSource;
  /** Never written to reports or shown (credential contents, secrets). */
  sensitive?: boolean;
  /**
   * What a healthy host answers: every generated base snapshot gets it (test/fixtures/hosts.ts; rewrite
   * them with npm run update-snapshots). Typed by the schema's input, and checked against the schema by
   * test/facts/healthy-values.test.ts. Facts without it take their healthy value from test/fixtures/.
   */
  healthy?: HealthyValue<NoInfer<J>>;
}

export type ExternalSource = 'tenant';

export function defineFact<T, const Id extends string, J = any>(spec: FactSpec<T, Id, J>): FactSpec<T, Id, J> {
  if (spec.derive && spec.healthy !== undefined) throw new Error(`fact ${spec.id}: a derived fact is computed from its inputs: give them healthy values, not it`);
  if (spec.external && (spec.live || spec.derive)) throw new Error(`fact ${spec.id}: an external fact has no live probe and is not derived`);
  if (!spec.derive && !spec.live && !spec.external) throw new Error(`fact ${spec.id}: a collected fact needs a live probe, or an external source`);
  if (!spec.derive && !spec.checklist) throw new Error(`fact ${spec.id}: a collected fact needs a checklist question`);
  return spec;
}

/**
 * A derived fact that interprets one other fact (parses it once for every rule): `compute` gets that fact's
 * typed value. Throw an Error with a plain message (or return unavailable) when the value cannot be read;
 * rules that need the interpretation are then unknown, naming the source fact and why. With `namesItself`
 * they name this fact instead (`cce.ini is missing (needs file.cloudConnectorIni: …)`), as a fact of its own.
 */
export function interpretFact<S, T, const Id extends string>(
  source: FactSpec<S, string>,
  def: { id: Id; title: string; compute: (value: S) => T | FactUnavailable; namesItself?: boolean },
): FactSpec<T, Id> {
  return defineFact<T, Id>({
    id: def.id,
    title: def.title,
    schema: custom<T>(),
    derive: { from: [source.id], ...(def.namesItself ? {} : { interprets: true }), compute: (values) => def.compute(values[source.id] as S) },
  });
}
