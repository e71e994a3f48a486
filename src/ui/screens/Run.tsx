import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { useWizard, type Wizard } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import type { Command } from '../keymap.js';
import type { RunStep } from '../engine/staged-run.js';
import { fit, seconds } from '../text.js';
import { HELP, type KeyHelp } from '../keymap.js';

export function Run() {
  const w = useWizard();
  const run = w.state.run;
  const running = run?.status === 'running';
  // A printing terminal gets a frame per change: no elapsed-time ticks there.
  const now = useNow(running && !w.theme.linear);
  const g = w.theme.glyph;
  const mark = (s: RunStep) => (s.status === 'done' ? g.pass : s.status === 'failed' ? g.fail : s.status === 'cancelled' ? '-' : s.status === 'running' ? '…' : ' ');
  return (
    <Frame title="checking">
      <Line bold>{running ? (run?.cancelRequested ? 'Cancelling: keeping the results so far…' : 'Gathering facts and evaluating rules…') : 'Finished.'}</Line>
      <Line> </Line>
      <Box flexDirection="column" aria-role="list">
        {(run?.steps ?? []).map((s) => {
          const count = s.total !== undefined ? `${s.done}/${s.total}` : `${s.done}`;
          const elapsed = seconds((s.endedAt ?? now) - (s.startedAt ?? now));
          return (
            <Box key={s.id} aria-role="listitem">
              <Line color={s.status === 'failed' ? w.theme.danger : s.status === 'done' ? w.theme.ok : undefined}>
                {`${mark(s)} ${fit(s.label, w.layout.width - 30)}  ${s.status}  ${count}  ${elapsed}`}
              </Line>
            </Box>
          );
        })}
      </Box>
      {run ? <Line dim>{`elapsed ${seconds((running ? now : Math.max(run.startedAt, ...run.steps.map((s) => s.endedAt ?? run.startedAt))) - run.startedAt)}`}</Line> : null}
    </Frame>
  );
}

export function runKey(cmd: Command, w: Wizard): boolean {
  if (w.state.run?.status !== 'running') return false;
  if (isCancelKey(cmd)) {
    w.actions.cancelRun();
    return true;
  }
  return false;
}

/** Esc or c: cancels a run in progress (one host's, or a folder's). */
export function isCancelKey(cmd: Command): boolean {
  return cmd.type === 'back' || (cmd.type === 'char' && cmd.text === 'c');
}

/** The keys of this screen, for the footer and `?` (kept next to the handler above). */
export const runKeys: readonly KeyHelp[] = [{ keys: 'Esc c', does: 'cancel (keeps partial results)' }, { keys: 'q', does: 'quit (asks again)' }, HELP];
