import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Key } from 'ink';
import { initialState, wizardReducer, type WizardState } from '../../src/ui/state/wizard.js';
import { toCommand, toCommands } from '../../src/ui/keymap.js';
import { clean, fit, seconds, wrap } from '../../src/ui/text.js';
import { layoutFor, windowStart } from '../../src/ui/layout.js';
import { inCi, isInteractive, prepareColourEnv } from '../../src/ui/tty.js';
import { addRecent, configDir, loadRecent } from '../../src/ui/engine/recent.js';
import { makeTheme } from '../../src/ui/theme.js';
import { editText } from '../../src/ui/components/TextField.js';

const key = (k: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, ...k,
} as Key);

describe('wizard reducer', () => {
  it('"Check this host" found after the user moved: the home selection stays on its item; untouched, it starts at the top', () => {
    const live = { type: 'live', status: { available: true, powershell: 'pwsh' } } as const;
    const home = (s: WizardState) => s.stack.find((x) => x.name === 'home') as { cursor: number };
    expect(home(wizardReducer(initialState, live)).cursor).toBe(0);
    const moved = wizardReducer(initialState, { type: 'patch', name: 'home', patch: { cursor: 1 } });
    expect(home(wizardReducer(moved, live)).cursor).toBe(2);
    const opened = wizardReducer(initialState, { type: 'push', screen: { name: 'open', cursor: 0, input: '' } });
    expect(home(wizardReducer(opened, live)).cursor).toBe(1);
    // Found once: a second report moves nothing; none found: nothing moves either.
    expect(home(wizardReducer(wizardReducer(moved, live), live)).cursor).toBe(2);
    expect(home(wizardReducer(moved, { type: 'live', status: { available: false, reason: 'none' } })).cursor).toBe(1);
  });

  it('back pops the stack and keeps the list cursor of the screen below', () => {
    let s: WizardState = wizardReducer(initialState, { type: 'patch', name: 'home', patch: { cursor: 3 } });
    s = wizardReducer(s, { type: 'push', screen: { name: 'symptoms', cursor: 0, input: '' } });
    s = wizardReducer(s, { type: 'back' });
    expect(s.stack).toEqual([{ name: 'home', cursor: 3 }]);
    expect(wizardReducer(s, { type: 'back' })).toBe(s);
  });

  it('a patch meant for another screen is dropped', () => {
    const s = wizardReducer(initialState, { type: 'patch', name: 'open', patch: { entries: [] } });
    expect(s).toBe(initialState);
  });

  it('a finished run replaces the run screen with the findings; a failed one returns with the error', () => {
    let s = wizardReducer(initialState, { type: 'push', screen: { name: 'open', cursor: 0, input: 'x.json' } });
    s = wizardReducer(s, { type: 'push', screen: { name: 'run' } });
    s = wizardReducer(s, { type: 'runStarted', at: 1 });
    const failed = wizardReducer(s, { type: 'runFailed', error: 'cannot read snapshot x.json: no such file' });
    expect(failed.stack.at(-1)).toEqual({ name: 'open', cursor: 0, input: 'x.json', error: 'cannot read snapshot x.json: no such file' });
    const done = wizardReducer(s, { type: 'runFinished', result: { partial: false } as never });
    expect(done.stack.map((x) => x.name)).toEqual(['home', 'open', 'findings']);
    expect(done.run?.status).toBe('done');
  });

  it('an armed quit is disarmed by any other action; help closes on back', () => {
    let s = wizardReducer(initialState, { type: 'armQuit', armed: true });
    expect(s.quitArmed).toBe(true);
    s = wizardReducer(s, { type: 'toggleHelp' });
    expect(s.quitArmed).toBe(false);
    expect(s.help).toBe(true);
    expect(wizardReducer(s, { type: 'back' }).help).toBe(false);
  });

  it('toggles remediation steps per rule', () => {
    let s = wizardReducer(initialState, { type: 'toggleStep', ruleId: 'r', stepId: 'a' });
    expect(s.done).toEqual({ r: ['a'] });
    s = wizardReducer(s, { type: 'toggleStep', ruleId: 'r', stepId: 'a' });
    expect(s.done).toEqual({ r: [] });
  });
});

