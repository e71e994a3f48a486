import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { readFileSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkSnapshot } from '../helpers/check.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { infoLines } from '../../src/ui/screens/RuleInfo.js';
import { KEYS, ROOT, choose, frame, openDemo, press, renderApp, testServices, typeText, waitFor } from './helpers.js';

// Many keys per test on a shared, loaded machine: more than vitest's default 5 s.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

describe('wizard: home', () => {
  it('says there is no CCE host and offers only what exists', async () => {
    const app = renderApp({ explain: undefined });
    const f = await waitFor(app, 'No CCE host here.');
    expect(f).toMatch(/Check this host: not available \(no Windows PowerShell here/);
    expect(f).toContain('Open a snapshot file');
    expect(f).toContain('Try the demo host');
    expect(f).toContain('Browse symptoms');
    expect(f).toContain('Offline checklist');
    // Only what exists: no explain entry without a matcher; the guided procedures are defined.
    expect(f).not.toContain('I have an error message');
    expect(f).toContain('Guided procedures (7)');
    expect(f).toMatch(/❯ Open a snapshot file/);
  });

  it('offers "I have an error message" when the matcher is there', async () => {
    const app = renderApp();
    expect(await waitFor(app, 'No CCE host here.')).toContain('I have an error message');
  });

  it('j/k and arrows move the selection; several keys in one chunk all count', async () => {
    const app = renderApp({ explain: undefined });
    await waitFor(app, 'No CCE host here.');
    await press(app, 'j', 'j');
    expect(frame(app)).toMatch(/❯ Browse symptoms/);
    await press(app, 'k');
    expect(frame(app)).toMatch(/❯ Try the demo host/);
    await typeText(app, `${KEYS.down}${KEYS.down}${KEYS.up}`);
    expect(frame(app)).toMatch(/❯ Browse symptoms/);
    await press(app, KEYS.end);
    expect(frame(app)).toMatch(/❯ Quit/);
    await press(app, 'g');
    expect(frame(app)).toMatch(/❯ Open a snapshot file/);
  });
});

describe('wizard: demo → findings → detail', () => {
  it('shows the header with host, version, source and counts, grouped by severity', async () => {
    const app = renderApp();
    const f = await openDemo(app);
    expect(f).toContain('CCE-DEMO-01');
    expect(f).toContain('CCE 2.1.0.372');
    expect(f).toContain('snapshot snapshots/demo.json');
    const expected = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'));
    const count = (sev: string) => expected.results.filter((r) => r.status === 'fail' && r.severity === sev).length;
    expect(f).toContain(`Failed: ${count('critical')} critical, ${count('error')} error, ${count('warning')} warning, ${count('info')} info`);
    const lines = f.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at(`Critical (${count('critical')})`)).toBeLessThan(at('dotnet-too-old'));
    expect(at(`Error (${count('error')})`)).toBeLessThan(at('ini-state-missing'));
    expect(at(`Warning (${count('warning')})`)).toBeLessThan(at('running-version-mismatch'));
    expect(at('dotnet-too-old')).toBeLessThan(at('ini-state-missing'));
  });

  it('opens a finding with evidence and provenance, marks a step done, verifies, and goes back keeping the cursor', async () => {
    const app = renderApp();
    await openDemo(app);
    // The findings in list order: open module-analysis-cache-stale wherever it stands.
    const order = frame(app).split('\n').filter((l) => /✖ [a-z]/.test(l));
    const index = order.findIndex((l) => l.includes('module-analysis-cache-stale'));
    expect(index).toBeGreaterThanOrEqual(0);
    await press(app, ...Array<string>(index).fill(KEYS.down), KEYS.enter);
    let f = await waitFor(app, 'finding module-analysis-cache-stale');
    expect(f).toContain('Evidence');
    expect(f).toContain('from snapshot: snapshots/demo.json facts["ps.moduleAnalysisCache"]');
    await press(app, KEYS.end);
    f = frame(app);
    expect(f).toContain('[ ] 1. Delete the ModuleAnalysisCache file (on host)');
    expect(f).toContain('PS> $saved = $env:PSModuleAnalysisCachePath;');
    expect(f).toContain('-Command { Remove-Item -LiteralPath');
    expect(f).toContain("'C:\\Users\\cceadmin");
    await press(app, KEYS.space);
    expect(frame(app)).toContain('[x] 1. Delete the ModuleAnalysisCache file');
    await press(app, 'v');
    expect(frame(app)).toContain('Verified module-analysis-cache-stale');
    expect(frame(app)).toContain('still fails');
    await press(app, KEYS.esc);
    f = await waitFor(app, 'Failed:');
    expect(f).toMatch(/❯ ✖ module-analysis-cache-stale/);
    // Backspace (0x7f, key.delete in ink 6) also goes back; the done mark is kept.
    await press(app, KEYS.enter);
    await waitFor(app, 'finding module-analysis-cache-stale');
    await press(app, KEYS.end);
    expect(frame(app)).toContain('[x] 1.');
    await press(app, KEYS.backspace);
    await waitFor(app, 'Failed:');
  });

  it('? shows the keys of the current screen; Esc closes it', async () => {
    const app = renderApp();
    await openDemo(app);
    await press(app, '?');
    let f = frame(app);
    expect(f).toContain('Keys on this screen (findings)');
    expect(f).toContain('PgUp/PgDn Home/End');
    expect(f).toContain('Ctrl+C');
    await press(app, KEYS.esc);
    f = frame(app);
    expect(f).toContain('Failed:');
  });

  it('remembers opened snapshots in the recent list (a JSON file in the config folder)', async () => {
    const services = testServices();
    const app = renderApp({ services });
    await openDemo(app);
    await waitForFile(join(services.configDir, 'recent.json'));
    const recent = JSON.parse(readFileSync(join(services.configDir, 'recent.json'), 'utf8'));
    expect(recent).toEqual({ version: 1, files: [join(ROOT, 'snapshots', 'demo.json')] });
    await press(app, KEYS.esc);
    await waitFor(app, 'Quit');
    await press(app, KEYS.home, KEYS.enter);
    const f = await waitFor(app, 'Recently opened');
    expect(f).toContain('Bundled snapshots');
  });
});

