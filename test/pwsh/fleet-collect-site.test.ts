/**
 * Issue 12's planted site fault, found from a fan-out collection: `ccdoctor collect --computer` (the real
 * CLI, the generated fan-out script and collector running unchanged; only WinRM is simulated) collects four
 * separate full simulated hosts built from the Sydney site's snapshots, where CCE-SYD-03 has its own root CA.
 * Each computer is a host of its own (test/sim-host/remote-sim.ps1 runs its script block in a process
 * started with that host's launcher and environment), so `check --snapshot` on the collected folder sees
 * four appliances, not one: site-root-ca-differs fails naming CCE-SYD-03, and every host's and site rule's
 * results are those of the snapshots the hosts were built from.
 */
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectManifest } from '../../src/core/fleet/manifest.js';
import { expandSnapshotInputs } from '../../src/core/fleet/inputs.js';
import { runFleet, type FleetRun } from '../../src/core/fleet/run-fleet.js';
import { snapshotSource, type Prepare } from '../../src/core/run/run-check.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { describeTier } from '../tiers/tier.js';
import { simulate, simLog, type SimulatedHost } from '../sim-host/harness.js';
import { SIM_DIR } from '../sim-host/model.js';
import { ROOT, snapshotCase, type SnapshotCase } from './snapshot-case.js';

const PRELUDE = join(SIM_DIR, 'remote-sim.ps1');
const SITE = join('site-sydney-ca-differs');
const NAMES = ['CCE-SYD-01', 'CCE-SYD-02', 'CCE-SYD-03', 'CCE-SYD-04'];
const posix = process.platform !== 'win32';

const outcomes = (run: FleetRun) => ({
  hosts: Object.fromEntries(run.hosts.map((h) => [h.name, Object.fromEntries(h.results.map((r) => [r.rule, r.status]))])),
  sites: run.sites.map((s) => [s.name, s.hosts.map((h) => h.name)]),
  siteResults: run.siteResults.map((r) => [r.rule, r.site, r.status, r.hosts]),
});

