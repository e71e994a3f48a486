/**
 * Pasted or typed input can never end the wizard (issue 13 item 1): coloured PowerShell output (CSI with
 * parameters), OSC titles and hyperlinks, DCS, cut-off sequences, C1 controls, with or without bracketed
 * paste, are pasted into the wizard's error-message field; the wizard stays up, keeps the text, and still
 * explains an error pasted with its colours. Then the same against Ink's own key parser for any input, and
 * the real wizard in a real terminal (the terminal tier).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
// Ink's own parser and key reader, as its input handling runs them (not exported: loaded by path).
import { createInputParser } from '../../node_modules/ink/build/input-parser.js';
import parseKeypress from '../../node_modules/ink/build/parse-keypress.js';
import { neutraliseInput } from '../../src/ui/input-guard.js';
import { choose, frame, KEYS, press, renderApp, settle, typeText, waitFor } from '../ui/helpers.js';
import { describeTier } from '../tiers/tier.js';
import { CLI, configDir, ROOT, terminal } from '../e2e/setup.js';
import { escapeSequence, generate, GENERATED } from './harness.js';

vi.setConfig({ testTimeout: 180_000 });
afterEach(() => cleanup());

const ESC = '\u001b';
const PS7_ERROR = `${ESC}[31;1mEnter-CcUpdate: ${ESC}[0m${ESC}[31;1mThe term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.${ESC}[0m`;

/** Pastes: text with escape sequences of every kind, sometimes inside bracketed-paste markers. */
const paste = fc.tuple(fc.array(fc.oneof(escapeSequence, fc.stringMatching(/^[A-Za-z ]{1,8}$/)), { minLength: 1, maxLength: 8 }), fc.boolean()).map(([parts, bracketed]) => {
  const body = parts.join('');
  return bracketed ? `${ESC}[200~${body}${ESC}[201~` : body;
});
export const PASTES = generate(paste, GENERATED['item 1: wizard pastes (ink-testing-library)']);
/** Any input at all, as Ink's key parser would get it. */
export const RAW_INPUTS = generate(fc.array(fc.oneof(escapeSequence, fc.string({ maxLength: 6 }), fc.constantFrom(ESC, `${ESC}[`, `${ESC}${ESC}[A`, '\r', '\u007f')), { maxLength: 8 }).map((a) => a.join('')), GENERATED["item 1: any input through Ink's key reader"]);

/** What use-input does with one parsed key event (ink/build/hooks/use-input.js): the line that threw. */
function useInputWould(event: string): void {
  const keypress = parseKeypress(event);
  let input = keypress.isKittyProtocol ? (keypress.text ?? keypress.name ?? '') : keypress.ctrl ? keypress.name : keypress.sequence;
  if (typeof input !== 'string') throw new TypeError(`input is ${String(input)} for ${JSON.stringify(event)}`);
  if (input.startsWith(ESC)) input = input.slice(1);
}

describe("Ink's key reading never throws on neutralised input", () => {
  it('the guard is needed: a coloured paste makes Ink read an undefined key', () => {
    const events = createInputParser().push(`${ESC}[31mx`);
    expect(() => events.forEach(useInputWould)).toThrow(TypeError);
  });

  it.each(RAW_INPUTS.map((t, i) => [i, t]))('input %i', (_i, raw) => {
    const parser = createInputParser();
    for (const event of [...parser.push(raw), parser.flushPendingEscape()]) {
      if (event === undefined) continue;
      const safe = neutraliseInput(event);
      if (safe !== undefined) useInputWould(safe);
    }
  });
});

describe('the wizard survives any paste into its text field', () => {
  it.each(PASTES.map((p, i) => [i, p]))('paste %i', async (_i, text) => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await waitFor(app, 'Paste the error text');
    app.stdin.write(text);
    await settle(app, 2, 20);
    const f = frame(app);
    // Alive, and drawing nothing that drives the terminal. (A DEL or a lone ESC in a paste acts as the
    // key it is, Backspace or Esc, and may leave the field.)
    expect(f).toMatch(/^ccdoctor · /);
    expect(f).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // And it still takes keys.
    await press(app, KEYS.esc, KEYS.esc);
    expect(await waitFor(app, 'No CCE host here.')).toMatch(/^ccdoctor · home/);
    app.unmount();
  });

  it('a PowerShell 7 error pasted with its colours is explained', async () => {
    const fresh = renderApp();
    await waitFor(fresh, 'No CCE host here.');
    await choose(fresh, 'I have an error message');
    await waitFor(fresh, 'Paste the error text');
    await typeText(fresh, PS7_ERROR);
    await press(fresh, KEYS.enter);
    expect(await waitFor(fresh, 'Explained by')).toMatch(/module-analysis-cache-stale/);
  });
});

describeTier('terminal', 'the wizard in a real terminal: a coloured paste, with and without bracketed paste', () => {
  it('stays up, explains the error, quits normally', async () => {
    const run = terminal!.startInTerminal({
      args: [CLI], cwd: ROOT, cols: 100, rows: 30,
      env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: configDir(), TERM: 'xterm-256color' },
    });
    let s = await run.waitFor(/No CCE host here\.|Check this host \(live/);
    // The error-message entry is the third (the fourth where PowerShell adds "Check this host").
    run.keys(...(s.includes('Check this host (live') ? ['j', 'j', 'j'] : ['j', 'j']));
    await run.waitFor(/❯ I have an error message/);
    run.keys('Enter');
    await run.waitFor('Paste the error text');
    run.keys(`${ESC}[200~${ESC}[31;1mjunk ${ESC}]0;title${ESC}[2J${ESC}[201~`);
    run.keys('\u0015');
    run.keys(PS7_ERROR);
    await run.waitFor(/not recognized as the name of a cmdlet, function, script file, or operable program\.█/);
    run.keys('Enter');
    s = await run.waitFor('Explained by');
    expect(s).toMatch(/module-analysis-cache-stale/);
    // Esc alone (several in one write would read as Alt sequences), then q on the home screen.
    for (let k = 0; k < 3 && !/No CCE host here\.|Check this host \(live/.test(run.screen()); k++) {
      run.keys('Escape');
      await new Promise((r) => setTimeout(r, 500));
    }
    await run.waitFor(/No CCE host here\.|Check this host \(live/);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    run.close();
  });
});