describe('wizard: open a snapshot', () => {
  it('types a path and opens it; a bad path is an error on the same screen', async () => {
    const app = renderApp();
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    // The list has loaded (its files may be below the bundled folders, out of view).
    await waitFor(app, 'Bundled snapshots');
    await typeText(app, 'no/such.json');
    await press(app, KEYS.enter);
    let f = await waitFor(app, 'cannot read snapshot');
    expect(f).toContain('cannot read snapshot no/such.json: no such file');
    expect(f).toContain('Path: no/such.json');
    for (let i = 0; i < 'no/such.json'.length; i++) await press(app, KEYS.backspace);
    await typeText(app, 'snapshots/healthy-2.1.json');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Failed:');
    expect(f).toContain('healthy-2.1.json');
    const expected = await checkSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json'));
    if (expected.results.every((r) => r.status !== 'fail')) expect(f).toContain('No problems found');
  });

  it('strips terminal escapes from untrusted host names and values', async () => {
    const snap = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8'));
    snap.host.name = 'EVIL\u001b]0;pwned\u0007HOST\u001b[31mRED';
    const file = join(mkdtempSync(join(tmpdir(), 'ccdoctor-ui-')), 'evil.json');
    writeFileSync(file, JSON.stringify(snap));
    const app = renderApp({ services: testServices() });
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    await typeText(app, file);
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Failed:');
    expect(f).toContain('EVILHOSTRED');
    expect(f).not.toContain('\u001b]0;');
    expect(f).not.toContain('pwned\u0007');
  });
});

