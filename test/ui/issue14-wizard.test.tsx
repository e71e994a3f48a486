/**
 * Issue 14 in the wizard (ink-testing-library): the fixes with their dry run and typed consent, the
 * report export (and its refusal to overwrite), passed rules, p on a step and on a rule page, the
 * footer's keys (s on checklist runs), and every screen's key list (footer and ? from one place).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, choose, frame, openDemo, press, renderApp, testServices, typeText, waitFor, type Rendered } from './helpers.js';
import { SCREENS } from '../../src/ui/screens/index.js';
import { copyText, noClipboard, osc52 } from '../../src/ui/engine/clipboard.js';
import { commandWords, wrapCommand } from '../../src/ui/text.js';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => cleanup());

async function openSnapshot(app: Rendered, file: string): Promise<void> {
  await waitFor(app, 'No CCE host here.');
  await press(app, KEYS.enter);
  await typeText(app, `${file}\r`);
  await waitFor(app, 'Failed:');
}

async function openFinding(app: Rendered, rule: string): Promise<string> {
  for (let i = 0; i < 30 && !frame(app).includes(`❯ ✖ ${rule}`); i++) await press(app, KEYS.down);
  await press(app, KEYS.enter);
  return waitFor(app, `finding ${rule}`);
}

const CTRL_U = '\u0015';

describe('wizard fixes: the same dry run and typed consent as ccdoctor fix (item 15)', () => {
  it('ini-state-missing: shows the diff, writes only after "fix", keeps a backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-ui-'));
    const ini = join(dir, 'CloudConnector.ini');
    writeFileSync(ini, '[Common]\r\nSiteName=Site1\r\nVirtualMachineDomain=cce.local\r\n\r\n[Trunk]\r\nA=1\r\n');
    const app = renderApp({ services: testServices({}, dir) });
    await openSnapshot(app, join(process.cwd(), 'snapshots', 'symptom-ini-state-missing.json'));
    let f = await openFinding(app, 'ini-state-missing');
    expect(f).toContain('f fix it');
    await press(app, 'f');
    f = await waitFor(app, 'fix ini-state-missing');
    // Prefilled with the file the run read (the snapshot's host path).
    expect(f).toMatch(/File: .*CloudConnector\.ini/);
    await press(app, CTRL_U);
    await typeText(app, ini);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Type fix to add "State="');
    expect(f).toContain('+State=');
    expect(f).toContain('This adds one line to');
    expect(readFileSync(ini, 'utf8')).not.toContain('State=');
    await typeText(app, 'fix');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Fixed: added "State="');
    expect(f).toContain('Re-checked: ini-state-missing passes');
    expect(readFileSync(ini, 'utf8')).toBe('[Common]\r\nSiteName=Site1\r\nVirtualMachineDomain=cce.local\r\nState=\r\n\r\n[Trunk]\r\nA=1\r\n');
  });

  it('another answer than the word changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fix-ui-'));
    const cache = join(dir, 'ModuleAnalysisCache');
    writeFileSync(cache, 'x'.repeat(100));
    const app = renderApp({ services: testServices({}, dir) });
    await openSnapshot(app, join(process.cwd(), 'snapshots', 'symptom-module-analysis-cache-stale.json'));
    await openFinding(app, 'module-analysis-cache-stale');
    await press(app, 'f');
    await waitFor(app, 'fix module-analysis-cache-stale');
    await press(app, CTRL_U);
    await typeText(app, cache);
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Type delete to delete it');
    expect(f).toContain('This deletes');
    await typeText(app, 'yes');
    await press(app, KEYS.enter);
    await waitFor(app, 'Cancelled: nothing was deleted.');
    expect(readFileSync(cache, 'utf8')).toHaveLength(100);
  });

  it('a file that is not there is a plain error on the screen', async () => {
    const app = renderApp();
    await openSnapshot(app, 'snapshots/symptom-ini-state-missing.json');
    await openFinding(app, 'ini-state-missing');
    await press(app, 'f');
    await waitFor(app, 'fix ini-state-missing');
    await press(app, KEYS.enter);
    expect(await waitFor(app, /does\s+not\s+exist/)).toContain('File:');
  });
});

describe('wizard export (item 15)', () => {
  it('writes the chosen format atomically, says where, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-export-ui-'));
    const app = renderApp({ services: testServices({}, dir) });
    await openDemo(app);
    expect(frame(app)).toContain('e export');
    await press(app, 'e');
    let f = await waitFor(app, 'export a report');
    expect(f).toContain(dir);
    await press(app, KEYS.down, KEYS.down, KEYS.down);
    f = await waitFor(app, /File: ccdoctor-CCE-DEMO-01-\d+\.xml/);
    await press(app, CTRL_U);
    await typeText(app, 'out.xml');
    await press(app, KEYS.enter);
    await waitFor(app, 'Wrote out.xml (junit)');
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toContain('<testsuite');
    await press(app, 'e', CTRL_U);
    await typeText(app, 'out.xml');
    await press(app, KEYS.enter);
    // A .xml name for Markdown is refused, as report --out x.xml --format md is.
    f = await waitFor(app, 'Not written:');
    expect(f.replace(/\s+/g, ' ')).toContain('out.xml names a junit file, not md');
    await press(app, KEYS.down, KEYS.down, KEYS.down, CTRL_U);
    await typeText(app, 'out.xml');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'already exists');
    expect(f.replace(/\s+/g, ' ')).toContain('already exists: not overwritten: give another name');
  });
});

describe('wizard: passed rules, p, and the footer (item 8)', () => {
  it('a toggles the passed and not-applicable rules, which open like findings', async () => {
    const app = renderApp();
    await openDemo(app);
    await press(app, 'a');
    const f = await waitFor(app, /Passed \(\d+\)/);
    expect(f).toContain('a hide passed');
    await choose(app, '✔ ');
    expect(await waitFor(app, /finding \S+/)).toMatch(/PASS/);
  });

  it('p on a step that names a procedure opens it; the footer shows p only there', async () => {
    const app = renderApp();
    await openSnapshot(app, 'snapshots/symptom-ha-first-deployment-unreported.json');
    let f = await openFinding(app, 'ha-first-deployment-unreported');
    expect(f).toContain('p procedure');
    await press(app, 'p');
    f = await waitFor(app, 'procedure reinstall-appliance');
  });

  it('p on a rule page from the symptom browser', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'Browse symptoms');
    await typeText(app, 'site-autoupdate');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'rule site-autoupdate-disabled');
    expect(f).toContain('p procedure');
    await press(app, 'p');
    await waitFor(app, 'procedure manual-windows-update');
  });

  it('a rule without a procedure has no p in its footer, and p does nothing', async () => {
    const app = renderApp();
    await openDemo(app);
    const f = await openFinding(app, 'dotnet-too-old');
    expect(f).not.toContain('p procedure');
    await press(app, 'p');
    expect(frame(app)).toContain('finding dotnet-too-old');
  });
});

describe('every screen lists its keys once, next to its handler', () => {
  it('the screen table is complete by type: leaving a screen out does not compile (tsc checks this file)', () => {
    const { fix: _left, ...rest } = SCREENS;
    // @ts-expect-error a table without the fix screen is not a SCREENS table
    const incomplete: typeof SCREENS = rest;
    expect(Object.keys(incomplete)).not.toContain('fix');
  });

  it('each screen has a key list the footer and ? show', () => {
    for (const [name, def] of Object.entries(SCREENS)) {
      expect(def.keys, name).toBeDefined();
      expect(typeof def.onKey, name).toBe('function');
    }
  });
});

describe('commands and the clipboard (item 3)', () => {
  const cmd = "(Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release";
  it('never breaks inside quotes; broken rows end in a backtick continuation', () => {
    expect(commandWords("Set-X -Path 'a b' -Name \"c `\" d\" -V 'it''s here'")).toEqual(['Set-X', '-Path', "'a b'", '-Name', '"c `" d"', '-V', "'it''s here'"]);
    for (const width of [40, 60, 80, 120]) {
      const { rows } = wrapCommand(cmd, width, '        ');
      expect(rows.join('\n')).toContain("'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full'");
      rows.slice(0, -1).forEach((r) => expect(r.endsWith(' `')).toBe(true));
      // Rows copied from the screen make the same command again (continuations removed).
      expect(rows.map((r) => r.replace(/^\s*(PS> )?/, '').replace(/ `$/, '')).join(' ')).toBe(cmd);
    }
  });
  it('OSC 52 only on a terminal that can; else a file', async () => {
    expect(osc52('hi', {})).toBe('\u001b]52;c;aGk=\u0007');
    expect(osc52('hi', { TMUX: '1' })).toBe('\u001bPtmux;\u001b\u001b]52;c;aGk=\u0007\u001b\\');
    expect(noClipboard({ isTTY: true }, { TERM: 'xterm' })).toBeUndefined();
    expect(noClipboard({ isTTY: true }, { TERM: 'dumb' })).toMatch(/dumb/);
    expect(noClipboard({ isTTY: false }, { TERM: 'xterm' })).toMatch(/not a terminal/);
    expect(noClipboard({ isTTY: true }, { TERM: 'xterm', CCDOCTOR_CLIPBOARD: 'file' })).toMatch(/CCDOCTOR_CLIPBOARD/);
    const file = join(mkdtempSync(join(tmpdir(), 'ccdoctor-copy-')), 'sub', 'c.ps1');
    expect(await copyText(cmd, { env: { TERM: 'dumb' }, file })).toMatchObject({ via: 'file', path: file });
    expect(readFileSync(file, 'utf8')).toBe(`${cmd}\n`);
  });
});

describe('checklist runs: s in the footer', () => {
  it('shows s save answers on the findings of a checklist run', async () => {
    const app = renderApp();
    await waitFor(app, 'Quit');
    await choose(app, 'Offline checklist');
    await typeText(app, 'dotnet');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 1 (about');
    await typeText(app, '2.0.1\r');
    const f = await waitFor(app, 'Failed:');
    expect(f).toContain('s save answers');
  });
});

describe('the save screen names its whole folder (item 9)', () => {
  it('wraps a long folder instead of cutting it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ccdoctor-save-ui-')), 'a-rather-long-folder-name-for-the-checklist-answers', 'and-another-level-below-it');
    const app = renderApp({ services: testServices({}, dir) });
    await waitFor(app, 'Quit');
    await choose(app, 'Offline checklist');
    await typeText(app, 'dotnet');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 1 (about');
    await typeText(app, '2.0.1\r');
    await waitFor(app, 's save answers');
    await press(app, 's');
    const f = await waitFor(app, 'File: ccdoctor-checklist-');
    expect(f.replace(/\n/g, '')).toContain(dir);
  });
});

describe('procedure steps: c copies the selected step\'s command (item 3)', () => {
  it('copies it (here, with no terminal, into the file the status line names)', async () => {
    const services = testServices();
    const app = renderApp({ services });
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'Guided procedures (7)');
    await choose(app, 'Drain a Lync Server');
    await choose(app, 'One service');
    await choose(app, 'RTCMEDSRV: Mediation');
    await waitFor(app, 'steps done');
    for (let i = 0; i < 30 && !/❯ \[[ x]\] \d+\. Pause the service/.test(frame(app)); i++) await press(app, KEYS.down);
    expect(frame(app)).toContain('c copy command');
    await press(app, 'c');
    const f = await waitFor(app, 'No clipboard here');
    const file = join(services.configDir, 'copied-command.ps1');
    expect(f.replace(/\n/g, '')).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe("Suspend-Service -Name 'RTCMEDSRV'\n");
  });
});
