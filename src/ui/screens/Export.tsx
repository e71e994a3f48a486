import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { ListView, moveCursor, type Row } from '../components/ListView.js';
import { TextField, editField } from '../components/TextField.js';
import { useWizard, type Wizard } from '../context.js';
import type { Command, KeyHelp } from '../keymap.js';
import type { ExportFormat, ScreenOf } from '../state/wizard.js';
import { clean, wrap } from '../text.js';
import { errorMessage } from '../error-message.js';
import type { CheckRun } from '../../core/run/check-run.js';
import { formatFromPath } from '../../core/report/index.js';

const FORMATS: { format: ExportFormat; ext: string; label: string }[] = [
  { format: 'md', ext: 'md', label: 'Markdown, for a ticket' },
  { format: 'html', ext: 'html', label: 'HTML, one printable file' },
  { format: 'json', ext: 'json', label: 'JSON (schema ccdoctor/report, version 1)' },
  { format: 'junit', ext: 'xml', label: 'JUnit XML, for CI' },
  { format: 'ps1', ext: 'ps1', label: 'PowerShell: the remediation steps as a commented .ps1' },
];

const extOf = (f: ExportFormat) => FORMATS.find((x) => x.format === f)!.ext;

/** A default file name: ccdoctor-HOST[-RULE]-YYYYMMDDHHMM.EXT (the host name made safe for a file name). */
export function exportName(run: Pick<CheckRun, 'host'>, format: ExportFormat, now: Date, rule?: string): string {
  const host = run.host.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'host';
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `ccdoctor-${host}${rule ? `-${rule}` : ''}-${stamp}.${extOf(format)}`;
}

export function Export(props: { screen: ScreenOf<'export'> }) {
  const w = useWizard();
  const screen = props.screen;
  const rows: Row[] = FORMATS.map((f) => ({ key: f.format, text: `${f.format.padEnd(6)} ${f.label}`, selectable: true }));
  const what = screen.rule ? `The remediation steps of ${screen.rule} as a commented .ps1 (destructive steps commented out)` : 'A report of this run';
  const intro = wrap(`${what}, written to a file in ${clean(w.services.cwd)} (a relative name is from there).`, w.layout.width);
  const error = screen.error ? wrap(screen.error, w.layout.width) : [];
  return (
    <Frame title={screen.rule ? `save ${screen.rule} as .ps1` : 'export a report'}>
      {intro.map((l, i) => <Line key={`i${i}`}>{l}</Line>)}
      <Line> </Line>
      {screen.rule ? null : (
        <Box flexDirection="column">
          <ListView rows={rows} selected={FORMATS.findIndex((f) => f.format === screen.format)} height={rows.length} />
          <Line> </Line>
        </Box>
      )}
      <Line>{`Redact names and addresses: ${screen.redact ? 'yes' : 'no'} (Tab changes it)`}</Line>
      <TextField label="File:" value={screen.input} caret={screen.caret} />
      {error.map((l, i) => <Line key={`e${i}`} color={w.theme.danger} bold>{l}</Line>)}
    </Frame>
  );
}

export function exportKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const run = w.state.run?.result;
  if (screen.name !== 'export' || !run) return false;
  const edited = editField(screen, cmd);
  if (edited !== undefined) {
    w.dispatch({ type: 'patch', name: 'export', patch: { ...edited, error: undefined } });
    return true;
  }
  if (cmd.type === 'tab') {
    w.dispatch({ type: 'patch', name: 'export', patch: { redact: !screen.redact } });
    return true;
  }
  const at = FORMATS.findIndex((f) => f.format === screen.format);
  const moved = screen.rule ? undefined : moveCursor(cmd.type, at, FORMATS.length, FORMATS.length);
  if (moved !== undefined) {
    const format = FORMATS[moved]!.format;
    // The name follows the format while it still ends in the old one's extension.
    const old = `.${extOf(screen.format)}`;
    const input = screen.input.endsWith(old) ? `${screen.input.slice(0, -old.length)}.${extOf(format)}` : screen.input;
    w.dispatch({ type: 'patch', name: 'export', patch: { format, input, caret: undefined, error: undefined } });
    return true;
  }
  if (cmd.type !== 'enter') return false;
  const file = screen.input.trim();
  if (!file) {
    w.dispatch({ type: 'patch', name: 'export', patch: { error: 'Type a file name.' } });
    return true;
  }
  const { format, redact, rule } = screen;
  const named = formatFromPath(file);
  if (named !== undefined && named !== format) {
    w.dispatch({ type: 'patch', name: 'export', patch: { error: `Not written: ${clean(file)} names a ${named} file, not ${format}: choose ${named} above, or end the name in .${extOf(format)}.` } });
    return true;
  }
  w.services.exportReport(run, file, { format, redact, ...(rule ? { rule } : {}) }).then(
    (abs) => {
      w.dispatch({ type: 'back' });
      w.dispatch({ type: 'toast', text: `Wrote ${clean(w.services.shown(abs))} (${format}${redact ? ', redacted' : ''})` });
    },
    (e: unknown) => {
      const msg = errorMessage(e).replace(/ \(use --force to replace it\)/, ': give another name');
      w.dispatch({ type: 'patch', name: 'export', patch: { error: `Not written: ${msg}` } });
    },
  );
  return true;
}

/** The keys of this screen. */
export function exportKeys(w: Wizard): readonly KeyHelp[] {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const single = screen.name === 'export' && screen.rule !== undefined;
  return [{ keys: 'type', does: 'a file name' }, ...(single ? [] : [{ keys: '↑↓', does: 'format' }]), { keys: 'Tab', does: 'redact' }, { keys: 'Enter', does: 'write' }, { keys: 'Esc', does: 'back' }];
}
