import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, choose, frame, press, renderApp, testServices, typeText, waitFor } from './helpers.js';

// Many keys per test on a shared, loaded machine: more than vitest's default 5 s.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

async function startDotnetChecklist(app: ReturnType<typeof renderApp>) {
  await waitFor(app, 'Quit');
  await choose(app, 'Offline checklist');
  await waitFor(app, 'Which symptom?');
  expect(frame(app)).toMatch(/❯ All symptoms/);
  await typeText(app, 'dotnet');
  await press(app, KEYS.enter);
}

describe('offline checklist in the wizard', () => {
  it('on a question with fixed choices j/k move the selection; on a free-text question they are letters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-checklist-ui-'));
    const app = renderApp({ services: testServices({}, dir) });
    await startDotnetChecklist(app);
    await waitFor(app, 'question 1 (about');
    await typeText(app, 'jk');
    expect(frame(app)).toContain('Answer: jk');
    await press(app, KEYS.backspace, KEYS.backspace);
    await typeText(app, '2.1.0.372');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 2 (last so far)');
    await press(app, 'j', 'j', 'k');
    expect(frame(app)).toMatch(/❯ 4\.5\.2/);
    await press(app, KEYS.enter);
    await waitFor(app, 'Failed:');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'finding dotnet-too-old');
    expect(f).toContain('.NET Framework 4.5.2 (Release 379893)');
  });

  it('asks the script version first, then only what the rule needs, runs it and saves the answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-checklist-ui-'));
    const app = renderApp({ services: testServices({}, dir) });
    await startDotnetChecklist(app);
    let f = await waitFor(app, 'question 1 (about');
    expect(f).toContain('What does Get-CcVersion print on the host?');
    expect(f).toContain('needed by cce.version');
    await typeText(app, '2.1.0.372');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'question 2 (last so far)');
    expect(f).toContain('Which .NET Framework 4.x is installed on the host?');
    expect(f).toContain('How to find out:');
    await press(app, KEYS.down, KEYS.enter);
    f = await waitFor(app, 'Failed:');
    expect(f).toContain('checklist (operator answers)');
    expect(f).toContain('CCE 2.1.0.372');
    expect(f).toMatch(/❯ ✖ dotnet-too-old/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'finding dotnet-too-old');
    expect(f).toContain('from operator: Which .NET Framework 4.x is installed on the host?');
    await press(app, KEYS.esc);
    await waitFor(app, 'Failed:');
    await press(app, 's');
    f = await waitFor(app, 'File: ccdoctor-checklist-');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Saved the answers to');
    const saved = f.match(/Saved the answers to (\S+\.json)/)?.[1];
    expect(saved && existsSync(saved)).toBe(true);
    const json = JSON.parse(readFileSync(saved!, 'utf8'));
    expect(json.host.collector.mode).toBe('checklist');
    expect(json.facts['dotnet.release'].value).toBe(379893);
    // Loaded again, the saved answers give the same finding.
    await press(app, KEYS.esc, KEYS.esc);
    await waitFor(app, 'No CCE host here.');
    await press(app, KEYS.home, KEYS.enter);
    await waitFor(app, 'Path:');
    await typeText(app, `${saved}\r`);
    f = await waitFor(app, 'Failed:');
    expect(f).toContain(`snapshot ${saved}`.slice(0, 60));
    expect(f).toMatch(/✖ dotnet-too-old/);
  });

  it('skips the rule made moot by the version: an older version ends the checklist at once', async () => {
    const app = renderApp();
    await startDotnetChecklist(app);
    await waitFor(app, 'question 1 (about');
    // Typed fast (one chunk with the Enter), as a terminal may deliver it.
    await typeText(app, '2.0.1\r');
    const f = await waitFor(app, 'Failed:');
    expect(f).toContain('0 passed, 1 not applicable');
    expect(f).toContain('No problems found.');
  });

  it('Tab records "don\'t know" (the rule says unknown and why); Esc goes back one question', async () => {
    const app = renderApp();
    await startDotnetChecklist(app);
    await waitFor(app, 'question 1 (about');
    await typeText(app, '2.1');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 2 (last so far)');
    await press(app, KEYS.esc);
    await waitFor(app, 'question 1 (about');
    await typeText(app, '2.1');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 2 (last so far)');
    await press(app, KEYS.tab);
    const f = await waitFor(app, 'Could not check (1)');
    expect(f).toContain('dotnet.release missing: the operator did not know the answer');
    // The one rule could not decide: an honest verdict, never "no problems".
    expect(f).toContain('Incomplete: 1 of 1 rule could not be checked.');
    expect(f).toContain('Nothing was checked.');
    expect(f).not.toContain('No problems found');
  });

  it('a file question reports a missing file and keeps asking', async () => {
    const app = renderApp();
    await waitFor(app, 'Quit');
    await choose(app, 'Offline checklist');
    await waitFor(app, 'Which symptom?');
    await typeText(app, 'ini-state-missing');
    await press(app, KEYS.enter);
    await waitFor(app, 'question 1 (about');
    await typeText(app, '2.1');
    await press(app, KEYS.enter);
    await waitFor(app, 'CloudConnector.ini');
    await typeText(app, '/no/such/CloudConnector.ini');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'no such file');
    expect(f).toContain('question 2 (');
  });
});
