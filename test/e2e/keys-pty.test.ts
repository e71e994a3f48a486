/**
 * Keys in a real terminal (the 'terminal' tier, see wizard-pty.test.ts): fast Backspace and the other
 * editing keys in a text field, a multi-line paste without bracketed paste, Enter typed before the wizard
 * is ready, and `explain -` on a terminal telling how to end the input.
 */
import { expect, it, vi } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describeTier } from '../tiers/tier.js';
import type { TerminalRun } from './terminal.js';
import { CLI, configDir, ROOT, terminal } from './setup.js';


vi.setConfig({ testTimeout: 180_000 });



/** The CLI in a new terminal, CI unset; PATH holds only node (no PowerShell: the home menu is fixed). */
function start(args: string[] = [], o: { stderrFile?: string } = {}): TerminalRun {
  return terminal!.startInTerminal({
    args: [CLI, ...args],
    cwd: ROOT,
    ...(o.stderrFile ? { stderrFile: o.stderrFile } : {}),
    env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: configDir('ccdoctor-e2e-keys-'), TERM: 'xterm-256color', PATH: dirname(process.execPath) },
  });
}

const HOME_READY = /No CCE host here\.|Check this host \(live/;

/**
 * The CLI where a `pwsh` is found on PATH (a stand-in that fails when run), so that "Check this host" joins
 * the top of the home menu once the lookup ends, after the first frame.
 */
function startWithPowerShell(): TerminalRun {
  const bin = configDir('ccdoctor-e2e-pwsh-');
  writeFileSync(join(bin, 'pwsh'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(bin, 'pwsh'), 0o755);
  return terminal!.startInTerminal({
    args: [CLI],
    cwd: ROOT,
    env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: configDir('ccdoctor-e2e-keys-'), TERM: 'xterm-256color', PATH: [dirname(process.execPath), bin].join(delimiter) },
  });
}

describeTier('terminal', 'keys in a real terminal', () => {
  it('acts on an Enter typed right after the start, before the home screen is drawn', async () => {
    const run = start();
    // Before node has even started: the terminal is still in line mode (Enter is read as "\n").
    run.keys('Enter');
    const s = await run.waitFor('Path:');
    expect(s).toContain('open a snapshot');
    run.keys('Escape');
    await run.waitFor(HOME_READY);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('keys typed at the very start are all acted on, and open the item they pointed at though "Check this host" appears above later', async () => {
    const run = startWithPowerShell();
    // Typed before node has started: j (down, to "Try the demo host" as the first frame shows the menu), Enter.
    run.keys('j', 'Enter');
    let s = await run.waitFor('Failed:');
    expect(s).toContain('CCE-DEMO-01');
    // Back home, PowerShell found by now: the new first item did not move the selection off the demo.
    run.keys('Escape');
    s = await run.waitFor(/Check this host \(live, with .*pwsh\)/);
    expect(s).toMatch(/❯ Try the demo host/);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('an arrow typed at the start keeps its item selected when "Check this host" is added above it', async () => {
    const run = startWithPowerShell();
    run.keys('j');
    let s = await run.waitFor(/Check this host \(live, with .*pwsh\)/);
    expect(s).toMatch(/❯ Try the demo host/);
    run.keys('Enter');
    s = await run.waitFor('Failed:');
    expect(s).toContain('CCE-DEMO-01');
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('"Check this host" runs PowerShell from the built wizard (the stand-in fails, and every fact says so)', async () => {
    const run = startWithPowerShell();
    await run.waitFor(/❯ Check this host \(live, with .*pwsh\)/);
    run.keys('Enter');
    const s = await run.waitFor('PowerShell exited with code 1');
    expect(s).not.toContain('internal error');
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('edits a text field as a shell prompt does: fast Backspace, Ctrl-W, Ctrl-U, Left, Delete, Home, End', async () => {
    const run = start();
    await run.waitFor(HOME_READY);
    run.keys('Enter');
    await run.waitFor('Path:');
    run.keys('snapshots/demo.jsonxyz');
    await run.waitFor('Path: snapshots/demo.jsonxyz');
    // Three Backspaces in one write: one chunk for the program, as when a key repeats fast.
    run.keys('BSpace', 'BSpace', 'BSpace');
    let s = await run.waitFor(/Path: snapshots\/demo\.json█/);
    expect(s).not.toContain('\uFFFD');
    // Ctrl-W: the word before the caret (back to a space, as in a shell).
    run.keys(' extra', '\u0017');
    await run.waitFor(/Path: snapshots\/demo\.json █/);
    run.keys('\u0015');
    await run.waitFor(/Path: █?type a path/);
    run.keys('snapshots/demoX.json', 'Left', 'Left', 'Left', 'Left', 'Left', 'BSpace', 'Home', '\u001b[3~', 'End');
    s = await run.waitFor(/Path: napshots\/demo\.json█/);
    run.keys('Home', 's', 'Enter');
    s = await run.waitFor('Failed:');
    expect(s).toContain('CCE-DEMO-01');
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('keeps the line breaks of an error pasted without bracketed paste (each line ended by \\r)', async () => {
    const run = start();
    await run.waitFor(HOME_READY);
    run.keys('j', 'j', 'Enter');
    await run.waitFor('Paste the error text');
    // One write: what a classic Windows console sends for a paste; the console broke a word at its width.
    run.keys("The term 'Stop-CsWindowsService' is not recogn\rized as the name of a cmdlet, function, script file, or operable program.\r");
    let s = await run.waitFor(/Text: .*program\. ⏎ █/);
    expect(s).not.toContain('No documented symptom');
    // Its start, with the break inside the word.
    run.keys('Home');
    s = await run.waitFor(/Text: █The term 'Stop-CsWindowsService' is not recogn ⏎ ized/);
    expect(s).not.toContain('No documented symptom');
    expect(s).not.toContain('Explained by');
    run.keys('Enter');
    s = await run.waitFor('Explained by');
    expect(s).toMatch(/❯ module-analysis-cache-stale/);
    run.keys('Escape');
    await run.waitFor(HOME_READY);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });

  it('`explain -` on a terminal says how to end the text, then explains it', async () => {
    const config = configDir('ccdoctor-e2e-keys-');
    const run = start(['explain', '-'], { stderrFile: join(config, 'stderr.txt') });
    const end = Date.now() + 30_000;
    while (!run.stderr().includes('Ctrl-D')) {
      if (Date.now() > end) throw new Error(`no hint on stderr: ${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run.stderr()).toContain('Paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows)');
    run.keys("The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.", 'Enter');
    run.keys(process.platform === 'win32' ? '\u001a\r' : '\u0004');
    await run.waitFor('module-analysis-cache-stale');
    expect(await run.waitExit()).toBe(0);
  });
});
