import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { useWizard, type Wizard } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { HELP, type Command, type KeyHelp } from '../keymap.js';
import { clean, fit, seconds } from '../text.js';
import { isCancelKey } from './Run.js';

/** Reading a folder of snapshots: N of M read, the one read last, how many could not be read. */
export function FleetRun() {
  const w = useWizard();
  const fleet = w.state.fleet;
  const running = fleet?.status === 'running';
  const now = useNow(running && !w.theme.linear);
  if (!fleet) return null;
  const p = fleet.progress;
  const width = w.layout.width;
  const bar = Math.max(10, Math.min(50, width - 20));
  const filled = p.total > 0 ? Math.round((bar * p.done) / p.total) : 0;
  const g = w.theme.glyph;
  return (
    <Frame title="reading snapshots">
      <Line bold>{running ? (fleet.cancelRequested ? 'Cancelling: keeping the hosts read so far…' : `Reading the snapshots of ${clean(fleet.shown)}…`) : 'Finished.'}</Line>
      <Line> </Line>
      <Line>{`${p.done} of ${p.total} hosts read${p.failed ? ` (${p.failed} could not be read)` : ''}`}</Line>
      <Line>{`[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}]`}</Line>
      <Line dim>{p.last ? `${g.sep} ${fit(p.last, width - 2)}` : ' '}</Line>
      {/* A printing terminal (TERM=dumb) gets no ticking clock: a frame per change only. */}
      <Line dim>{w.theme.linear ? ' ' : `elapsed ${seconds(now - fleet.startedAt)}`}</Line>
      <Line> </Line>
      <Line dim>{fit('Keys typed now (moves, Enter) act on the site view once it shows.', width)}</Line>
    </Frame>
  );
}

/** The keys of a folder being read: Esc or c cancels; list keys wait for the site view. */
export function fleetRunKey(cmd: Command, w: Wizard): boolean {
  if (w.state.fleet?.status !== 'running') return false;
  if (isCancelKey(cmd)) w.actions.cancelRun();
  else if (HELD.has(cmd.type)) w.dispatch({ type: 'holdKey', cmd });
  else return false;
  return true;
}

/** Keys typed ahead of the site view (a slow folder must not swallow them). */
const HELD = new Set<Command['type']>(['up', 'down', 'pageUp', 'pageDown', 'home', 'end', 'enter']);

export const fleetRunKeys: readonly KeyHelp[] = [{ keys: 'Esc c', does: 'cancel (keeps the hosts read)' }, { keys: 'q', does: 'quit (asks again)' }, HELP];
