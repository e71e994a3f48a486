/**
 * collect --computer for real: the generated fan-out script and the generated collector run in pwsh; only
 * WinRM is simulated (test/sim-host/remote-sim.ps1: an Invoke-Command function with the real jobs' shape,
 * each "computer" in a runspace of its own, unreachable hosts failing with WinRM's own error record).
 *
 * 54 hosts with a reduced collector (two facts, each host's own answers), some slow, some unreachable,
 * one failing and one that hangs beyond any stop; and, through the CLI, the full collector against a full
 * simulated host, whose snapshot gives the same rule results as the snapshot the host was built from.
 */
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { psQuote } from '../../src/core/powershell/quote.js';
import { parseSnapshot } from '../../src/core/snapshot/load.js';
import { collectFleet } from '../../src/cli/commands/collect-fleet.js';
import type { CollectManifest } from '../../src/core/fleet/manifest.js';
import { runRules } from '../helpers/check.js';
import { captureIo } from '../helpers/capture-io.js';
import { describeTier } from '../tiers/tier.js';
import { simulate, simLog, readSnapshot } from '../sim-host/harness.js';
import { SIM_DIR } from '../sim-host/model.js';
import { toWindows } from '../sim-host/windows-paths.mjs';
import { byRule, ROOT, snapshotCase } from './snapshot-case.js';

const PRELUDE = join(SIM_DIR, 'remote-sim.ps1');
const CCDSIM = join(SIM_DIR, 'modules', 'CcdSim', 'CcdSim.psm1');
const REDUCED = ['host.os', 'host.lastBoot'];
const posix = process.platform !== 'win32';
const HOST_TIMEOUT_MS = 25_000;

interface RemoteHost {
  kind: 'ok' | 'unreachable' | 'hang' | 'error';
  connectMs?: number;
  runMs?: number;
  modules?: string[];
}

/** A host's own commands for the reduced collector: its Windows version and last boot (different on each). */
function hostModule(i: number): { text: string; boot: string; version: string } {
  const boot = new Date(Date.UTC(2026, 10, 1, 0, i, i)).toISOString();
  const version = `10.0.14393.${1000 + i}`;
  const text = `function Get-CimInstance {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$ClassName, [string]$Filter, [string]$Namespace)
  if ($ClassName -ne 'Win32_OperatingSystem') { throw ('not simulated: ' + $ClassName) }
  [pscustomobject]@{ Caption = 'Microsoft Windows Server 2016 Datacenter'; Version = ${psQuote(version)}; BuildNumber = '14393'; LastBootUpTime = [datetime]::Parse(${psQuote(boot)}, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal) }
}
`;
  return { text, boot, version };
}

/** The most hosts connected or collecting at once, from the simulator's start/end lines. */
function maxConcurrent(log: string[]): number {
  let now = 0;
  let max = 0;
  for (const l of log) {
    const m = /^remote \d+ (start|end) /.exec(l);
    if (!m) continue;
    now += m[1] === 'start' ? 1 : -1;
    max = Math.max(max, now);
  }
  return max;
}