describe('keymap', () => {
  it('maps ink 6 keys: Backspace arrives as key.delete; Esc and ← go back', () => {
    expect(toCommand('', key({ delete: true }), false)).toEqual({ type: 'back' });
    expect(toCommand('', key({ delete: true }), true)).toEqual({ type: 'erase' });
    expect(toCommand('', key({ escape: true, meta: true }), true)).toEqual({ type: 'back' });
    expect(toCommand('', key({ leftArrow: true }), false)).toEqual({ type: 'back' });
    expect(toCommand('', key({ home: true }), false)).toEqual({ type: 'home' });
  });

  it('letters are shortcuts on lists and text on text screens', () => {
    expect(toCommand('q', key(), false)).toEqual({ type: 'quit' });
    expect(toCommand('q', key(), true)).toEqual({ type: 'char', text: 'q' });
    expect(toCommand('j', key(), false)).toEqual({ type: 'down' });
    expect(toCommand('?', key(), false)).toEqual({ type: 'help' });
    expect(toCommand('c', key({ ctrl: true }), true)).toBeUndefined();
  });

  it('splits chunks: text then Enter on text screens, one key per character elsewhere', () => {
    expect(toCommands('2.1\r', key(), true)).toEqual([{ type: 'char', text: '2.1' }, { type: 'enter' }]);
    expect(toCommands('a\r\nb', key(), true)).toEqual([{ type: 'char', text: 'a\r\nb' }]);
    expect(toCommands('jj\r', key(), false)).toEqual([{ type: 'down' }, { type: 'down' }, { type: 'enter' }]);
    expect(toCommands('q', key(), false)).toEqual([{ type: 'quit' }]);
  });

  it('pasted text loses control sequences and newlines', () => {
    expect(editText('a', { type: 'char', text: 'b\u001b]0;x\u0007c\r\nd' })).toBe('abc d');
    expect(editText('ab', { type: 'erase' })).toBe('a');
  });
});

describe('text and layout', () => {
  it('wraps to the width exactly, cutting long words, and strips controls', () => {
    const lines = wrap('alpha beta gamma delta epsilon', 12);
    expect(lines).toEqual(['alpha beta', 'gamma delta', 'epsilon']);
    expect(wrap('x'.repeat(25), 10).every((l) => l.length <= 10)).toBe(true);
    expect(clean('a\u001b[31mb\u0000')).toBe('ab\u2400'); // issue 13: a control character is shown as its control picture
    expect(fit('abcdef', 4)).toBe('abc…');
  });

  it('keeps one row and one column free, and windows keep the cursor in view', () => {
    expect(layoutFor({ columns: 80, rows: 24 })).toEqual({ width: 79, height: 23, body: 20 });
    expect(windowStart(0, 10, 50)).toBe(0);
    expect(windowStart(49, 10, 50)).toBe(40);
    expect(windowStart(25, 10, 50)).toBe(20);
    expect(windowStart(5, 10, 8)).toBe(0);
  });
});

describe('terminal detection and colour', () => {
  it('starts the wizard only with two TTYs and no CI', () => {
    const tty = { isTTY: true };
    expect(isInteractive({ stdin: tty, stdout: tty, env: {} })).toBe(true);
    expect(isInteractive({ stdin: {}, stdout: tty, env: {} })).toBe(false);
    expect(isInteractive({ stdin: tty, stdout: {}, env: {} })).toBe(false);
    expect(isInteractive({ stdin: tty, stdout: tty, env: { CI: 'true' } })).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
  });

  it('maps NO_COLOR and TERM=dumb to FORCE_COLOR=0 before Ink loads; no colour tokens then', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    expect(prepareColourEnv(env)).toBe(true);
    expect(env.FORCE_COLOR).toBe('0');
    expect(prepareColourEnv({ TERM: 'dumb' })).toBe(true);
    expect(prepareColourEnv({ NO_COLOR: '' })).toBe(false);
    const t = makeTheme({ noColour: true });
    expect([t.accent, t.danger, t.severity.critical]).toEqual([undefined, undefined, undefined]);
    expect(makeTheme({ ascii: true }).glyph.pointer).toBe('>');
  });
});

describe('recent snapshots file', () => {
  it('lives in the user config folder', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'ccdoctor'));
    expect(configDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'ccdoctor'));
    expect(configDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toContain('ccdoctor');
    expect(configDir({ CCDOCTOR_CONFIG_DIR: '/c' })).toBe('/c');
  });

  it('keeps the newest first without duplicates, capped, and treats a damaged file as empty', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccdoctor-recent-')), 'sub', 'recent.json');
    expect(await loadRecent(file)).toEqual([]);
    for (const p of ['a', 'b', 'c', 'a']) await addRecent(file, `/s/${p}.json`);
    expect(await loadRecent(file)).toEqual(['/s/a.json', '/s/c.json', '/s/b.json']);
    for (let i = 0; i < 12; i++) await addRecent(file, `/s/${i}.json`);
    expect(await loadRecent(file)).toHaveLength(8);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    writeFileSync(file, '{"version":1,"files":[42]}');
    expect(await loadRecent(file)).toEqual([]);
    writeFileSync(file, '\u0000\u0001garbage');
    expect(await loadRecent(file)).toEqual([]);
  });
});

describe('elapsed times', () => {
  it('never show a negative time (the clock ticks before a step that started after the last tick)', () => {
    expect(seconds(-40)).toBe('0.0s');
    expect(seconds(-0)).toBe('0.0s');
    expect(seconds(-1e-9)).toBe('0.0s');
    expect(seconds(1234)).toBe('1.2s');
    expect(seconds(0)).toBe('0.0s');
  });
});
