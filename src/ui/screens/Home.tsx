import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { useLook, useWizard, type Wizard } from '../context.js';
import type { Command } from '../keymap.js';
import { wrap } from '../text.js';
import { PROCEDURES } from '../../core/procedures/index.js';
import { HELP, MOVE, QUIT, type KeyHelp } from '../keymap.js';
import type { ScreenOf, WizardState } from '../state/wizard.js';

type HomeId = 'live' | 'open' | 'demo' | 'explain' | 'symptoms' | 'checklist' | 'procedures' | 'quit';

interface HomeItem {
  id: HomeId;
  label: string;
}

/** What the menu depends on: PowerShell found or not, error messages explained or not, the number of rules. */
export interface HomeFacts {
  live: WizardState['live'];
  explain: boolean;
  ruleCount: number;
}

export function homeFacts(w: Pick<Wizard, 'state' | 'explain' | 'services'>): HomeFacts {
  return { live: w.state.live, explain: w.explain !== undefined, ruleCount: w.services.catalogue.rules.length };
}

/** The menu: only what this build can do (no placeholder entries). */
export function homeItems(h: HomeFacts): HomeItem[] {
  const items: HomeItem[] = [];
  if (h.live?.available) items.push({ id: 'live', label: `Check this host (live, with ${h.live.powershell})` });
  items.push(
    { id: 'open', label: 'Open a snapshot file or a folder of them (a site)…' },
    { id: 'demo', label: 'Try the demo host (CCE 2.1 with several documented problems)' },
  );
  if (h.explain) items.push({ id: 'explain', label: 'I have an error message…' });
  items.push(
    { id: 'symptoms', label: `Browse symptoms (${h.ruleCount} rules by family)` },
    { id: 'checklist', label: 'Offline checklist: answer questions about a host you cannot reach' },
    { id: 'procedures', label: `Guided procedures (${PROCEDURES.length}): updates, certificates, credentials, draining…` },
    { id: 'quit', label: 'Quit' },
  );
  return items;
}

export function Home(props: { screen: ScreenOf<'home'> }) {
  return <HomeView facts={homeFacts(useWizard())} cursor={props.screen.cursor} />;
}

/** The home screen from what it shows only: <Home> in the wizard, and its first frame (src/ui/FirstFrame.tsx). */
export function HomeView(props: { facts: HomeFacts; cursor: number }) {
  const { layout } = useLook();
  const live = props.facts.live;
  const rows: Row[] = homeItems(props.facts).map((it) => ({ key: it.id, text: it.label, selectable: true }));
  const note = live === undefined ? 'Looking for PowerShell…' : live.available ? undefined : `Check this host: not available (${live.reason}).`;
  // Wrapped, not cut: the reason PowerShell cannot be used is the useful part.
  const noteRows = note ? wrap(note, layout.width).slice(0, 4) : [];
  return (
    <Frame title="home">
      {note ? (
        <Box flexDirection="column">
          <Line bold>{live === undefined ? ' ' : 'No CCE host here.'}</Line>
          {noteRows.map((l, i) => <Line key={i} dim>{l}</Line>)}
          <Line> </Line>
        </Box>
      ) : null}
      <ListView rows={rows} selected={props.cursor} height={layout.body - (note ? 2 + noteRows.length : 0)} />
    </Frame>
  );
}

export function homeKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'home') return false;
  const items = homeItems(homeFacts(w));
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
