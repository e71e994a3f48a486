import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../schema.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { BranchAnswers } from './types.js';

/** A journal larger than this was not written by ccdoctor. */
const MAX_BYTES = 1024 * 1024;
const ID = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));
const TIME = z.iso.datetime();
const journalSchema = z.object({
  version: z.literal(1),
  procedure: ID,
  startedAt: TIME,
  updatedAt: TIME,
  answers: z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(200))),
  /** Step id → when it was marked done. */
  done: z.record(z.string().check(z.maxLength(64)), TIME),
  /** Step id → the operator's note. */
  notes: z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(2000))),
});

/** Progress through one procedure: saved after every change, so it can be resumed later. */
export type Journal = z.infer<typeof journalSchema>;

export type JournalLoad =
  | { status: 'none' }
  | { status: 'ok'; journal: Journal }
  /** The file could not be used; it was moved aside to `movedTo` (when the move worked). */
  | { status: 'damaged'; reason: string; movedTo?: string };

export function journalFile(dir: string, procedureId: string): string {
  if (!ID.safeParse(procedureId).success) throw new Error(`not a procedure id: ${JSON.stringify(procedureId)}`);
  return join(dir, 'procedures', `${procedureId}.json`);
}

export function newJournal(procedureId: string, answers: BranchAnswers, now: Date): Journal {
  const t = now.toISOString();
  return { version: 1, procedure: procedureId, startedAt: t, updatedAt: t, answers: { ...answers }, done: {}, notes: {} };
}

export function toggleDone(j: Journal, stepId: string, now: Date): Journal {
  const done = { ...j.done };
  if (done[stepId] === undefined) done[stepId] = now.toISOString();
  else delete done[stepId];
  return { ...j, done, updatedAt: now.toISOString() };
}

export function setNote(j: Journal, stepId: string, note: string, now: Date): Journal {
  const notes = { ...j.notes };
  const text = note.trim().slice(0, 2000);
  if (text) notes[stepId] = text;
  else delete notes[stepId];
  return { ...j, notes, updatedAt: now.toISOString() };
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = first.path.length ? first.path.map(String).join('.') : 'the top level';
  return `${where}: ${first.message}`;
}

/**
 * Reads the saved progress of a procedure. A damaged file (not JSON, wrong shape, another procedure's,
 * too large) is moved aside and reported, never thrown: the operator can start over.
 */
export async function loadJournal(dir: string, procedureId: string, now = new Date()): Promise<JournalLoad> {
  const file = journalFile(dir, procedureId);
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES) return setAside(file, `it is ${info.size} bytes (at most ${MAX_BYTES})`, now);
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'none' };
    return setAside(file, `it cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`, now);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return setAside(file, `it is not JSON (${e instanceof Error ? e.message : String(e)})`, now);
  }
  const parsed = z.safeParse(journalSchema, data);
  if (!parsed.success) return setAside(file, describeIssues(parsed.error.issues), now);
  if (parsed.data.procedure !== procedureId) return setAside(file, `it is the journal of ${parsed.data.procedure}`, now);
  return { status: 'ok', journal: parsed.data };
}

export async function peekJournal(dir: string, procedureId: string): Promise<Journal | undefined> {
  try {
    const file = journalFile(dir, procedureId);
    if ((await stat(file)).size > MAX_BYTES) return undefined;
    const parsed = z.safeParse(journalSchema, JSON.parse(await readFile(file, 'utf8')));
    return parsed.success && parsed.data.procedure === procedureId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function setAside(file: string, reason: string, now: Date): Promise<JournalLoad> {
  const aside = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  const moved = await rename(file, aside).then(() => true, () => false);
  return moved ? { status: 'damaged', reason, movedTo: aside } : { status: 'damaged', reason };
}

export async function saveJournal(dir: string, j: Journal): Promise<void> {
  const file = journalFile(dir, j.procedure);
  await mkdir(join(dir, 'procedures'), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(j, null, 2)}\n`, { force: true });
}

/** Journals of one config folder; saves run one after another so the last change is the one kept. */
export interface JournalStore {
  load(procedureId: string): Promise<JournalLoad>;
  /** The saved progress when there is a usable one; touches nothing (a damaged file is left for load to report). */
  peek(procedureId: string): Promise<Journal | undefined>;
  save(j: Journal): Promise<void>;
}

export function journalStore(dir: string): JournalStore {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    load: (id) => loadJournal(dir, id),
    peek: (id) => peekJournal(dir, id),
    save(j) {
      const next = queue.then(() => saveJournal(dir, j));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
