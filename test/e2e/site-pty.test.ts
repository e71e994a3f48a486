/**
 * The site view in a real terminal (node-pty + @xterm/headless, the 'terminal' tier) at 80x24: a folder of
 * snapshots opened from the open screen, its site finding with the host of each evidence item, a host
 * drilled into and back, nothing wider than the terminal; and TERM=dumb getting ASCII only.
 */
import { expect, it, vi } from 'vitest';
import { dirname } from 'node:path';
import { describeTier } from '../tiers/tier.js';
import type { TerminalRun } from './terminal.js';
import { CLI, configDir, terminal } from './setup.js';
import { siteFolder } from '../helpers/site-folder.js';
import { CATALOGUE } from '../helpers/catalogue.js';

vi.setConfig({ testTimeout: 180_000 });

const HOME_READY = /No CCE host here\.|Check this host \(live/;

/** The wizard started in the folder that holds site-a/ (no PowerShell on PATH: the home menu is fixed). */
function wizard(cwd: string, env: Record<string, string> = {}): TerminalRun {
  return terminal!.startInTerminal({
    args: [CLI],
    cwd,
    cols: 80,
    rows: 24,
    env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: configDir('ccdoctor-e2e-site-'), TERM: 'xterm-256color', PATH: dirname(process.execPath), ...env },
  });
}

/** No more rows than the terminal, no line wider than it (none wrapped). */
function fits(run: TerminalRun, s: string): void {
  const lines = s.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  expect(run.wrappedRows(), `rows continuing a line wider than 80 columns:\n${s}`).toEqual([]);
}

describeTier('terminal', 'site view in a real terminal (pty, 80x24)', () => {
  it('opens a folder, shows the site, opens its finding, drills into a host and back', async () => {
    const run = wizard(siteFolder());
    await run.waitFor(HOME_READY);
    run.keys('Enter');
    await run.waitFor('Path:');
    run.keys('site-a', 'Enter');
    let s = await run.waitFor('ccdoctor · site view');
    s = await run.waitFor('Could not be read (1)');
    expect(s).toContain('site-a · 3 hosts in 1 site · 1 could not be read');
    expect(s).toContain('Site Sydney: 3 hosts');
    expect(s).toMatch(/❯ ✖ site-versions-differ {2}warning: the appliances of site Sydney run/);
    expect(s).toMatch(/CCE-SYD-03 +1 +1 +1 +0 +0 {2}site-a\/cce03\.json/);
    // The reader's message names where it failed; it wraps where the terminal ends.
    expect(s.replace(/\n\s*/g, ' ')).toContain('✖ site-a/broken.json: site-a/broken.json is not valid JSON: line 1, column 34: the text ends too early (truncated?): 1 unclosed object');
    fits(run, s);

    run.keys('Enter');
    s = await run.waitFor('site finding site-versions-differ');
    expect(s).toMatch(/CCE-SYD-02: Installed CCE version = 2\.0\.1\.271/);
    expect(s).toMatch(/❯ \[ \] 1\. Bring every appliance of the site to one version,\s+one appliance at a\s+time/);
    fits(run, s);
    run.keys('Escape');
    await run.waitFor('ccdoctor · site view');

    // Past the site's other findings (one per site rule) to the third host.
    const siteRows = CATALOGUE.siteRules.filter((r) => r.scope === 'site').length;
    run.keys(...Array<string>(siteRows - 1 + 3).fill('Down'), 'Enter');
    s = await run.waitFor('Failed:');
    expect(s).toMatch(/CCE-SYD-03 {2}· {2}CCE 2\.1\.0\.372 {2}· {2}snapshot site-a\/cce03\.json/);
    expect(s).toMatch(/❯ ✖ dotnet-too-old/);
    fits(run, s);
    run.keys('Escape');
    s = await run.waitFor('ccdoctor · site view');
    expect(s).toMatch(/❯ CCE-SYD-03/);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
    run.close();
  });

  it('TERM=dumb: the site view in plain ASCII lines', async () => {
    const run = wizard(siteFolder(), { TERM: 'dumb' });
    await run.waitFor(HOME_READY);
    run.keys('Enter');
    await run.waitFor('Path:');
    run.keys('site-a', 'Enter');
    // A plain terminal gets each frame as lines: the top of a long one scrolls away, so read what was printed.
    await run.waitFor('Could not be read (1)');
    expect(run.raw()).toMatch(/> X site-versions-differ {2}warning:/);
    run.keys('Enter');
    await run.waitFor('site finding site-versions-differ');
    await waitForRaw(run, /CCE-SYD-01: Installed CCE version = 2\.1\.0\.372/);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
    const raw = run.raw();
    expect(raw).toContain('ccdoctor - site view');
    expect(raw).not.toContain('\u001b');
    // eslint-disable-next-line no-control-regex
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
    run.close();
  });
});

async function waitForRaw(run: TerminalRun, what: RegExp, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what.test(run.raw())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${String(what)} in the output`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