describeTier('powershell', 'collect --computer: a site of four separate simulated hosts, then check --snapshot on the folder', (tier) => {
  it.runIf(posix)('CCE-SYD-01..04 collected through the fan-out; the planted root CA of CCE-SYD-03 is found, every result as from the source snapshots', async () => {
    const cases: SnapshotCase[] = [];
    const sims: SimulatedHost[] = [];
    const cwd = mkdtempSync(join(tmpdir(), 'ccd-fleet-site-'));
    try {
      for (const n of NAMES) {
        const c = await snapshotCase(join(SITE, `${n.toLowerCase()}.json`));
        cases.push(c);
        sims.push(simulate(c.json, tier.tool));
      }
      // The operator's machine: the first host's simulated PowerShell with simulated remoting; each computer
      // its own host (launcher + environment), nothing shared with the operator's process.
      const hostsFile = join(cwd, 'remote-hosts.json');
      writeFileSync(hostsFile, JSON.stringify(Object.fromEntries(NAMES.map((n, i) => [n, { kind: 'ok', launcher: sims[i]!.launcher, env: sims[i]!.env }]))));
      const operator = sims[0]!;
      const started = performance.now();
      const r = await execa('node', [join(ROOT, 'dist', 'cli.js'), 'collect', '--computer', NAMES.join(','), '--out', 'site', '--throttle', '2', '--timeout', '120'], {
        cwd,
        env: { ...operator.env, CCDOCTOR_POWERSHELL: operator.launcher, CCD_SIM_PRELUDE: PRELUDE, CCD_SIM_REMOTE_HOSTS: hostsFile },
        extendEnv: false,
        reject: false,
        timeout: 150_000,
      });
      const collectMs = performance.now() - started;
      const diag = `${r.stderr}\n${r.stdout}\n${simLog(operator).join('\n')}`;
      expect(r.exitCode, diag).toBe(0);
      const manifest = JSON.parse(readFileSync(join(cwd, 'site', 'manifest.json'), 'utf8')) as CollectManifest;
      expect(manifest.hosts.map((h) => [h.host, h.status, h.file]), diag).toEqual(NAMES.map((n) => [n, 'ok', `${n}.json`]));
      // One Invoke-Command for the four, two at a time; each host's own process ran its collector.
      const log = simLog(operator);
      expect(log.filter((l) => / Invoke-Command /.test(l))).toEqual([expect.stringMatching(/Invoke-Command -ComputerName CCE-SYD-01,CCE-SYD-02,CCE-SYD-03,CCE-SYD-04 -ThrottleLimit 2 -AsJob$/)]);
      for (const n of NAMES) expect(log.filter((l) => l.endsWith(` start ${n}`)), n).toHaveLength(1);
      let running = 0;
      let most = 0;
      for (const l of log) {
        const m = /^remote \d+ (start|end) /.exec(l);
        if (m) most = Math.max(most, (running += m[1] === 'start' ? 1 : -1));
      }
      expect(most).toBe(2);

      // check --snapshot on the collected folder (the real CLI): the site's planted fault, naming CCE-SYD-03.
      const check = await execa('node', [join(ROOT, 'dist', 'cli.js'), 'check', '--snapshot', 'site/', '--format', 'json'], { cwd, reject: false, timeout: 60_000 });
      const fleet = JSON.parse(check.stdout) as { hosts: { name: string; site: { name: string } }[]; siteResults: { rule: string; site?: string; status: string; message: string; evidence: { host?: string; value?: unknown }[] }[] };
      expect(check.exitCode, check.stderr).toBe(1);
      expect(fleet.hosts.map((h) => [h.name, h.site.name]), check.stderr).toEqual(NAMES.map((n) => [n, 'Sydney']));
      const ca = fleet.siteResults.find((s) => s.rule === 'site-root-ca-differs')!;
      expect(ca).toMatchObject({ site: 'Sydney', status: 'fail' });
      expect(ca.message).toBe(
        'the appliances of site Sydney use 2 different root CAs: CN=cce-AD01-CA, DC=local, DC=contoso, DC=cce (19E1AD1E97FF642AA0378D24B37A131DE5DCA192) on CCE-SYD-01, CCE-SYD-02 and CCE-SYD-04; CN=cce-AD03-CA, DC=local, DC=contoso, DC=cce (33F56052F17F0B00CE9632EA5C227120BD4DF7FB) on CCE-SYD-03',
      );
      expect(ca.evidence.map((e) => [e.host, e.value])).toEqual(NAMES.map((n) => [n, n === 'CCE-SYD-03' ? '33F56052F17F0B00CE9632EA5C227120BD4DF7FB' : '19E1AD1E97FF642AA0378D24B37A131DE5DCA192']));

      // Every host's results and every site result equal those of the snapshots the hosts were built from, at
      // their time (tenant facts join the collected snapshots as the tenant files would: never collected).
      const now = cases[0]!.now;
      const tenant = new Map(NAMES.map((n, i) => [n, cases[i]!.addTenantFacts]));
      const collected = expandSnapshotInputs(['site/'], cwd).map((s) => {
        const add = tenant.get(s.path.replace(/^.*\//, '').replace(/\.json$/, ''))!;
        const prepare: Prepare = async (store) => {
          add(store);
          return [];
        };
        return snapshotSource(s.path, s.shown, prepare);
      });
      const source = expandSnapshotInputs([join('snapshots', SITE)], ROOT).map((s) => snapshotSource(s.path, s.shown));
      const got = outcomes(await runFleet(collected, CATALOGUE, { now }));
      const want = outcomes(await runFleet(source, CATALOGUE, { now }));
      expect(got).toEqual(want);
      expect(got.siteResults).toContainEqual(['site-root-ca-differs', 'Sydney', 'fail', NAMES]);
      console.log(`[fleet-collect-site] 4 separate simulated hosts, throttle 2: collect ${Math.round(collectMs)} ms wall`);
    } finally {
      for (const s of sims) s.dispose();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 150_000);
});
