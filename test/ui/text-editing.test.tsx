/**
 * Editing keys in the wizard's text fields behave as at a shell prompt, whether each key arrives alone
 * or several arrive in one chunk (fast typing, a slow machine, a paste); control characters are never
 * inserted as text (issue items 5-7).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Key } from 'ink';
import { KEYS, choose, frame, press, renderApp, typeText, waitFor, type Rendered } from './helpers.js';
import { toCommand, toCommands } from '../../src/ui/keymap.js';
import { editField } from '../../src/ui/components/TextField.js';

afterEach(() => cleanup());

const CTRL = { a: '\u0001', e: '\u0005', u: '\u0015', w: '\u0017', k: '\u000b' } as const;
const DEL = '\u001B[3~';
const RIGHT = '\u001B[C';

/** The text-field row of the frame (label, value, cursor glyph). */
function field(app: Rendered, label: string): string {
  const row = frame(app).split('\n').find((l) => l.includes(label));
  if (row === undefined) throw new Error(`no ${label} row in:\n${frame(app)}`);
  return row.slice(row.indexOf(label)).trimEnd();
}

async function openSymptoms(): Promise<Rendered> {
  const app = renderApp();
  await waitFor(app, 'No CCE host here.');
  await choose(app, 'Browse symptoms');
  await waitFor(app, 'Filter:');
  return app;
}

function key(over: Partial<Key> = {}): Key {
  return {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...over,
  } as Key;
}

describe('text fields: editing keys', () => {
  it('several Backspaces in one chunk each delete a character (no U+FFFD)', async () => {
    const app = await openSymptoms();
    await typeText(app, 'certificate');
    expect(field(app, 'Filter:')).toBe('Filter: certificate█');
    await typeText(app, '\u007f\u007f\u007f\u007f');
    expect(frame(app)).not.toContain('\uFFFD');
    expect(field(app, 'Filter:')).toBe('Filter: certifi█');
    // Typed text and Backspace in one chunk, and ^H (\b) as Backspace.
    await typeText(app, 'xy\u007f\bcat');
    expect(field(app, 'Filter:')).toBe('Filter: certificat█');
  });

  it('Ctrl-U kills to the start, Ctrl-W deletes the previous word (alone or in a chunk)', async () => {
    const app = await openSymptoms();
    await typeText(app, 'cannot register appliance');
    await press(app, CTRL.w);
    expect(field(app, 'Filter:')).toBe('Filter: cannot register █');
    await typeText(app, `again${CTRL.w}${CTRL.w}`);
    expect(field(app, 'Filter:')).toBe('Filter: cannot █');
    await press(app, CTRL.u);
    expect(field(app, 'Filter:')).toMatch(/^Filter: █?type words/);
    await typeText(app, `abc${CTRL.u}dotnet`);
    expect(field(app, 'Filter:')).toBe('Filter: dotnet█');
  });

  it('Left/Right, Home/End (ESC[H ESC[F ESC[1~ ESC[4~ ^A ^E) move the caret; Delete (ESC[3~) deletes under it', async () => {
    const app = await openSymptoms();
    await typeText(app, 'dotnet');
    await press(app, KEYS.left, KEYS.left);
    await typeText(app, 'X');
    expect(field(app, 'Filter:')).toBe('Filter: dotnX█et');
    await press(app, KEYS.home);
    await typeText(app, 'A');
    expect(field(app, 'Filter:')).toBe('Filter: A█dotnXet');
    await press(app, KEYS.end);
    await typeText(app, 'Z');
    expect(field(app, 'Filter:')).toBe('Filter: AdotnXetZ█');
    await press(app, '\u001B[1~', DEL);
    expect(field(app, 'Filter:')).toBe('Filter: █dotnXetZ');
    await press(app, '\u001B[4~', KEYS.left, KEYS.left, KEYS.left, DEL);
    expect(field(app, 'Filter:')).toBe('Filter: dotnX█tZ');
    await press(app, CTRL.a, RIGHT);
    await typeText(app, '-');
    expect(field(app, 'Filter:')).toBe('Filter: d-█otnXtZ');
    await press(app, CTRL.e, KEYS.backspace, KEYS.backspace);
    expect(field(app, 'Filter:')).toBe('Filter: d-otnX█');
    await press(app, KEYS.home, CTRL.k);
    expect(field(app, 'Filter:')).toMatch(/^Filter: █?type words/);
  });

  it('control characters never become text', () => {
    expect(toCommands('a\u0000b\u0007c\u001f', key(), true)).toEqual([{ type: 'char', text: 'abc' }]);
    expect(toCommands('\u007f\u007f', key(), true)).toEqual([{ type: 'erase' }, { type: 'erase' }]);
    expect(toCommands('\u007f\u007f', key(), false)).toEqual([{ type: 'back' }, { type: 'back' }]);
    expect(toCommand('u', key({ ctrl: true }), true)).toEqual({ type: 'edit', op: 'killStart' });
    expect(toCommand('w', key({ ctrl: true }), true)).toEqual({ type: 'edit', op: 'killWord' });
    expect(editField({ input: 'ab' }, { type: 'char', text: '\u007f\u0015' })).toEqual({ input: 'ab', caret: 2 });
  });
});

describe('keys typed before the wizard is ready', () => {
  it('a line feed (Enter before raw mode is on) acts as Enter, alone or after other keys', async () => {
    expect(toCommand('\n', key(), false)).toEqual({ type: 'enter' });
    expect(toCommand('\n', key(), true)).toEqual({ type: 'enter' });
    expect(toCommands('j\n', key(), false)).toEqual([{ type: 'down' }, { type: 'enter' }]);
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await press(app, '\n');
    await waitFor(app, 'Path:');
    await typeText(app, 'snapshots/demo.json\n');
    await waitFor(app, 'Failed:');
  });
});

describe('explain: a multi-line paste without bracketed paste', () => {
  // A console that broke the line at its width, inside a word: only the line break tells it was one word.
  const pasted = "Enter-CcUpdate : The term 'Stop-CsWindowsService' is not recogn\rized as the name of a cmdlet, function, script file, or operable program.\r";

  it('keeps its line breaks (each line followed by \\r, one chunk) and is not taken as Enter', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await waitFor(app, 'Paste the error text');
    await typeText(app, pasted);
    expect(frame(app)).toContain('recogn ⏎ ized');
    expect(frame(app)).not.toContain('Explained by');
    expect(frame(app)).not.toContain('No documented symptom');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Explained by');
    expect(f).toMatch(/❯ module-analysis-cache-stale/);
  });

  it('Windows line ends (\\r\\n) become one line break', () => {
    expect(editField({ input: '' }, { type: 'char', text: 'a\r\nb\rc\nd' }, { multiline: true })?.input).toBe('a\nb\nc\nd');
    expect(toCommands('a\rb\r', key(), true, { multiline: true })).toEqual([{ type: 'char', text: 'a\rb\r' }]);
    // A one-line field: interior breaks become spaces, a final one is Enter (as before).
    expect(toCommands('a\rb\r', key(), true)).toEqual([{ type: 'char', text: 'a\rb' }, { type: 'enter' }]);
  });
});
