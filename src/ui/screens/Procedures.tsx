import { useEffect, useState } from 'react';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { PROCEDURES } from '../../core/procedures/index.js';
import { resolveSteps } from '../../core/procedures/resolve.js';
import { doneCount } from './procedure-lines.js';
import { openProcedure } from './procedure-open.js';
import { BACK, BACKSPACE, HELP, MOVE, QUIT, type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

const HEADER_ROWS = 2;

/** The guided procedures, each with a one-line description and its saved progress. */
export function Procedures(props: { screen: ScreenOf<'procedures'> }) {
  const w = useWizard();
  const screen = props.screen;
  const [progress, setProgress] = useState<Record<string, string>>({});
  const { journals } = w.services;
  useEffect(() => {
    let on = true;
    void Promise.all(PROCEDURES.map(async (p) => [p.id, await journals.peek(p.id)] as const)).then((found) => {
      const out: Record<string, string> = {};
      for (const [id, j] of found) {
        const p = PROCEDURES.find((x) => x.id === id);
        if (j && p) out[id] = `in progress: ${doneCount(resolveSteps(p, j.answers), j)}/${resolveSteps(p, j.answers).length} done`;
      }
      if (on) setProgress(out);
    });
    return () => {
      on = false;
    };
  }, [journals]);
  const rows: Row[] = PROCEDURES.flatMap((p) => [
    { key: p.id, text: `${p.title}${progress[p.id] ? `  (${progress[p.id]})` : ''}`, selectable: true },
    { key: `${p.id}:summary`, text: `    ${p.summary}`, selectable: false, dim: true },
  ]);
  return (
    <Frame title="guided procedures">
      <Line>Step by step from the documentation; progress is saved, so you can stop and resume.</Line>
      <Line dim>ccdoctor shows each command: you run it where the step says.</Line>
      <ListView rows={rows} selected={screen.cursor} height={w.layout.body - HEADER_ROWS} />
    </Frame>
  );
}

export function proceduresKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'procedures') return false;
  const moved = moveCursor(cmd.type, screen.cursor, PROCEDURES.length, Math.max(1, Math.floor((w.layout.body - HEADER_ROWS) / 2)));
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'procedures', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const p = PROCEDURES[screen.cursor];
  if (p) openProcedure(w, p.id);
  return true;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const proceduresKeys: readonly KeyHelp[] = [MOVE, { keys: 'Enter', does: 'open' }, BACK, BACKSPACE, HELP, QUIT];
