import { describe, expect, it } from 'vitest';
import { choose, KEYS, press, renderApp, typeText, waitFor } from './helpers.js';

describe('wizard explain: framing and the closest symptoms (issue 14 item 16)', () => {
  it('matches a documented text pasted without its "Cmdlet :" prefix', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await typeText(app, 'Error: Key not valid for use in specified state.');
    await press(app, KEYS.enter);
    expect(await waitFor(app, 'Explained by')).toMatch(/❯ credential-store-unreadable/);
  });

  it('lists the closest documented symptoms under NOT a match; Enter opens the rule', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await choose(app, 'I have an error message');
    await typeText(app, "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program.");
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'No documented symptom matches this text.');
    expect(f).toContain('NOT a match');
    expect(f).not.toContain('Explained by');
    expect(f.indexOf('module-analysis-cache-stale')).toBeGreaterThan(f.indexOf('NOT a match'));
    expect(f).toMatch(/❯ module-analysis-cache-stale  \(not a match/);
    await press(app, KEYS.enter);
    expect(await waitFor(app, 'rule module-analysis-cache-stale')).toContain('Symptom');
  });
});
