import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { wrap } from '../text.js';
import { PROCEDURES } from '../../core/procedures/index.js';
import { HELP, MOVE, QUIT, type KeyHelp } from '../keymap.js';
import type { ScreenOf } from '../state/wizard.js';

type HomeId = 'live' | 'open' | 'demo' | 'explain' | 'symptoms' | 'checklist' | 'procedures' | 'quit';

interface HomeItem {
  id: HomeId;
  label: string;
}

/** The menu: only what this build can do (no placeholder entries). */
export function homeItems(w: Pick<Wizard, 'state' | 'explain' | 'services'>): HomeItem[] {
  const items: HomeItem[] = [];
  if (w.state.live?.available) items.push({ id: 'live', label: `Check this host (live, with ${w.state.live.powershell})` });
  items.push(
    { id: 'open', label: 'Open a snapshot file or a folder of them (a site)…' },
    { id: 'demo', label: 'Try the demo host (CCE 2.1 with several documented problems)' },
  );
  if (w.explain) items.push({ id: 'explain', label: 'I have an error message…' });
  items.push(
    { id: 'symptoms', label: `Browse symptoms (${w.services.catalogue.rules.length} rules by family)` },
    { id: 'checklist', label: 'Offline checklist: answer questions about a host you cannot reach' },
    { id: 'procedures', label: `Guided procedures (${PROCEDURES.length}): updates, certificates, credentials, draining…` },
    { id: 'quit', label: 'Quit' },
  );
  return items;
}

export function Home(props: { screen: ScreenOf<'home'> }) {
  const w = useWizard();
  const screen = props.screen;
  const cursor = screen.cursor;
  const live = w.state.live;
  const rows: Row[] = homeItems(w).map((it) => ({ key: it.id, text: it.label, selectable: true }));
  const note = live === undefined ? 'Looking for PowerShell…' : live.available ? undefined : `Check this host: not available (${live.reason}).`;
  // Wrapped, not cut: the reason PowerShell cannot be used is the useful part.
  const noteRows = note ? wrap(note, w.layout.width).slice(0, 4) : [];
  return (
    <Frame title="home">
      {note ? (
        <Box flexDirection="column">
          <Line bold>{live === undefined ? ' ' : 'No CCE host here.'}</Line>
          {noteRows.map((l, i) => <Line key={i} dim>{l}</Line>)}
          <Line> </Line>
        </Box>
      ) : null}
      <ListView rows={rows} selected={cursor} height={w.layout.body - (note ? 2 + noteRows.length : 0)} />
    </Frame>
  );
}

export function homeKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'home') return false;
  const items = homeItems(w);
  const moved = moveCursor(cmd.type, screen.cursor, items.length, w.layout.body);
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'home', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const item = items[screen.cursor];
  switch (item?.id) {
    case 'live':
      if (w.state.live?.available) {
        w.dispatch({ type: 'push', screen: { name: 'run' } });
        w.actions.startRun(w.services.liveSource(w.state.live.powershell));
      }
      return true;
    case 'open':
      w.dispatch({ type: 'push', screen: { name: 'open', cursor: 0, input: '' } });
      return true;
    case 'demo':
      w.dispatch({ type: 'push', screen: { name: 'run' } });
      w.actions.startRun({ kind: 'snapshot', path: w.services.demoPath, shown: w.services.shown(w.services.demoPath) });
      return true;
    case 'explain':
      w.dispatch({ type: 'push', screen: { name: 'explain', cursor: 0, input: '' } });
      return true;
    case 'symptoms':
      w.dispatch({ type: 'push', screen: { name: 'symptoms', cursor: 0, input: '' } });
      return true;
    case 'checklist':
      w.dispatch({ type: 'push', screen: { name: 'checklist-pick', cursor: 0, input: '' } });
      return true;
    case 'procedures':
      w.dispatch({ type: 'push', screen: { name: 'procedures', cursor: 0 } });
      return true;
    case 'quit':
      w.actions.quit();
      return true;
    default:
      return false;
  }
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const homeKeys: readonly KeyHelp[] = [MOVE, { keys: 'Enter', does: 'open' }, HELP, QUIT];
