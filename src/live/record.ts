import * as z from '../core/schema.js';
import type { SchemaIssue } from '../core/schema.js';
import type { FactSpec, FactValue, Provenance } from '../core/facts/types.js';
import { factStatus } from '../core/snapshot/schema.js';
import { FRAME } from './ps-script.js';

/** Raw text kept with an error is capped: enough to see what went wrong, not a whole log. */
export const RAW_LIMIT = 4000;

export function capRaw(text: string): string {
  return text.length <= RAW_LIMIT ? text : `${text.slice(0, RAW_LIMIT)}… (${text.length - RAW_LIMIT} more characters)`;
}

export type Frame =
  | { kind: 'start'; info: StartInfo }
  | { kind: 'fact'; id: string; entry: unknown; line: string; bad?: string }
  | { kind: 'end'; durationMs?: number }
  /** PowerShell cannot run the script (restricted language mode, a version before 5.1). */
  | { kind: 'refused'; info: { reason?: string; languageMode?: string; psVersion?: string } }
  /** A line that is not ours (a probe's Write-Host, a PowerShell warning), or a broken frame of ours. */
  | { kind: 'noise'; line: string };

export const startInfo = z.object({
  admin: z.boolean(),
  psVersion: z.optional(z.string()),
  edition: z.optional(z.string()),
  credential: z.optional(z.enum(['not-needed', 'none', 'stored', 'given'])),
  is64BitProcess: z.optional(z.boolean()),
  languageMode: z.optional(z.string()),
});
export type StartInfo = z.infer<typeof startInfo>;

const entrySchema = z.object({
  id: z.optional(z.string()),
  status: factStatus,
  value: z.optional(z.unknown()),
  message: z.optional(z.string()),
  raw: z.optional(z.string()),
  collectedAt: z.optional(z.string()),
  durationMs: z.optional(z.number().check(z.nonnegative())),
});

/** A line of ccdoctor's PowerShell without BOM and CR, and, when it is a frame (`#ccdoctor:<kind> <body>`), its kind and body. */
export function splitFrame(line: string): { text: string; kind?: string; body: string } {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (!text.startsWith(FRAME)) return { text, body: '' };
  const rest = text.slice(FRAME.length);
  const space = rest.indexOf(' ');
  return { text, kind: space < 0 ? rest : rest.slice(0, space), body: space < 0 ? '' : rest.slice(space + 1) };
}

/** One line of the runner's stdout: `#ccdoctor:fact <id> {"id":…,"status":…,"value":…,"durationMs":…,"message":…}`. */
export function parseFrame(line: string): Frame {
  const { text, kind, body } = splitFrame(line);
  if (kind === undefined) return { kind: 'noise', line: text };
  if (kind === 'fact') {
    const sp = body.indexOf(' ');
    const id = sp < 0 ? body : body.slice(0, sp);
    const json = sp < 0 ? '' : body.slice(sp + 1);
    try {
      return { kind: 'fact', id, entry: JSON.parse(json), line: text };
    } catch (e) {
      return { kind: 'fact', id, entry: undefined, line: text, bad: `not JSON (${(e as Error).message})` };
    }
  }
  if (kind === 'start') {
    try {
      const info = z.safeParse(startInfo, JSON.parse(body));
      if (info.success) return { kind: 'start', info: info.data };
    } catch {
      // falls through: a broken start frame is noise, and the run then times out on start-up
    }
    return { kind: 'noise', line: text };
  }
  if (kind === 'refused') {
    try {
      const j = JSON.parse(body) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const info = { reason: str(j.reason), languageMode: str(j.languageMode), psVersion: str(j.psVersion) };
      return { kind: 'refused', info: Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) };
    } catch {
      return { kind: 'refused', info: {} };
    }
  }
  if (kind === 'end') {
    try {
      const d = (JSON.parse(body) as { durationMs?: unknown }).durationMs;
      return { kind: 'end', ...(typeof d === 'number' ? { durationMs: d } : {}) };
    } catch {
      return { kind: 'end' };
    }
  }
  return { kind: 'noise', line: text };
}

/**
 * A fact from the runner's entry, validated exactly as a snapshot value is: with the probe's parse, or
 * the fact's schema. Anything unexpected is an `error` that keeps the raw text.
 */
export function factFromEntry(spec: FactSpec<any>, frame: Extract<Frame, { kind: 'fact' }>, fallbackTime: string): FactValue {
  const baseProv: Provenance = { source: 'command', ref: `probe ${spec.id}`, collectedAt: fallbackTime };
  if (frame.bad) {
    return { id: spec.id, status: 'error', message: `PowerShell's answer could not be read: ${frame.bad}`, raw: capRaw(frame.line), provenance: baseProv };
  }
  const entry = z.safeParse(entrySchema, frame.entry);
  if (!entry.success) {
    return { id: spec.id, status: 'error', message: `PowerShell's answer is not a probe result: ${issueText(entry.error.issues[0])}`, raw: capRaw(frame.line), provenance: baseProv };
  }
  const e = entry.data;
  if (e.id !== undefined && e.id !== spec.id) {
    return { id: spec.id, status: 'error', message: `PowerShell's answer for ${spec.id} names another fact (${e.id})`, raw: capRaw(frame.line), provenance: baseProv };
  }
  const provenance: Provenance = {
    source: 'command',
    ref: `probe ${spec.id}`,
    collectedAt: e.collectedAt && !Number.isNaN(Date.parse(e.collectedAt)) ? new Date(e.collectedAt).toISOString() : fallbackTime,
    ...(e.durationMs !== undefined ? { durationMs: Math.round(e.durationMs) } : {}),
  };
  if (e.status !== 'ok') {
    return {
      id: spec.id,
      status: e.status,
      message: e.message ?? defaultMessage(e.status),
      ...(e.raw ? { raw: capRaw(e.raw) } : {}),
      provenance,
    };
  }
  if (!('value' in e)) return { id: spec.id, status: 'error', message: 'the probe reported ok without a value', raw: capRaw(frame.line), provenance };
  const raw = () => capRaw(JSON.stringify(e.value) ?? String(e.value));
  let json = e.value;
  if (spec.live?.parse) {
    try {
      const value = spec.live.parse(e.value);
      // Then checked as a snapshot would store it, so a live value is exactly what a snapshot gives back.
      json = spec.toJson ? spec.toJson(value) : value;
    } catch (err) {
      return { id: spec.id, status: 'error', message: `the probe's output was not understood: ${err instanceof Error ? err.message : String(err)}`, raw: raw(), provenance };
    }
  }
  const parsed = z.safeParse(spec.schema, json);
  if (!parsed.success) {
    return { id: spec.id, status: 'error', message: `the probe's output does not fit the fact: ${issueText(parsed.error.issues[0])}`, raw: raw(), provenance };
  }
  return { id: spec.id, status: 'ok', value: parsed.data, provenance };
}

function defaultMessage(status: Exclude<FactValue['status'], 'ok'>): string {
  switch (status) {
    case 'denied':
      return 'needs Administrator: run PowerShell as Administrator and try again';
    case 'timeout':
      return 'the probe did not answer in time';
    case 'missing':
      return 'not available on this host';
    case 'error':
      return 'the probe failed';
  }
}

function issueText(issue: SchemaIssue | undefined): string {
  if (!issue) return 'invalid';
  const where = issue.path.length === 0 ? 'value' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${where}: ${issue.message}`;
}
