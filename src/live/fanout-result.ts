import { displayLine } from '../core/text/sanitize.js';
import { splitFrame } from './record.js';

/** How one host's collection ended (the manifest's `status`). */
export type HostStatus = 'ok' | 'unreachable' | 'failed' | 'timeout';

/** An error the fan-out script saw for a host: an error record or a job's failure reason. */
export interface HostError {
  message: string;
  type?: string;
  id?: string;
  category?: string;
}

/** One `#ccdoctor:host` line: the child job's end state ('Timeout' when ccdoctor's limit stopped it). */
export interface HostFrame {
  host: string;
  state: string;
  ms: number;
  outputs: number;
  errors: HostError[];
  /** The collector's JSON text, in base64. */
  snapshot?: string;
}

export type FanOutFrame =
  | { kind: 'fanout'; hosts: number; psVersion?: string }
  | { kind: 'host'; frame: HostFrame }
  | { kind: 'fatal'; error: HostError }
  | { kind: 'end' }
  | { kind: 'noise'; line: string };

export interface HostOutcome {
  host: string;
  status: HostStatus;
  durationMs: number;
  /** Why it is not ok, one line, host text made safe to show. */
  error?: string;
  /** The snapshot the host sent (status ok), as text. */
  snapshotText?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function hostError(v: unknown): HostError | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const message = str(o.message);
  if (message === undefined) return undefined;
  const e: HostError = { message };
  for (const k of ['type', 'id', 'category'] as const) {
    const s = str(o[k]);
    if (s) e[k] = s;
  }
  return e;
}

/** One line of the fan-out script's stdout. */
export function parseFanOutLine(line: string): FanOutFrame {
  const { text, kind, body: json } = splitFrame(line);
  if (kind === undefined) return { kind: 'noise', line: text };
  let body: Record<string, unknown> = {};
  try {
    const j: unknown = JSON.parse(json === '' ? '{}' : json);
    if (typeof j === 'object' && j !== null && !Array.isArray(j)) body = j as Record<string, unknown>;
  } catch {
    return { kind: 'noise', line: text };
  }
  if (kind === 'end') return { kind: 'end' };
  if (kind === 'fanout') return { kind: 'fanout', hosts: typeof body.hosts === 'number' ? body.hosts : 0, ...(str(body.psVersion) ? { psVersion: str(body.psVersion)! } : {}) };
  if (kind === 'fatal') return { kind: 'fatal', error: hostError(body) ?? { message: 'Invoke-Command failed' } };
  if (kind === 'host' && typeof body.host === 'string') {
    // ConvertTo-Json in 5.1 writes a one-element array as the element itself.
    const errors = (Array.isArray(body.errors) ? body.errors : body.errors === undefined ? [] : [body.errors]).map(hostError).filter((e): e is HostError => e !== undefined);
    return {
      kind: 'host',
      frame: {
        host: body.host,
        state: str(body.state) ?? '',
        ms: typeof body.ms === 'number' ? body.ms : 0,
        outputs: typeof body.outputs === 'number' ? body.outputs : 0,
        errors,
        ...(str(body.snapshot) ? { snapshot: str(body.snapshot)! } : {}),
      },
    };
  }
  return { kind: 'noise', line: text };
}

/**
 * A WinRM connection that could not be made or broke: the cmdlets raise PSRemotingTransportException
 * (ErrorCategory OpenError, FullyQualifiedErrorId `…,PSSessionStateBroken`).
 */
function isTransportError(e: HostError): boolean {
  return /PSRemotingTransportException$/.test(e.type ?? '') || /PSSessionStateBroken|PSSessionOpenFailed/.test(e.id ?? '');
}

/** What is said about a host's errors: each message once, one line. */
function errorText(errors: readonly HostError[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const e of errors) {
    const m = displayLine(e.message, 400);
    if (m === '' || seen.has(m)) continue;
    seen.add(m);
    parts.push(m);
  }
  return parts.join(' | ');
}

/** A host's outcome from its line: ok (a snapshot came), timeout, unreachable (remoting could not connect), or failed. */
export function hostOutcome(frame: HostFrame, hostTimeoutMs: number): HostOutcome {
  const base = { host: frame.host, durationMs: Math.max(0, Math.round(frame.ms)) };
  if (frame.state === 'Timeout') {
    return { ...base, status: 'timeout', error: `no answer within ${Math.round(hostTimeoutMs / 1000)} s: stopped (raise the limit with --timeout SECONDS)` };
  }
  if (frame.snapshot !== undefined) {
    return { ...base, status: 'ok', snapshotText: Buffer.from(frame.snapshot, 'base64').toString('utf8') };
  }
  const transport = frame.errors.filter(isTransportError);
  if (transport.length > 0) return { ...base, status: 'unreachable', error: errorText(transport) };
  const said = errorText(frame.errors);
  const why = said !== '' ? said : frame.outputs > 0 ? `the collector returned ${frame.outputs} output(s) but no snapshot` : 'the collector returned nothing';
  return { ...base, status: 'failed', error: frame.state === 'Stopped' ? `stopped: ${why}` : why };
}
