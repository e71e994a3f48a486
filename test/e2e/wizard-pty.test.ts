/**
 * The wizard in a real terminal: node-pty runs the built CLI in an 80x24 pseudo-terminal (CI unset, so
 * the wizard starts), keys are typed as a user types them, and the screen is read back from a headless
 * xterm.js that interprets everything the wizard wrote (test/e2e/terminal.ts). Portable: a Unix pty here,
 * ConPTY on Windows; no shell, no tmux. The 'terminal' tier: skipped when node-pty or @xterm/headless does
 * not load, a failure when CCDOCTOR_REQUIRE_TIERS asks for it.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeTier } from '../tiers/tier.js';
import type { TerminalRun } from './terminal.js';
import { CLI, configDir, ROOT, terminal } from './setup.js';


// Real processes and terminals: generous limits for a loaded machine (each wait has its own timeout).
vi.setConfig({ testTimeout: 180_000 });



/** The wizard in a new terminal, CI unset (so it starts) and its own config folder. */
function wizard(o: { config?: string; env?: Record<string, string | undefined>; cols?: number; rows?: number; stderrFile?: string } = {}): TerminalRun {
  return terminal!.startInTerminal({
    args: [CLI],
    cwd: ROOT,
    cols: o.cols ?? 80,
    rows: o.rows ?? 24,
    ...(o.stderrFile ? { stderrFile: o.stderrFile } : {}),
    env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: o.config ?? configDir(), TERM: 'xterm-256color', ...o.env },
  });
}

/**
 * The home once the PowerShell lookup is done. These tests type nothing before it, as where PowerShell
 * is found the lookup adds a menu entry above the selection. (Keys typed earlier still act: see
 * keys-pty.test.ts.)
 */
const HOME_READY = /No CCE host here\.|Check this host \(live/;

/** The screen fits the terminal: no more rows than it has, no line wider than it (none wrapped). */
function fits(run: TerminalRun, s: string, columns: number, rows: number): void {
  const lines = s.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
  expect(run.wrappedRows(), `rows continuing a line wider than ${columns} columns:\n${s}`).toEqual([]);
}

describeTier('terminal', 'wizard in a real terminal (pty, 80x24)', () => {
  let run: TerminalRun;
  beforeAll(() => {
    expect(existsSync(CLI), 'dist/cli.js is built first (npm test runs the build)').toBe(true);
    const config = configDir();
    // stderr goes to a file, as a shell's 2> would: kept off the screen, shown when something fails.
    run = wizard({ config, stderrFile: join(config, 'stderr.txt') });
  });

  it('opens the demo, a finding, marks a step done, goes back, shows help and quits', async () => {
    // Once the PowerShell lookup is done the home is complete (no PowerShell here: it says so).
    let s = await run.waitFor(HOME_READY);
    expect(s).toMatch(/❯ (Open a snapshot file|Check this host)/);
    fits(run, s, 80, 24);

    // The demo is the entry after "Open a snapshot" (and "Check this host", where PowerShell exists).
    for (let i = s.includes('Check this host (live') ? 2 : 1; i > 0; i--) run.keys('j');
    s = await run.waitFor(/❯ Try the demo host/);
    run.keys('Enter');
    s = await run.waitFor('Failed:');
    expect(s).toContain('CCE-DEMO-01');
    expect(s).toMatch(/❯ ✖ dotnet-too-old/);
    fits(run, s, 80, 24);

    run.keys('Enter');
    s = await run.waitFor('finding dotnet-too-old');
    expect(s).toContain('Evidence');
    run.keys('Home');
    s = await run.waitFor(/❯ \[ \] 1\./);
    run.keys('Space');
    s = await run.waitFor(/❯ \[x\] 1\./);
    fits(run, s, 80, 24);

    run.keys('Escape');
    s = await run.waitFor('Failed:');
    expect(s).toMatch(/❯ ✖ dotnet-too-old/);

    run.keys('?');
    s = await run.waitFor('Keys on this screen (findings)');
    fits(run, s, 80, 24);
    run.keys('Escape');
    await run.waitFor('Failed:');

    run.keys('q');
    expect(await run.waitExit(), `stderr:\n${run.stderr()}`).toBe(0);
  });
});

describeTier('terminal', 'wizard in a real terminal: resize', () => {
  it('uses the room of a bigger terminal after a resize', async () => {
    // PATH holds only node: no PowerShell, so the home shows the long "not available" line this test measures.
    const run = wizard({ env: { PATH: dirname(process.execPath) } });
    // At 80 columns the reason wraps onto a second row (issue 14 item 9: never cut); at 120 it is one row.
    const narrow = await run.waitFor(/Check this host: not available[^\n]*\n[^\n]*\)\./);
    expect(narrow).not.toMatch(/not available.*…/);
    run.resize(120, 30);
    const s = await run.waitFor(/Check this host: not available \(.*\)\.\s*$/m);
    expect(s).not.toMatch(/not available.*…/);
    fits(run, s, 120, 30);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });
});

