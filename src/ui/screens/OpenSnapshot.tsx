import { Box } from 'ink';
import { useEffect } from 'react';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import type { SnapshotChoice } from '../state/wizard.js';
import { wrap } from '../text.js';
import { errorMessage } from '../error-message.js';
import { resolve } from 'node:path';
import { type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

const GROUPS = { recent: 'Recently opened', folder: 'Bundled sites (folders of snapshots)', bundled: 'Bundled snapshots' } as const;

function rowsFor(entries: SnapshotChoice[]): Row[] {
  const rows: Row[] = [];
  for (const group of Object.keys(GROUPS) as SnapshotChoice['group'][]) {
    const list = entries.filter((e) => e.group === group);
    if (list.length === 0) continue;
    rows.push({ key: `h-${group}`, text: GROUPS[group], selectable: false, bold: true });
    for (const e of list) rows.push({ key: `${group}-${e.path}`, text: e.label, selectable: true });
  }
  return rows;
}

export function OpenSnapshot(props: { screen: ScreenOf<'open'> }) {
  const w = useWizard();
  const screen = props.screen;
  const entries = screen.name === 'open' ? screen.entries : undefined;
  const { services, dispatch } = w;
  useEffect(() => {
    if (entries) return;
    // Not dropped when a path typed at once started a run meanwhile: a failed run comes back to the list.
    void Promise.all([services.recent(), services.bundledSnapshots().catch(() => [])]).then(([recent, bundled]) => {
      const list: SnapshotChoice[] = [
        ...recent.map((p) => ({ label: services.shown(p), path: p, group: 'recent' as const })),
        ...bundled.map((b) => ({ label: b.label, path: b.path, group: b.folder ? ('folder' as const) : ('bundled' as const) })),
      ];
      dispatch({ type: 'openEntries', entries: list });
    });
  }, [entries, services, dispatch]);
  const rows = rowsFor(entries ?? []);
  // A snapshot's error names the file, the place and what to do: wrapped, never cut.
  const error = screen.error ? wrap(screen.error, w.layout.width).slice(0, 6) : [];
  const errorRows = error.length + 1;
  return (
    <Frame title="open a snapshot">
      <TextField label="Path:" value={screen.input} caret={screen.caret} placeholder="type a path (a file, a folder or a glob), or pick below" />
      {screen.error ? (
        <Box flexDirection="column">
          {error.map((l, i) => <Line key={i} color={w.theme.danger} bold>{l}</Line>)}
          <Line> </Line>
        </Box>
      ) : (
        <Line> </Line>
      )}
      {entries ? (
        <ListView rows={rows} selected={screen.input ? -1 : screen.cursor} height={w.layout.body - 1 - errorRows} />
      ) : (
        <Line dim>Looking for snapshots…</Line>
      )}
    </Frame>
  );
}

export function openKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'open') return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'open', patch: { ...edited, error: undefined } });
    return true;
  }
  const choices = rowsFor(screen.entries ?? []).filter((r) => r.selectable);
  const moved = moveCursor(cmd.type, screen.cursor, choices.length, w.layout.body - 3);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'open', patch: { cursor: moved, input: '', caret: undefined } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const typed = screen.input.trim();
  const path = typed ? resolve(w.services.cwd, typed) : pick(screen.entries ?? [], screen.cursor);
  if (!path) return true;
  const shown = typed || w.services.shown(path);
  let folder;
  try {
    // A glob is expanded from the working folder as typed; a picked entry is a full path.
    folder = w.services.folderInputs(typed || path);
  } catch (e) {
    w.dispatch({ type: 'patch', name: 'open', patch: { error: errorMessage(e) } });
    return true;
  }
  w.dispatch({ type: 'patch', name: 'open', patch: { error: undefined } });
  if (folder) {
    w.dispatch({ type: 'push', screen: { name: 'fleet-run' } });
    w.actions.startFleet(folder, shown, path);
    return true;
  }
  w.dispatch({ type: 'push', screen: { name: 'run' } });
  w.actions.startRun({ kind: 'snapshot', path, shown });
  return true;
}

/** The path of the n-th selectable entry, in the order the list shows them. */
function pick(entries: SnapshotChoice[], n: number): string | undefined {
  const ordered = (Object.keys(GROUPS) as SnapshotChoice['group'][]).flatMap((g) => entries.filter((e) => e.group === g));
  return ordered[n]?.path;
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const openKeys: readonly KeyHelp[] = [{ keys: 'type', does: 'a file, folder or glob' }, { keys: '↑↓', does: 'move' }, { keys: 'Enter', does: 'open' }, { keys: 'Esc', does: 'back' }];