describeTier('powershell', 'collect --computer: the fan-out through PowerShell remoting (simulated WinRM)', (tier) => {
  it.runIf(posix).concurrent('54 hosts, 8 at a time: slow, unreachable, failing and hung hosts never stop the others', async () => {
    const sim = simulate(readSnapshot(join(ROOT, 'snapshots', 'healthy-2.1.json')), tier.tool);
    const out = join(sim.root, 'site-a');
    try {
      const names = Array.from({ length: 54 }, (_, i) => `cce${String(i + 1).padStart(2, '0')}`);
      const plan = new Map<string, RemoteHost>();
      const planted = new Map<string, { boot: string; version: string }>();
      mkdirSync(join(sim.root, 'remote'));
      names.forEach((name, i) => {
        const m = hostModule(i + 1);
        const module = join(sim.root, 'remote', `${name}.psm1`);
        writeFileSync(module, m.text);
        planted.set(name, m);
        plan.set(name, { kind: 'ok', modules: [module] });
      });
      for (const [n, ms] of [['cce07', 400], ['cce19', 900], ['cce33', 1500], ['cce48', 600]] as const) plan.set(n, { kind: 'unreachable', connectMs: ms });
      for (const [n, ms] of [['cce05', 2500], ['cce12', 3000], ['cce26', 2000], ['cce40', 3500], ['cce51', 2500]] as const) plan.set(n, { ...plan.get(n)!, runMs: ms });
      plan.set('cce03', { kind: 'hang' });
      // Never gets through: its job stays NotStarted (as a real one does while it connects), and its clock
      // runs from its place in the throttle.
      plan.set('cce09', { kind: 'ok', connectMs: 600_000, modules: plan.get('cce09')!.modules! });
      plan.set('cce30', { kind: 'error' });
      const hostsFile = join(sim.root, 'remote-hosts.json');
      writeFileSync(hostsFile, JSON.stringify(Object.fromEntries(plan)));
      const cap = captureIo({ ...sim.env, CCD_SIM_PRELUDE: PRELUDE, CCD_SIM_REMOTE_HOSTS: hostsFile }, sim.root);
      const started = performance.now();
      const code = await collectFleet(
        {
          computers: names,
          outDir: out,
          shownOut: 'site-a/',
          force: false,
          throttle: 8,
          // Roomy: on a loaded machine a healthy host can take seconds; the hang (early in the list) is
          // stopped at this limit while the others go on.
          hostTimeoutMs: HOST_TIMEOUT_MS,
          specs: FACTS,
          ids: REDUCED,
          powershell: sim.launcher,
          version: '0.0.0-test',
        },
        cap.io,
      );
      const stderr = { text: cap.err() };
      const wallMs = performance.now() - started;
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as CollectManifest;
      const status = Object.fromEntries(manifest.hosts.map((h) => [h.host, h.status]));
      const diag = `${stderr.text}\n${simLog(sim).slice(-20).join('\n')}`;

      expect(code, diag).toBe(1);
      expect(manifest.schema).toBe('ccdoctor/collect-manifest@1');
      expect(manifest.hosts.map((h) => h.host)).toEqual(names);
      const want = (n: string) => (plan.get(n)!.kind === 'hang' || n === 'cce09' ? 'timeout' : plan.get(n)!.kind === 'error' ? 'failed' : plan.get(n)!.kind);
      expect(status, diag).toEqual(Object.fromEntries(names.map((n) => [n, want(n)])));

      // Every host that answered: its own snapshot, holding its own answers.
      for (const h of manifest.hosts.filter((x) => x.status === 'ok')) {
        expect(h.file).toBe(`${h.host}.json`);
        const snap = parseSnapshot(readFileSync(join(out, h.file!)), h.file!, FACTS);
        expect(Date.parse(String(snap.store.get('host.lastBoot')?.value)), h.host).toBe(Date.parse(planted.get(h.host)!.boot));
        expect((snap.store.get('host.os')?.value as { version: string }).version, h.host).toBe(planted.get(h.host)!.version);
        expect(snap.host.collector?.mode).toBe('script');
      }
      for (const h of manifest.hosts.filter((x) => x.status !== 'ok')) {
        expect(h.file).toBeUndefined();
        expect(existsSync(join(out, `${h.host}.json`))).toBe(false);
        expect(h.error).toBeTruthy();
      }
      // WinRM's own words for an unreachable host; the hang stopped by the per-host limit; the failure's message.
      const byHost = new Map(manifest.hosts.map((h) => [h.host, h]));
      expect(byHost.get('cce07')!.error).toMatch(/^Connecting to remote server cce07 failed with the following error message : WinRM cannot complete the operation/);
      expect(byHost.get('cce03')!.error).toMatch(/no answer within 25 s: stopped/);
      expect(byHost.get('cce03')!.durationMs).toBeGreaterThanOrEqual(HOST_TIMEOUT_MS);
      // (Reported at the first pass of the loop past the limit: later on a loaded machine, never sooner.)
      expect(byHost.get('cce09')!.error).toMatch(/no answer within 25 s: stopped/);
      expect(byHost.get('cce09')!.durationMs).toBeGreaterThanOrEqual(HOST_TIMEOUT_MS);
      expect(byHost.get('cce30')!.error).toMatch(/simulated failure on cce30/);
      for (const n of ['cce05', 'cce12', 'cce26', 'cce40', 'cce51']) expect(byHost.get(n)!.durationMs, n).toBeGreaterThanOrEqual(plan.get(n)!.runMs!);

      // Not a terminal: one line per host as it ended, then the summary.
      const lines = stderr.text.split('\n').filter((l) => /^\[\d+\/54\] /.test(l));
      expect(lines.length, diag).toBe(54);
      lines.forEach((l, i) => expect(l).toMatch(new RegExp(`^\\[${i + 1}/54\\] cce\\d\\d (ok|unreachable|failed|timeout) \\d+\\.\\d s`)));
      expect(stderr.text).toMatch(/Collected 47 of 54 hosts in [\d.]+ s: 47 ok, 4 unreachable, 2 timeout, 1 failed\./);

      // One Invoke-Command for all, with the throttle: never more than 8 hosts at once, and several at once.
      const log = simLog(sim);
      expect(log.filter((l) => / Invoke-Command /.test(l))).toEqual([expect.stringMatching(/Invoke-Command -ComputerName cce01,cce02,.*,cce54 -ThrottleLimit 8 -AsJob$/)]);
      // Both overrunning hosts were asked to stop (the hung one never does: nothing waited for it).
      expect(log.filter((l) => / stop /.test(l)).map((l) => l.replace(/^remote \d+ /, '')).sort()).toEqual(['stop cce03', 'stop cce09']);
      expect(maxConcurrent(log)).toBeLessThanOrEqual(8);
      expect(maxConcurrent(log)).toBeGreaterThanOrEqual(4);
      console.log(`[fleet-collect] 54 simulated hosts, throttle 8: ${Math.round(wallMs)} ms wall (two hosts stopped at their ${HOST_TIMEOUT_MS / 1000} s limit, one of them hung beyond any stop)`);
    } finally {
      sim.dispose();
    }
  }, 90_000);

  it.runIf(posix).concurrent('real pwsh on Linux has no WSMan: Invoke-Command itself fails, and every host is failed saying why', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ccd-fleet-nowsman-'));
    try {
      const cap = captureIo({ PATH: process.env.PATH }, out);
      const code = await collectFleet(
        { computers: ['cce01', 'cce02'], outDir: join(out, 'site'), shownOut: 'site/', force: false, throttle: 8, hostTimeoutMs: 30_000, specs: FACTS, ids: REDUCED, powershell: tier.tool, version: '0.0.0-test' },
        cap.io,
      );
      expect(code, cap.err()).toBe(1);
      const manifest = JSON.parse(readFileSync(join(out, 'site', 'manifest.json'), 'utf8')) as CollectManifest;
      for (const h of manifest.hosts) expect(h).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Invoke-Command failed: .*WSMan/) });
      expect(cap.err()).toMatch(/warning: Invoke-Command failed: .*WSMan/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it.runIf(posix).concurrent('ccdoctor collect --computer / --computers-file: the full collector on a full simulated host; an unreachable one is in the manifest', async () => {
    const name = 'healthy-2.1.json';
    const { json, now, expected, addTenantFacts } = await snapshotCase(name);
    const sim = simulate(json, tier.tool);
    const cwd = mkdtempSync(join(tmpdir(), 'ccd-fleet-cli-'));
    try {
      const hostsFile = join(sim.root, 'remote-hosts.json');
      writeFileSync(hostsFile, JSON.stringify({ 'cce-a1': { kind: 'ok', modules: [CCDSIM] }, 'cce-b9': { kind: 'unreachable', connectMs: 200 } }));
      writeFileSync(join(cwd, 'hosts.txt'), '# site A\n\ncce-b9   # the spare\n');
      const r = await execa('node', [join(ROOT, 'dist', 'cli.js'), 'collect', '--computer', 'cce-a1', '--computers-file', 'hosts.txt', '--out', 'site-a', '--throttle', '2', '--timeout', '120', '--credential-user', 'CONTOSO\\ops'], {
        cwd,
        env: { ...sim.env, CCDOCTOR_POWERSHELL: sim.launcher, CCD_SIM_PRELUDE: PRELUDE, CCD_SIM_REMOTE_HOSTS: hostsFile, CCDOCTOR_REMOTE_PASSWORD: 'S3cret-pa55' },
        extendEnv: false,
        reject: false,
        timeout: 150_000,
      });
      const diag = `${r.stderr}\n${r.stdout}`;
      expect(r.exitCode, diag).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^\[\d\/2\] cce-a1 ok \d+\.\d s$/m);
      expect(r.stderr).toMatch(/^\[\d\/2\] cce-b9 unreachable \d+\.\d s: Connecting to remote server cce-b9 failed/m);
      expect(r.stderr).toMatch(/Not collected: cce-b9 \(unreachable\)/);
      const manifest = JSON.parse(readFileSync(join(cwd, 'site-a', 'manifest.json'), 'utf8')) as CollectManifest;
      expect(manifest.hosts.map((h) => [h.host, h.status, h.file])).toEqual([
        ['cce-a1', 'ok', 'cce-a1.json'],
        ['cce-b9', 'unreachable', undefined],
      ]);
      // The snapshot as the host's own paths (the sandbox stands in for C:\), then the same rule results.
      const text = toWindows(sim.root, [])(readFileSync(join(cwd, 'site-a', 'cce-a1.json'), 'utf8'), true);
      const written = parseSnapshot(new TextEncoder().encode(text), 'cce-a1.json', FACTS);
      addTenantFacts(written.store);
      const got = await runRules(written.store, { kind: 'snapshot', ref: 'collected' }, { name: written.host.name }, { now });
      expect(byRule(got)).toEqual(byRule(expected));
      // The connection's account as given, its password from the environment (then gone from it), never in a file.
      expect(simLog(sim)).toContainEqual(expect.stringMatching(/Invoke-Command -ComputerName cce-a1,cce-b9 -ThrottleLimit 2 -AsJob -Credential CONTOSO\\ops \(password 11 characters; in the environment: False\)$/));
      for (const f of [join(cwd, 'site-a', 'manifest.json'), join(cwd, 'site-a', 'cce-a1.json')]) expect(readFileSync(f, 'utf8')).not.toContain('S3cret-pa55');
      expect(r.stderr).not.toContain('S3cret-pa55');
    } finally {
      sim.dispose();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 150_000);
});
