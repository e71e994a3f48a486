/**
 * The wizard shows an error message masked, as the CLI prints it: a snapshot that cannot be read may quote
 * a secret (here its "schema" value).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, ROOT, press, renderApp, testServices, typeText, waitFor } from './helpers.js';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

describe('wizard: a snapshot that cannot be read', () => {
  it('says why with a secret it quotes masked, as the CLI does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-ui-secret-'));
    const snap = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8'));
    snap.schema = 'password=Hunter22';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(snap));
    const app = renderApp({ services: testServices({}, dir) });
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    await waitFor(app, 'Path:');
    await typeText(app, 'bad.json\r');
    const f = await waitFor(app, /is not a ccdoctor snapshot/);
    expect(f.replace(/\n\s*/g, ' ')).toContain('"schema" is "password=[secret removed]"');
    expect(f).not.toContain('Hunter22');
  });
});
