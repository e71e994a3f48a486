import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { join } from 'node:path';
import { bundledEntries } from '../../src/ui/engine/services.js';
import { siteFolder } from '../helpers/site-folder.js';
import { checkSnapshot } from '../helpers/check.js';
import { countsBySeverity } from '../../src/ui/screens/findings-rows.js';
import { executeFleet, type FleetHooks } from '../../src/ui/engine/fleet-run.js';
import type { SnapshotInput } from '../../src/core/fleet/inputs.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { makeTheme } from '../../src/ui/theme.js';
import { KEYS, ROOT, choose, frame, press, renderApp, testServices, typeText, waitFor } from './helpers.js';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

/** The site view's title (the reading screen mentions the site view too). */
const SITE_VIEW = /^ccdoctor . site view/m;

/** Home → open a snapshot → types a path and Enter. */
async function typePath(app: ReturnType<typeof renderApp>, typed: string): Promise<void> {
  await waitFor(app, 'Quit');
  await press(app, KEYS.enter);
  await waitFor(app, 'Path:');
  await typeText(app, `${typed}\r`);
}

async function openFolder(app: ReturnType<typeof renderApp>, typed: string): Promise<string> {
  await typePath(app, typed);
  return waitFor(app, SITE_VIEW);
}

describe('wizard: a folder of snapshots → site view → a host', () => {
  it('shows the sites with their findings, the hosts with their counts and what could not be read', async () => {
    const dir = siteFolder();
    const app = renderApp({ services: testServices({}, dir) });
    const f = await openFolder(app, 'site-a');
    expect(f).toContain('site-a · 3 hosts in 1 site · 1 could not be read');
    expect(f).toContain('Site findings: 1 failed');
    expect(f).toContain('Site Sydney: 3 hosts');
    expect(f).toMatch(/❯ ✖ site-versions-differ {2}warning: the appliances of site Sydney run different CCE versions/);
    expect(f).toMatch(/host\s+critical error warning info unknown {2}snapshot/);
    expect(f).toMatch(/ {2}CCE-SYD-01\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+ {2}site-a\/cce01\.json/);
    expect(f).toMatch(/ {2}CCE-SYD-02\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+ {2}site-a\/cce02\.json/);
    // CCE-SYD-03's counts, as its own run finds them.
    const demo = await checkSnapshot(join(dir, 'site-a', 'cce03.json'));
    const c = countsBySeverity(demo.results);
    const unknown = demo.results.filter((r) => r.status === 'unknown').length;
    expect(f).toMatch(new RegExp(` {2}CCE-SYD-03 +${c.critical} +${c.error} +${c.warning} +${c.info} +${unknown} {2}site-a/cce03\\.json`));
    expect(c.critical + c.error).toBeGreaterThan(0);
    expect(f).toContain('Could not be read (1)');
    // The reason is wrapped whole, never cut.
    expect(f.replace(/\n\s*/g, ' ')).toMatch(/✖ site-a\/broken\.json: site-a\/broken\.json is not valid JSON: line 1, column 34: the text ends too early \(truncated\?\): 1 unclosed object/);
    expect(f).not.toContain('manifest.json');
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(99);
    await press(app, '?');
    const help = frame(app);
    expect(help).toContain('Keys on this screen (site)');
    expect(help).toMatch(/Enter +open host or finding/);
    expect(help).toMatch(/PgUp\/PgDn Home\/End +page, first, last/);
    await press(app, KEYS.esc);
    expect(frame(app)).toContain('Site Sydney: 3 hosts');
  });

  it('drills into a host (its findings and a finding), Esc goes back to the site view', async () => {
    const dir = siteFolder();
    const app = renderApp({ services: testServices({}, dir) });
    await openFolder(app, 'site-a');
    await choose(app, 'CCE-SYD-03');
    let f = await waitFor(app, 'Failed:');
    expect(f).toContain('ccdoctor · findings');
    expect(f).toContain('CCE-SYD-03  ·  CCE 2.1.0.372  ·  snapshot site-a/cce03.json');
    expect(f).toMatch(/❯ ✖ dotnet-too-old/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'ccdoctor · finding dotnet-too-old');
    expect(f).toContain('Evidence');
    expect(f).toContain('from snapshot: site-a/cce03.json');
    await press(app, KEYS.esc);
    await waitFor(app, 'Failed:');
    await press(app, KEYS.esc);
    f = await waitFor(app, SITE_VIEW);
    // Back where it was: the host stays selected.
    expect(f).toMatch(/❯ CCE-SYD-03/);
    await press(app, KEYS.up);
    expect(frame(app)).toMatch(/❯ CCE-SYD-02/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Failed:');
    expect(f).toContain('CCE-SYD-02  ·  CCE 2.0.1.271  ·  snapshot site-a/cce02.json');
    await press(app, KEYS.esc);
    await waitFor(app, SITE_VIEW);
    await press(app, KEYS.esc);
    await waitFor(app, 'Path:');
  });

  it('opens a site finding: the host of each evidence item, and its remediation', async () => {
    const dir = siteFolder();
    const app = renderApp({ services: testServices({}, dir) });
    await openFolder(app, 'site-a');
    await press(app, KEYS.enter);
    let f = await waitFor(app, 'site finding site-versions-differ');
    expect(f).toContain('WARNING  site-versions-differ');
    expect(f).toContain('Site Sydney; appliances compared: CCE-SYD-01, CCE-SYD-02, CCE-SYD-03');
    expect(f).toContain('CCE-SYD-01: Installed CCE version = 2.1.0.372');
    expect(f).toContain('CCE-SYD-02: Installed CCE version = 2.0.1.271');
    expect(f).toMatch(/❯ \[ \] 1\. Bring every appliance of the site to one version/);
    await press(app, KEYS.space);
    f = frame(app);
    expect(f).toMatch(/❯ \[x\] 1\./);
    await press(app, KEYS.esc);
    f = await waitFor(app, SITE_VIEW);
    expect(f).toMatch(/❯ ✖ site-versions-differ/);
  });

  it('reads a glob too, and a folder without snapshots is an error on the open screen', async () => {
    const dir = siteFolder();
    mkdirSync(join(dir, 'empty'));
    const app = renderApp({ services: testServices({}, dir) });
    await typePath(app, 'empty');
    let f = await waitFor(app, 'the folder holds no .json snapshot');
    expect(f).toContain('empty: the folder holds no .json snapshot');
    expect(f).not.toContain('--snapshot');
    await press(app, KEYS.esc);
    await typePath(app, 'site-a/cce0*.json');
    f = await waitFor(app, SITE_VIEW);
    expect(f).toContain('site-a/cce0*.json · 3 hosts in 1 site');
    expect(f).not.toContain('could not be read');
  });
});

/** A folder read that shows its first host and then waits for `release` (or a cancel). */
function gatedFleet(gate: { signal?: AbortSignal; release?: () => void }) {
  return async (inputs: readonly SnapshotInput[], hooks: FleetHooks) => {
    gate.signal = hooks.signal;
    // The first two inputs (broken.json, cce01.json) are read.
    hooks.onProgress({ done: 2, total: inputs.length, last: inputs[1]!.shown, failed: 1 });
    await new Promise<void>((r) => {
      gate.release = r;
      hooks.signal.addEventListener('abort', () => r());
    });
    if (!hooks.signal.aborted) return executeFleet(inputs, CATALOGUE, hooks);
    // What a cancel after the first two inputs keeps (executeFleet's own cancel is tested below).
    const first = await executeFleet(inputs.slice(0, 2), CATALOGUE, { signal: new AbortController().signal, onProgress: () => undefined });
    return { ...first, run: { ...first.run, partial: true } };
  };
}

describe('wizard: a folder in the recent list', () => {
  it('remembers the folder opened (not the hosts drilled into) and opens it again from the list', async () => {
    const dir = siteFolder();
    const services = testServices({}, dir);
    const app = renderApp({ services });
    await openFolder(app, 'site-a');
    await choose(app, 'CCE-SYD-03');
    await waitFor(app, 'Failed:');
    await press(app, KEYS.esc);
    await waitFor(app, SITE_VIEW);
    // Remembering is written in the background: wait for it.
    await expect.poll(() => services.recent(), { timeout: 10_000 }).toEqual([join(dir, 'site-a')]);
    await press(app, KEYS.esc, KEYS.esc);
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Recently opened');
    expect(f).toMatch(/❯ site-a$/m);
    await press(app, KEYS.enter);
    expect(await waitFor(app, SITE_VIEW)).toContain('3 hosts in 1 site');
  });
});

describe('wizard: reading a folder', () => {
  it('shows N of M hosts read; Esc cancels and the site view shows the hosts read so far', async () => {
    const dir = siteFolder();
    const gate: { signal?: AbortSignal } = {};
    const app = renderApp({ services: testServices({ runFleet: gatedFleet(gate) }, dir) });
    await typePath(app, 'site-a');
    let f = await waitFor(app, '2 of 4 hosts read (1 could not be read)');
    expect(f).toContain('ccdoctor · reading snapshots');
    expect(f).toContain('Reading the snapshots of site-a…');
    expect(f).toContain('site-a/cce01.json');
    expect(f).toContain('Esc c cancel (keeps the hosts read)');
    // q asks first while a folder is read, as during a one-host run.
    await press(app, 'q');
    expect(frame(app)).toContain('A run is active: press q again to quit');
    expect(gate.signal?.aborted).toBe(false);
    await press(app, KEYS.esc);
    expect(gate.signal?.aborted).toBe(true);
    f = await waitFor(app, SITE_VIEW);
    expect(f).toContain('Cancelled: 2 of 4 inputs read; the sites show those only.');
    expect(f).toContain('site-a · 1 host in 1 site · 1 could not be read');
    // One Esc cancelled; the next goes back to the open screen.
    await press(app, KEYS.esc);
    await waitFor(app, 'Path:');
  });

  it('keys typed while the folder is read act on the site view once it shows', async () => {
    const dir = siteFolder();
    const gate: { release?: () => void } = {};
    const app = renderApp({ services: testServices({ runFleet: gatedFleet(gate) }, dir) });
    await typePath(app, 'site-a');
    await waitFor(app, '2 of 4 hosts read');
    // Down to the first host (below the site's findings, one per site rule), and open it: typed in one
    // chunk, before the view exists.
    const siteRows = CATALOGUE.siteRules.filter((r) => r.scope === 'site').length;
    app.stdin.write(`${KEYS.down.repeat(siteRows)}${KEYS.enter}`);
    await press(app, 'x');
    expect(frame(app)).toContain('reading snapshots');
    gate.release!();
    const f = await waitFor(app, 'Failed:');
    expect(f).toContain('CCE-SYD-01  ·  CCE 2.1.0.372  ·  snapshot site-a/cce01.json');
    await press(app, KEYS.esc);
    expect(await waitFor(app, SITE_VIEW)).toMatch(/❯ CCE-SYD-01/);
  });

  it('executeFleet stops at the next input on cancel and keeps each host with its file', async () => {
    const dir = siteFolder();
    const inputs = testServices({}, dir).folderInputs('site-a')!;
    expect(inputs.map((i) => i.shown)).toEqual(['site-a/broken.json', 'site-a/cce01.json', 'site-a/cce02.json', 'site-a/cce03.json']);
    const controller = new AbortController();
    const seen: string[] = [];
    const fleet = await executeFleet(inputs, CATALOGUE, {
      signal: controller.signal,
      onProgress(p) {
        seen.push(`${p.done}/${p.total} ${p.last} failed=${p.failed}`);
        if (p.done === 2) controller.abort();
      },
    });
    expect(seen).toEqual(['1/4 site-a/broken.json failed=1', '2/4 site-a/cce01.json failed=1']);
    expect(fleet.run.partial).toBe(true);
    expect(fleet.run.hosts.map((h) => h.name)).toEqual(['CCE-SYD-01']);
    expect(fleet.paths).toEqual([join(dir, 'site-a', 'cce01.json')]);
  });
});

describe('wizard: a long site view', () => {
  it('scrolls: 30 more hosts, End reaches the last row, Home the first; every frame fits', async () => {
    const dir = siteFolder();
    const base = readSnapshotJson(join(ROOT, 'snapshots', 'healthy-2.1.json'));
    for (let i = 10; i < 40; i++) {
      const name = `CCE-X-${i}`;
      writeFileSync(join(dir, 'site-a', `x${i}.json`), JSON.stringify({ ...base, host: { ...base.host, name }, facts: { ...base.facts, 'host.name': { ...base.facts['host.name'], value: name } } }));
    }
    const app = renderApp({ services: testServices({}, dir) });
    let f = await openFolder(app, 'site-a');
    expect(f).toContain("33 hosts in 1 site");
    expect(f).not.toContain('Could not be read');
    await press(app, KEYS.end);
    f = await waitFor(app, /❯ ✖ site-a\/broken\.json/);
    expect(f).not.toContain('Site Sydney');
    expect(f).toContain('CCE-X-39');
    await press(app, KEYS.home);
    f = await waitFor(app, /❯ ✖ site-directory-differs/);
    expect(f).toContain('Site Sydney: 33 hosts');
  });
});

describe('wizard: bundled folders and plain terminals', () => {
  it('the open screen offers the folders of snapshots first, and one opens the site view', async () => {
    const dir = siteFolder();
    const entries = await bundledEntries(dir, (p) => p.slice(dir.length + 1));
    // empty/ and the like are not offered: only folders that hold snapshots.
    expect(entries.map((e) => `${e.label}${e.folder ? ' [folder]' : ''}`)).toEqual(['site-a/ (4 snapshots) [folder]']);
    const app = renderApp({ services: testServices({ bundledSnapshots: () => bundledEntries(dir, (p) => p.slice(dir.length + 1)) }, dir) });
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Bundled sites (folders of snapshots)');
    expect(f).toMatch(/❯ site-a\/ \(4 snapshots\)/);
    await press(app, KEYS.enter);
    expect(await waitFor(app, SITE_VIEW)).toContain('3 hosts in 1 site');
  });

  it('TERM=dumb: the site view and a site finding in ASCII', async () => {
    const dir = siteFolder();
    const app = renderApp({ services: testServices({}, dir), theme: makeTheme({ noColour: true, ascii: true }) });
    let f = await openFolder(app, 'site-a');
    expect(f).toMatch(/^> X site-versions-differ {2}warning:/m);
    expect(f).toMatch(/^ {2}X site-a\/broken\.json:/m);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'site finding site-versions-differ');
    expect(f).toContain('ccdoctor - site finding site-versions-differ');
    expect(f).toMatch(/> \[ \] 1\./);
  });
});