describe('wizard: browse symptoms', () => {
  it('lists the catalogue by family and filters as you type', async () => {
    const app = renderApp();
    await waitFor(app, 'Quit');
    await choose(app, 'Browse symptoms');
    let f = await waitFor(app, 'Filter:');
    expect(f).toContain('Deployment and configuration');
    await typeText(app, 'powershell');
    expect(frame(app)).toContain('PowerShell environment');
    for (let i = 0; i < 'powershell'.length; i++) await press(app, KEYS.backspace);
    await typeText(app, 'dotnet');
    f = frame(app);
    expect(f).toContain('dotnet-too-old');
    expect(f).not.toContain('ini-state-missing');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'rule dotnet-too-old');
    expect(f).toContain("The property 'Common' cannot be found");
    expect(f).toContain('applies to CCE >=2.1');
  });
});

async function waitForFile(path: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} was not written`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('wizard: I have an error message', () => {
  it('explains pasted PowerShell error text and opens the rule at its remediation', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await waitFor(app, 'Paste the error text');
    await typeText(app, "Enter-CcUpdate : The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet,\r\nfunction, script file, or operable program.\r\nAt line:1 char:1\r\n+ CategoryInfo : ObjectNotFound");
    await press(app, KEYS.enter);
    let f = await waitFor(app, 'Explained by');
    expect(f).toMatch(/❯ module-analysis-cache-stale/);
    expect(f).toContain("matched: The term 'Stop-CsWindowsService' is not recognized");
    await press(app, KEYS.enter);
    f = await waitFor(app, 'rule module-analysis-cache-stale');
    expect(f).toContain('Remediation');
    expect(f).toContain('Delete the ModuleAnalysisCache file');
  });

  it('the rule page shows a value to fill in as <name>, as check does (a pasted {name} is a script block)', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await typeText(app, 'Cannot register appliance because your current input/configuration SiteName or ApplianceName conflicts with existing appliance(s).');
    await press(app, KEYS.enter);
    expect(await waitFor(app, 'Explained by')).toMatch(/❯ registration-conflict/);
    await press(app, KEYS.enter);
    const f = await waitFor(app, '-Identity <identity> -Force');
    expect(f).not.toMatch(/\{[A-Za-z][A-Za-z0-9]*\}/);
    for (const rule of CATALOGUE.rules) expect(infoLines(rule.id, 200, CATALOGUE.rules).join('\n'), rule.id).not.toMatch(/\{[A-Za-z][A-Za-z0-9]*\}/);
    expect(infoLines('cloudconnector-module-not-found', 400, CATALOGUE.rules).join('\n')).toContain('$dir = <modulesDir>;');
  });

  it('says so when no documented text matches', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await typeText(app, 'something else entirely went wrong');
    await press(app, KEYS.enter);
    expect(await waitFor(app, 'No documented symptom matches this text.')).toContain('Browse symptoms');
  });
});

describe('wizard: version-specific remediation', () => {
  it('shows the branch of a versioned step for this host', async () => {
    const file = 'snapshots/symptom-credential-store-unreadable-1.4.2.json';
    const expected = await checkSnapshot(join(ROOT, file));
    const finding = expected.results.find((r) => r.status === 'fail' && r.remediation.some((s) => s.versions))!;
    expect(finding, 'the fixture has a failing rule with a versioned step').toBeDefined();
    const step = finding.remediation.find((s) => s.versions)!;
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await press(app, KEYS.enter);
    await typeText(app, `${file}\r`);
    await waitFor(app, 'Failed:');
    const order = frame(app).split('\n').filter((l) => /✖ [a-z]/.test(l));
    await press(app, ...Array<string>(order.findIndex((l) => l.includes(finding.rule))).fill(KEYS.down), KEYS.enter);
    await waitFor(app, `finding ${finding.rule}`);
    const branch = `branch for CCE ${step.versions}: this host runs ${expected.host.cceVersion}`;
    for (let i = 0; i < finding.remediation.length && !frame(app).includes(branch); i++) await press(app, KEYS.down);
    expect(frame(app)).toContain(branch);
  });
});
