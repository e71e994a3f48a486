import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCheck, snapshotSource, storeSource, type RunStep } from '../../src/core/run/run-check.js';
import { executeRun } from '../../src/ui/engine/staged-run.js';
import { liveSource, NOT_ELEVATED_WARNING } from '../../src/live/live-source.js';
import { FactStore } from '../../src/core/facts/store.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { ccdoctor } from '../helpers/cli.js';
import { fakeEnv, SNAPSHOTS } from '../live/fake.js';

const NOW = new Date('2026-11-20T00:00:00Z');
const DEMO = join(SNAPSHOTS, 'demo.json');

describe('runCheck: the one pipeline', () => {
  it('reports the facts step, then each rule, and gives the same results with or without progress', async () => {
    const steps: RunStep[] = [];
    let t = 0;
    const withSteps = await runCheck(snapshotSource(DEMO, 'demo.json'), CATALOGUE, { now: NOW, onStep: (s) => steps.push(s), clock: () => ++t });
    const plain = await runCheck(snapshotSource(DEMO, 'demo.json'), CATALOGUE, { now: NOW });
    expect(withSteps.results).toEqual(plain.results);
    expect(withSteps.partial).toBe(false);
    expect(withSteps.rules).toBe(CATALOGUE.rules);
    expect(withSteps.source).toEqual({ kind: 'snapshot', ref: 'demo.json' });
    expect(steps[0]).toMatchObject({ id: 'facts', label: 'Read facts from demo.json', status: 'running' });
    expect(steps[1]).toMatchObject({ id: 'facts', status: 'done' });
    const rules = steps.filter((s) => s.id === 'rules');
    expect(rules.map((s) => s.done)).toEqual([0, ...CATALOGUE.rules.map((_, i) => i + 1), CATALOGUE.rules.length]);
    expect(rules.at(-1)).toMatchObject({ status: 'done', total: CATALOGUE.rules.length });
  });

  it('a run cancelled while evaluating keeps the results so far (partial)', async () => {
    const ac = new AbortController();
    const run = await runCheck(snapshotSource(DEMO), CATALOGUE, { signal: ac.signal, onStep: (s) => (s.id === 'rules' && s.done === 3 ? ac.abort() : undefined) });
    expect(run.results).toHaveLength(3);
    expect(run.partial).toBe(true);
  });

  it('a bad source rejects, and the facts step says failed', async () => {
    const steps: RunStep[] = [];
    await expect(runCheck(snapshotSource(join(SNAPSHOTS, 'nope.json'), 'nope.json'), CATALOGUE, { onStep: (s) => steps.push(s) })).rejects.toThrow(/cannot read snapshot nope\.json: no such file/);
    expect(steps.at(-1)).toMatchObject({ id: 'facts', status: 'failed' });
  });

  it('a store (the checklist): its rules only, as "operator answers"', async () => {
    const rules = CATALOGUE.rules.slice(0, 2);
    const run = await runCheck(storeSource(new FactStore(CATALOGUE.facts), { name: 'x' }), CATALOGUE, { rules });
    expect(run.source).toEqual({ kind: 'checklist', ref: 'operator answers' });
    expect(run.results.map((r) => r.rule)).toEqual(rules.map((r) => r.id));
  });
});

describe('every surface gets the same warnings (PowerShell not elevated)', () => {
  const env = fakeEnv({ FAKE_PS_NOT_ADMIN: '1' }, 'demo.json');

  it('the live source says so, for the core pipeline, the wizard and the CLI alike', async () => {
    const core = await runCheck(liveSource({ powershell: 'powershell', env, version: 'test' }), CATALOGUE, { now: NOW });
    expect(core.warnings).toContain(NOT_ELEVATED_WARNING);

    const wizard = await executeRun({ kind: 'live', powershell: 'powershell', env, version: 'test' }, CATALOGUE, { signal: new AbortController().signal, onStep: () => undefined });
    expect(wizard.warnings).toEqual(core.warnings);
    expect(wizard.results.map((r) => [r.rule, r.status])).toEqual(core.results.map((r) => [r.rule, r.status]));

    const cli = await ccdoctor(['check', '--format', 'json'], { env: { ...env, CCDOCTOR_POWERSHELL: undefined } });
    expect(cli.exitCode, String(cli.stderr)).toBeLessThan(2);
    const json = JSON.parse(String(cli.stdout)) as { warnings: string[] };
    expect(json.warnings).toEqual(core.warnings);
  }, 60_000);
});
