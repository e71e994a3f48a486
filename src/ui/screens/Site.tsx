import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor } from '../components/ListView.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, MOVE, PAGE, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { clean } from '../text.js';
import { siteRows, siteSummary } from './site-rows.js';
import type { ScreenOf } from '../state/wizard.js';

const HEADER_ROWS = 3;

/** The sites of a folder of snapshots: site findings and hosts; Enter opens either. */
export function Site(props: { screen: ScreenOf<'site'> }) {
  const w = useWizard();
  const fleet = w.state.fleet;
  const result = fleet?.result;
  if (!fleet || !result) return null;
  const { run } = result;
  const s = siteSummary(run);
  const sep = ` ${w.theme.glyph.sep} `;
  const sites = run.sites.length;
  const head = [clean(fleet.shown), `${run.hosts.length} host${run.hosts.length === 1 ? '' : 's'} in ${sites} site${sites === 1 ? '' : 's'}`, ...(run.failed.length ? [`${run.failed.length} could not be read`] : [])].join(sep);
  const partial = run.partial ? `Cancelled: ${fleet.progress.done} of ${fleet.progress.total} inputs read; the sites show those only.` : undefined;
  return (
    <Frame title="site view">
      <Line bold>{head}</Line>
      <Line>{`Site findings: ${s.failed} failed, ${s.unknown} could not be checked${sep}hosts with failures: ${s.hostsFailing} of ${run.hosts.length}`}</Line>
      {partial ? <Line bold color={w.theme.danger}>{partial}</Line> : <Line dim>Enter opens a site finding (evidence by host) or a host (its findings).</Line>}
      <ListView rows={siteRows(run, w.theme, w.layout.width)} selected={props.screen.cursor} height={w.layout.body - HEADER_ROWS} />
    </Frame>
  );
}

export function siteKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const fleet = w.state.fleet?.result;
  if (screen.name !== 'site' || !fleet) return false;
  const items = siteRows(fleet.run, w.theme, w.layout.width).filter((r) => r.selectable);
  const moved = moveCursor(cmd.type, screen.cursor, items.length, Math.max(1, w.layout.body - HEADER_ROWS - 1));
  if (moved !== undefined) {
    w.dispatch({ type: 'patch', name: 'site', patch: { cursor: moved } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const row = items[screen.cursor];
  if (row?.finding !== undefined) w.dispatch({ type: 'push', screen: { name: 'site-finding', index: row.finding, step: 0, scroll: 0 } });
  if (row?.host !== undefined) {
    // The host's findings screens need its facts, which the many-host run does not keep: its snapshot is
    // read again through the same pipeline (one file, quick), and Esc comes back here.
    const host = fleet.run.hosts[row.host]!;
    w.dispatch({ type: 'push', screen: { name: 'run' } });
    w.actions.startRun({ kind: 'snapshot', path: fleet.paths[row.host]!, shown: host.ref, remember: false });
  }
  return true;
}

export const siteKeys: readonly KeyHelp[] = [MOVE, PAGE, { keys: 'Enter', does: 'open host or finding' }, BACK, BACKSPACE, HELP, QUIT];
