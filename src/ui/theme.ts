import type { Severity } from '../core/rules/types.js';

/** Colours are undefined when colour is off (Ink ignores an undefined colour); selection never relies on colour. */
export interface Theme {
  colour: boolean;
  /** Frames are printed one after the other (TERM=dumb): nothing ticks by itself. */
  linear: boolean;
  accent: string | undefined;
  muted: string | undefined;
  danger: string | undefined;
  ok: string | undefined;
  severity: Record<Severity, string | undefined>;
  glyph: { pointer: string; blank: string; done: string; open: string; fail: string; pass: string; unknown: string; sep: string; cursor: string; more: string; ellipsis: string };
}

export function makeTheme(opts: { noColour?: boolean; ascii?: boolean; linear?: boolean } = {}): Theme {
  const c = (name: string) => (opts.noColour ? undefined : name);
  const ascii = opts.ascii === true;
  return {
    colour: !opts.noColour,
    linear: opts.linear === true,
    accent: c('cyan'),
    muted: c('gray'),
    danger: c('red'),
    ok: c('green'),
    severity: { critical: c('red'), error: c('red'), warning: c('yellow'), info: c('cyan') },
    glyph: ascii
      ? { pointer: '>', blank: ' ', done: '[x]', open: '[ ]', fail: 'X', pass: 'OK', unknown: '?', sep: '-', cursor: '_', more: 'v', ellipsis: '...' }
      : { pointer: '❯', blank: ' ', done: '[x]', open: '[ ]', fail: '✖', pass: '✔', unknown: '?', sep: '·', cursor: '█', more: '↓', ellipsis: '…' },
  };
}

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', error: 'Error', warning: 'Warning', info: 'Info' };
