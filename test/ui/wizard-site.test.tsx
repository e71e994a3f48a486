import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { checkSnapshot } from '../helpers/check.js';
import { countsBySeverity } from '../../src/ui/screens/findings-rows.js';
import { KEYS, ROOT, choose, frame, press, renderApp, testServices, typeText, waitFor } from './helpers.js';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

/**
 * A site of two appliances with a planted cross-appliance fault (appliance 2 left on CCE 2.0), a file
 * that is no snapshot, collect's manifest (never a snapshot), and a host of another site.
 */
function siteFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-site-'));
  const site = join(dir, 'site-a');
  mkdirSync(site);
  // Appliance 1 is written as a patch of healthy-2.1.json: copied whole (its base is no host of the site).
  writeFileSync(join(site, 'cce01.json'), JSON.stringify(readSnapshotJson(join(ROOT, 'snapshots', 'ha-site-appliance-1.json'))));
  const behind = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'ha-site-appliance-2.json'), 'utf8'));
  behind.facts['cce.scriptVersion'].value = '2.0.1.271';
  behind.facts['cce.runningVersion'].value = '2.0.1.271';
  writeFileSync(join(site, 'cce02.json'), JSON.stringify(behind));
  // A third appliance with documented problems of its own (the demo host, registered in site Sydney).
  writeFileSync(join(site, 'cce03.json'), JSON.stringify(readSnapshotJson(join(ROOT, 'snapshots', 'demo.json'))));
  writeFileSync(join(site, 'broken.json'), '{ "schema": "ccdoctor/snapshot", ');
  writeFileSync(join(site, 'manifest.json'), '{}');
  return dir;
}

async function openFolder(app: ReturnType<typeof renderApp>, typed: string): Promise<string> {
  await waitFor(app, 'Quit');
  await press(app, KEYS.enter);
  await waitFor(app, 'Path:');
  await typeText(app, `${typed}\r`);
  return waitFor(app, 'site view');
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
    // The demo host's counts, as its own run finds them.
    const demo = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'));
    const c = countsBySeverity(demo.results);
    const unknown = demo.results.filter((r) => r.status === 'unknown').length;
    expect(f).toMatch(new RegExp(` {2}CCE-DEMO-01 +${c.critical} +${c.error} +${c.warning} +${c.info} +${unknown} {2}site-a/cce03\\.json`));
    expect(c.critical + c.error).toBeGreaterThan(0);
    expect(f).toContain('Could not be read (1)');
    expect(f).toMatch(/✖ site-a\/broken\.json: /);
    expect(f).not.toContain('manifest.json');
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(99);
  });

  it('drills into a host (its findings and a finding), Esc goes back to the site view', async () => {
    const dir = siteFolder();
    const app = renderApp({ services: testServices({}, dir) });
    await openFolder(app, 'site-a');
    await choose(app, 'CCE-DEMO-01');
    let f = await waitFor(app, 'Failed:');
    expect(f).toContain('ccdoctor · findings');
    expect(f).toContain('CCE-DEMO-01  ·  CCE 2.1.0.372  ·  snapshot site-a/cce03.json');
    expect(f).toMatch(/❯ ✖ dotnet-too-old/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'ccdoctor · finding dotnet-too-old');
    expect(f).toContain('Evidence');
    expect(f).toContain('from snapshot: site-a/cce03.json');
    await press(app, KEYS.esc);
    await waitFor(app, 'Failed:');
    await press(app, KEYS.esc);
    f = await waitFor(app, 'site view');
    // Back where it was: the host stays selected.
    expect(f).toMatch(/❯ CCE-DEMO-01/);
    await press(app, KEYS.up);
    expect(frame(app)).toMatch(/❯ CCE-SYD-02/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Failed:');
    expect(f).toContain('CCE-SYD-02  ·  CCE 2.0.1.271  ·  snapshot site-a/cce02.json');
    await press(app, KEYS.esc);
    await waitFor(app, 'site view');
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
    expect(f).toContain('Site Sydney; appliances compared: CCE-SYD-01, CCE-SYD-02, CCE-DEMO-01');
    expect(f).toContain('CCE-SYD-01: Installed CCE version = 2.1.0.372');
    expect(f).toContain('CCE-SYD-02: Installed CCE version = 2.0.1.271');
    expect(f).toMatch(/❯ \[ \] 1\. Bring every appliance of the site to one version/);
    await press(app, KEYS.space);
    f = frame(app);
    expect(f).toMatch(/❯ \[x\] 1\./);
    await press(app, KEYS.esc);
    f = await waitFor(app, 'site view');
    expect(f).toMatch(/❯ ✖ site-versions-differ/);
  });

  it('reads a glob too, and a folder without snapshots is an error on the open screen', async () => {
    const dir = siteFolder();
    mkdirSync(join(dir, 'empty'));
    const app = renderApp({ services: testServices({}, dir) });
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    await waitFor(app, 'Path:');
    await typeText(app, 'empty\r');
    let f = await waitFor(app, 'the folder holds no .json snapshot');
    expect(f).toContain('empty: the folder holds no .json snapshot');
    expect(f).not.toContain('--snapshot');
    await press(app, KEYS.esc);
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    await typeText(app, 'site-a/cce0*.json\r');
    f = await waitFor(app, 'site view');
    expect(f).toContain('site-a/cce0*.json · 3 hosts in 1 site');
    expect(f).not.toContain('could not be read');
  });
});
