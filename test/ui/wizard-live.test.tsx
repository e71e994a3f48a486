import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, ROOT, press, renderApp, waitFor } from './helpers.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { realServices } from '../../src/ui/engine/services.js';
import { fakeEnv, noPowerShellEnv } from '../live/fake.js';

// Many keys per test on a shared, loaded machine: more than vitest's default 5 s.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

describe('check this host (live)', () => {
  it('is offered when PowerShell is found, and runs the probes through the same run screen', async () => {
    const env = fakeEnv({ CCDOCTOR_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ccdoctor-ui-')) }, 'demo.json');
    const app = renderApp({ services: realServices(ROOT, env, CATALOGUE) });
    let f = await waitFor(app, 'Check this host (live, with');
    expect(f).not.toContain('No CCE host here.');
    expect(f).toMatch(/❯ Check this host/);
    await press(app, KEYS.enter);
    f = await waitFor(app, 'Failed:', 20_000);
    expect(f).toMatch(/ +· +CCE 2\.1\.0\.372 +· +live \S+ \(/);
    expect(f).toMatch(/❯ ✖ dotnet-too-old/);
  }, 30_000);

  it('is not offered without PowerShell, and the home says why', async () => {
    const env = { ...noPowerShellEnv(), CCDOCTOR_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ccdoctor-ui-')) };
    const app = renderApp({ services: realServices(ROOT, env, CATALOGUE) });
    const f = await waitFor(app, 'No CCE host here.');
    expect(f).toContain('Check this host: not available (no Windows PowerShell here: no powershell or pwsh on PATH).');
    expect(f).not.toMatch(/❯ Check this host/);
  });
});

describe('the run\'s warnings', () => {
  it('PowerShell not elevated: the findings say so, as check does', async () => {
    const env = fakeEnv({ CCDOCTOR_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ccdoctor-ui-')), FAKE_PS_NOT_ADMIN: '1' }, 'demo.json');
    const app = renderApp({ services: realServices(ROOT, env, CATALOGUE) });
    await waitFor(app, 'Check this host (live, with');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Failed:', 20_000);
    expect(f).toMatch(/Note: PowerShell was not running as Administrator/);
  }, 30_000);
});

describe('cancelling a live check', () => {
  it('keeps the facts collected so far: every rule runs on them, the rest are unknown', async () => {
    const env = fakeEnv({ CCDOCTOR_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ccdoctor-ui-')), FAKE_PS_DELAYS: JSON.stringify({ 'hyperv.vms': 60_000 }) }, 'demo.json');
    const app = renderApp({ services: realServices(ROOT, env, CATALOGUE) });
    await waitFor(app, 'Check this host (live, with');
    await press(app, KEYS.enter);
    await waitFor(app, /Collect facts with .*running\s+[1-9]\d*\/\d+/, 20_000);
    await press(app, KEYS.esc);
    const f = await waitFor(app, 'Failed:', 20_000);
    expect(f).toContain('Cancelled while collecting facts: rules ran on what was collected, the rest is unknown.');
    expect(f).toContain('Could not check');
  }, 40_000);
});