describeTier('terminal', 'wizard in a real terminal: NO_COLOR', () => {
  // SGR foreground/background colours (30-49, 90-107, and 38;5;n / 48;2;r;g;b forms).
  const colourCodes = /\u001b\[(?:3|4|9|10)[0-9](?:;[0-9]+)*m/;

  it('without colour the selection stays visible; with colour there are colours (the built bundle applies NO_COLOR before Ink loads)', async () => {
    const plain = wizard({ env: { NO_COLOR: '1' } });
    const coloured = wizard({ env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    const plainScreen = await plain.waitFor('Offline checklist');
    await coloured.waitFor('Offline checklist');
    // What the terminal got (every escape sequence written so far) and what it shows.
    expect(plain.raw()).not.toMatch(colourCodes);
    expect(plain.colouredCells()).toBe(0);
    expect(plainScreen).toMatch(/❯ /);
    expect(coloured.raw()).toMatch(colourCodes);
    expect(coloured.colouredCells()).toBeGreaterThan(0);
    await plain.waitFor(HOME_READY);
    await coloured.waitFor(HOME_READY);
    plain.keys('q');
    coloured.keys('q');
    expect(await plain.waitExit()).toBe(0);
    expect(await coloured.waitExit()).toBe(0);
  });
});

describeTier('terminal', 'wizard in a real terminal: a guided procedure, stopped and resumed', () => {
  it('answers the branches, marks a step done at 80x24, quits, and finds the progress again', async () => {
    const config = configDir();
    const first = wizard({ config });
    await first.waitFor('Offline checklist');
    await first.waitFor(HOME_READY);
    // The procedures entry sits just above Quit.
    first.keys('G', 'k', 'Enter');
    fits(first, await first.waitFor('guided procedures'), 80, 24);
    first.keys('j', 'j', 'Enter');
    await first.waitFor('How many appliances are in the site?');
    first.keys('Enter');
    await first.waitFor('Which CCE version?');
    first.keys('Enter');
    await first.waitFor('Is TLS used');
    first.keys('Enter');
    let s = await first.waitFor('0 of 8 steps done');
    expect(s).toMatch(/❯ \[ \] 1\. Drain services/);
    fits(first, s, 80, 24);
    first.keys('Space');
    s = await first.waitFor('1 of 8 steps done');
    expect(s).toMatch(/❯ \[x\] 1\. Drain services/);
    fits(first, s, 80, 24);
    first.keys('q');
    expect(await first.waitExit()).toBe(0);

    const second = wizard({ config });
    await second.waitFor('Offline checklist');
    await second.waitFor(HOME_READY);
    second.keys('G', 'k', 'Enter');
    s = await second.waitFor('(in progress: 1/8 done)');
    fits(second, s, 80, 24);
    second.keys('j', 'j', 'Enter');
    await second.waitFor('Resume (1 of 8 steps done)');
    second.keys('Enter');
    s = await second.waitFor(/❯ \[ \] 2\. Reset the certification authority/);
    expect(s).toContain('DESTRUCTIVE');
    second.keys('q');
    expect(await second.waitExit()).toBe(0);
  });
});
