/**
 * Collecting changes nothing it reads: Windows PowerShell rewrites its module analysis cache about 13 s
 * after it analyses a module (the CloudConnector module, imported by the probes), so a run that kept the
 * default cache location would make module-analysis-cache-stale pass on every re-run. The simulated host
 * keeps pwsh's cache in the operator's file unless the process was started with another location, as 5.1
 * does; ccdoctor's live run must leave that file's bytes and time untouched.
 */
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { plannedProbes } from '../../src/live/probes.js';
import { liveScript, POWERSHELL_ARGS, stdinBootstrap } from '../../src/live/ps-script.js';
import { runLive } from '../../src/live/run-live.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SLOW_MS = 16_000;

describeTier('powershell', 'a live run leaves the module analysis cache as it was', (tier) => {
  const setup = () => {
    const json = readSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json'));
    // One probe takes long enough for PowerShell's delayed cache write (10 s + 3 s of quiet) to happen.
    const sim = simulate(json, tier.tool, { patch: (m) => { m.updatesDelayMs = SLOW_MS; } });
    const cachePath = sim.env.CCD_SIM_DEFAULT_ANALYSIS_CACHE!;
    return { sim, cachePath, before: { bytes: readFileSync(cachePath), mtime: statSync(cachePath).mtimeMs } };
  };

  it.runIf(process.platform !== 'win32')('ccdoctor check (live): bytes and time of the cache file unchanged', async () => {
    const { sim, cachePath, before } = setup();
    try {
      const r = await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env });
      expect(r.store.get('host.recentUpdates').status).toBe('ok');
      expect(r.store.get('cce.scriptVersion').status).toBe('ok'); // the module was imported
      expect(readFileSync(cachePath).equals(before.bytes)).toBe(true);
      expect(statSync(cachePath).mtimeMs).toBe(before.mtime);
    } finally {
      sim.dispose();
    }
  }, 120_000);

  it.runIf(process.platform !== 'win32')('the same script in a PowerShell started without ccdoctor\'s cache location rewrites the file (the test can fail)', async () => {
    const { sim, cachePath, before } = setup();
    try {
      const probes = plannedProbes(FACTS).filter((p) => !p.tenant);
      const stdin = stdinBootstrap(liveScript(probes, { deadlineMs: 60_000 }));
      await execa(sim.launcher, [...POWERSHELL_ARGS], { input: stdin, env: sim.env, extendEnv: false, reject: false, timeout: 90_000 });
      const changed = !readFileSync(cachePath).equals(before.bytes) || statSync(cachePath).mtimeMs !== before.mtime;
      expect(changed).toBe(true);
    } finally {
      sim.dispose();
    }
  }, 120_000);
});
