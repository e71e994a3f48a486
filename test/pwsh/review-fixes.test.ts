/**
 * Found by a review of the live path, shown in real pwsh: a stopped CloudConnector probe must not make the
 * rest of its group time out; collect.ps1 must point the analysis cache away before any command runs; the
 * VM password leaves PowerShell's environment even when no probe needs it.
 */
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from '../../src/core/schema.js';
import { defineFact, type FactSpec } from '../../src/core/facts/types.js';
import { FACTS } from '../../src/facts/index.js';
import { collectorProbes } from '../../src/live/probes.js';
import { collectorScript } from '../../src/live/ps-script.js';
import { runLive } from '../../src/live/run-live.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';
import { ROOT } from './snapshot-case.js';

const fact = (id: string, script: string, extra: Record<string, unknown> = {}) =>
  defineFact({ id, title: id, schema: z.unknown(), live: { script, ...extra }, checklist: { question: id, answer: z.string(), toValue: (a: string) => a } });
const registry = (...specs: FactSpec<any>[]) => new Map(specs.map((s) => [s.id, s]));

describeTier('powershell', 'live-path review fixes, in real pwsh', (tier) => {
  const posix = process.platform !== 'win32';

  it.runIf(posix)('a CloudConnector probe blocked in .NET past its limit: the next probes of its group still answer', async () => {
    const sim = simulate(readSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json')), tier.tool);
    try {
      const specs = registry(
        fact('t.blocked', '[System.Threading.Thread]::Sleep(12000); 1', { group: 'cloudconnector', timeoutMs: 2000 }),
        fact('t.next', '2', { group: 'cloudconnector', timeoutMs: 3000 }),
        fact('t.last', '3', { group: 'cloudconnector', timeoutMs: 3000 }),
      );
      const r = await runLive({ specs, powershell: sim.launcher, env: sim.env });
      expect(r.store.get('t.blocked')).toMatchObject({ status: 'timeout' });
      expect(r.store.get('t.next')).toMatchObject({ status: 'ok', value: 2 });
      expect(r.store.get('t.last')).toMatchObject({ status: 'ok', value: 3 });
    } finally {
      sim.dispose();
    }
  }, 90_000);

  it('the VM password leaves PowerShell\'s environment even when no probe uses a credential', async () => {
    const specs = registry(fact('t.env', "[string][Environment]::GetEnvironmentVariable('CCDOCTOR_VM_PASSWORD')"));
    const r = await runLive({ specs, powershell: tier.tool, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, vmCredential: { user: 'CCE\\Administrator', password: 'Pl@nted-3' } });
    expect(r.store.get('t.env')).toMatchObject({ status: 'ok', value: '' });
  }, 60_000);

  // collect.ps1 started as documented (powershell -NoProfile -File): nothing has looked a command up
  // before its first line, so pointing the cache away there holds for the whole run. A control run of
  // the same script with one cmdlet before that line rewrites the operator's file: the test can fail.
  for (const control of [false, true]) {
    it.runIf(posix).concurrent(control ? 'control: one cmdlet before the redirect, and the operator\'s cache file is rewritten' : 'collect.ps1 leaves the operator\'s module analysis cache untouched (bytes and time)', async () => {
      const sim = simulate(readSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json')), tier.tool, { patch: (m) => { m.cc.delayMs = 16_000; } });
      try {
        const cachePath = sim.env.CCD_SIM_DEFAULT_ANALYSIS_CACHE!;
        const before = { bytes: readFileSync(cachePath), mtime: statSync(cachePath).mtimeMs };
        let script = collectorScript(collectorProbes(FACTS), { collectorVersion: '0.0.0-test', deadlineMs: 60_000 });
        if (control) script = script.replace('$ccdCachePath = [IO.Path]', "$null = Join-Path 'a' 'b'\r\n$ccdCachePath = [IO.Path]");
        const file = join(sim.root, 'collect.ps1');
        writeFileSync(file, script);
        const r = await execa(tier.tool, ['-NoProfile', '-NonInteractive', '-Command', `$global:ccdSimulatedHost = @{ admin = $true; modules = @() }; & '${file}' -OutFile '${join(sim.root, 'out.json')}'`], {
          env: { ...sim.env, PSModuleAnalysisCachePath: cachePath }, extendEnv: false, reject: false, stdin: 'ignore', timeout: 90_000,
        });
        expect(r.stdout).toMatch(/Snapshot written/);
        const changed = !readFileSync(cachePath).equals(before.bytes) || statSync(cachePath).mtimeMs !== before.mtime;
        expect(changed).toBe(control);
      } finally {
        sim.dispose();
      }
    }, 120_000);
  }
});
