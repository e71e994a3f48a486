/**
 * The wizard in a real terminal: tmux runs the built CLI in an 80x24 pane (CI unset inside it, so the
 * wizard starts), keys are sent as a user types them, and the screen is read back with capture-pane.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

// Real processes and terminals: generous limits for a loaded machine (each wait has its own timeout).
vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SOCKET = `ccdoctor-e2e-${process.pid}-${randomBytes(3).toString('hex')}`;
const TARGET = 'wizard';
let stderrFile = '';
let exitFile = '';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const screen = () => tmux('capture-pane', '-p', '-t', TARGET);
const keys = (...k: string[]) => tmux('send-keys', '-t', TARGET, ...k);

async function waitScreen(what: string | RegExp, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${String(what)}; the pane shows:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function fits(s: string, columns: number, rows: number): void {
  const lines = s.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
}

// One tmux server (a private socket) for this file, always killed at the end.
afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // The server may already be gone with its last session.
  }
  // tmux can leave its socket file behind; it is ours (unique name), so remove it.
  rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, SOCKET), { force: true });
});

describe('wizard in a real terminal (tmux, 80x24)', () => {
  beforeAll(() => {
    expect(existsSync(CLI), 'dist/cli.js is built first (npm test runs the build)').toBe(true);
    const config = mkdtempSync(join(tmpdir(), 'ccdoctor-e2e-'));
    stderrFile = join(config, 'stderr.txt');
    exitFile = join(config, 'exit.txt');
    // The shell records the wizard's exit status after it ends (tmux's own pane status is not reliable).
    const command = `env -u CI -u CONTINUOUS_INTEGRATION CCDOCTOR_CONFIG_DIR='${config}' TERM=xterm-256color '${process.execPath}' '${CLI}' 2>'${stderrFile}'; echo $? > '${exitFile}'`;
    tmux('new-session', '-d', '-s', TARGET, '-x', '80', '-y', '24', '-c', ROOT, command);
  });


  it('opens the demo, a finding, marks a step done, goes back, shows help and quits', async () => {
    // Once the PowerShell lookup is done the home is complete (no PowerShell here: it says so).
    let s = await waitScreen(/No CCE host here\.|Check this host \(live/);
    expect(s).toMatch(/❯ (Open a snapshot file|Check this host)/);
    fits(s, 80, 24);

    // The demo is the entry after "Open a snapshot" (and "Check this host", where PowerShell exists).
    for (let i = s.includes('Check this host (live') ? 2 : 1; i > 0; i--) keys('j');
    s = await waitScreen(/❯ Try the demo host/);
    keys('Enter');
    s = await waitScreen('Failed:');
    expect(s).toContain('CCE-DEMO-01');
    expect(s).toMatch(/❯ ✖ dotnet-too-old/);
    fits(s, 80, 24);

    keys('Enter');
    s = await waitScreen('finding dotnet-too-old');
    expect(s).toContain('Evidence');
    keys('Home');
    s = await waitScreen(/❯ \[ \] 1\./);
    keys('Space');
    s = await waitScreen(/❯ \[x\] 1\./);
    fits(s, 80, 24);

    keys('Escape');
    s = await waitScreen('Failed:');
    expect(s).toMatch(/❯ ✖ dotnet-too-old/);

    keys('?');
    s = await waitScreen('Keys on this screen (findings)');
    fits(s, 80, 24);
    keys('Escape');
    await waitScreen('Failed:');

    keys('q');
    const end = Date.now() + 10_000;
    while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
      if (Date.now() > end) throw new Error(`the wizard did not exit after q:\n${screen()}\nstderr:\n${readFileSync(stderrFile, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readFileSync(exitFile, 'utf8').trim(), `stderr:\n${readFileSync(stderrFile, 'utf8')}`).toBe('0');
  });
});

describe('wizard in a real terminal: resize', () => {
  const target = 'resize';
  beforeAll(() => {
    const config = mkdtempSync(join(tmpdir(), 'ccdoctor-e2e-'));
    // PATH holds only node: no PowerShell, so the home shows the long "not available" line this test measures.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION PATH='${dirname(process.execPath)}' CCDOCTOR_CONFIG_DIR='${config}' '${process.execPath}' '${CLI}'`;
    tmux('new-session', '-d', '-s', target, '-x', '80', '-y', '24', '-c', ROOT, command);
  });

  it('uses the room of a bigger terminal after a resize', async () => {
    const wait = async (what: RegExp) => {
      const end = Date.now() + 10_000;
      for (;;) {
        const s = tmux('capture-pane', '-p', '-t', target);
        if (what.test(s)) return s;
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(what)}:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // At 80 columns the reason line is cut; at 120 it is whole.
    await wait(/Check this host: not available.*…/);
    tmux('resize-window', '-t', target, '-x', '120', '-y', '30');
    const s = await wait(/Check this host: not available \(.*\)\.\s*$/m);
    expect(s).not.toMatch(/not available.*…/);
    tmux('send-keys', '-t', target, 'q');
  });
});

describe('wizard in a real terminal: NO_COLOR', () => {
  const colourCodes = /\u001b\[(?:3|4|9|10)[0-9](?:;[0-9]+)*m/;
  const start = (target: string, env: string) => {
    const config = mkdtempSync(join(tmpdir(), 'ccdoctor-e2e-'));
    tmux('new-session', '-d', '-s', target, '-x', '80', '-y', '24', '-c', ROOT, `env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${env} CCDOCTOR_CONFIG_DIR='${config}' TERM=xterm-256color '${process.execPath}' '${CLI}'`);
  };
  const homeOf = async (target: string) => {
    const end = Date.now() + 10_000;
    for (;;) {
      // -e keeps the escape sequences: the colours as the terminal got them.
      const s = tmux('capture-pane', '-e', '-p', '-t', target);
      if (/Offline checklist/.test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for the home screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('without colour the selection stays visible; with colour there are colours (the built bundle applies NO_COLOR before Ink loads)', async () => {
    start('nocolour', 'NO_COLOR=1');
    start('colour', 'FORCE_COLOR=1');
    const plain = await homeOf('nocolour');
    const coloured = await homeOf('colour');
    expect(plain).not.toMatch(colourCodes);
    expect(plain).toMatch(/❯ /);
    expect(coloured).toMatch(colourCodes);
    tmux('send-keys', '-t', 'nocolour', 'q');
    tmux('send-keys', '-t', 'colour', 'q');
  });
});

describe('wizard in a real terminal: a guided procedure, stopped and resumed', () => {
  const config = mkdtempSync(join(tmpdir(), 'ccdoctor-e2e-'));
  const start = (target: string) =>
    tmux('new-session', '-d', '-s', target, '-x', '80', '-y', '24', '-c', ROOT, `env -u CI -u CONTINUOUS_INTEGRATION CCDOCTOR_CONFIG_DIR='${config}' TERM=xterm-256color '${process.execPath}' '${CLI}'`);
  const wait = async (target: string, what: string | RegExp) => {
    const end = Date.now() + 10_000;
    for (;;) {
      const s = tmux('capture-pane', '-p', '-t', target);
      if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(what)}:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('answers the branches, marks a step done at 80x24, quits, and finds the progress again', async () => {
    start('proc1');
    await wait('proc1', 'Offline checklist');
    // The procedures entry sits just above Quit.
    tmux('send-keys', '-t', 'proc1', 'G', 'k', 'Enter');
    fits(await wait('proc1', 'guided procedures'), 80, 24);
    tmux('send-keys', '-t', 'proc1', 'j', 'j', 'Enter');
    await wait('proc1', 'How many appliances are in the site?');
    tmux('send-keys', '-t', 'proc1', 'Enter');
    await wait('proc1', 'Which CCE version?');
    tmux('send-keys', '-t', 'proc1', 'Enter');
    await wait('proc1', 'Is TLS used');
    tmux('send-keys', '-t', 'proc1', 'Enter');
    let s = await wait('proc1', '0 of 8 steps done');
    expect(s).toMatch(/❯ \[ \] 1\. Drain services/);
    fits(s, 80, 24);
    tmux('send-keys', '-t', 'proc1', 'Space');
    s = await wait('proc1', '1 of 8 steps done');
    expect(s).toMatch(/❯ \[x\] 1\. Drain services/);
    fits(s, 80, 24);
    tmux('send-keys', '-t', 'proc1', 'q');

    start('proc2');
    await wait('proc2', 'Offline checklist');
    tmux('send-keys', '-t', 'proc2', 'G', 'k', 'Enter');
    s = await wait('proc2', '(in progress: 1/8 done)');
    fits(s, 80, 24);
    tmux('send-keys', '-t', 'proc2', 'j', 'j', 'Enter');
    await wait('proc2', 'Resume (1 of 8 steps done)');
    tmux('send-keys', '-t', 'proc2', 'Enter');
    s = await wait('proc2', /❯ \[ \] 2\. Reset the certification authority/);
    expect(s).toContain('DESTRUCTIVE');
    tmux('send-keys', '-t', 'proc2', 'q');
  });
});
