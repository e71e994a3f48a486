import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { join } from 'node:path';
import { KEYS, ROOT, frame, press, renderApp, testServices, waitFor } from './helpers.js';
import { executeRun, type RunHooks, type RunSource, type WizardRun } from '../../src/ui/engine/staged-run.js';
import { initialState, type WizardState } from '../../src/ui/state/wizard.js';
import { checkSnapshot } from '../helpers/check.js';
import type { RuleResult } from '../../src/core/rules/types.js';
import { makeTheme } from '../../src/ui/theme.js';
import { CATALOGUE, RULES } from '../helpers/catalogue.js';

// Many keys per test on a shared, loaded machine: more than vitest's default 5 s.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

/** A run that reports its first step and then waits until it is cancelled. */
function stalledRun(seen: { signal?: AbortSignal }) {
  return async (source: RunSource, hooks: RunHooks): Promise<WizardRun> => {
    seen.signal = hooks.signal;
    hooks.onStep({ id: 'facts', label: 'Read facts from slow.json', status: 'running', done: 0, startedAt: Date.now() });
    await new Promise<void>((r) => hooks.signal.addEventListener('abort', () => r()));
    return executeRun(source, CATALOGUE, hooks);
  };
}

describe('run progress', () => {
  it('shows each step while running; Esc cancels and keeps the partial results', async () => {
    const seen: { signal?: AbortSignal } = {};
    const app = renderApp({ services: testServices({ run: stalledRun(seen) }) });
    await waitFor(app, 'Quit');
    await press(app, KEYS.down, KEYS.enter);
    let f = await waitFor(app, 'Read facts from slow.json');
    expect(f).toContain('Gathering facts and evaluating rules');
    expect(f).toMatch(/running\s+0\s+\d+\.\ds/);
    await press(app, KEYS.esc);
    f = await waitFor(app, 'Failed:');
    expect(seen.signal?.aborted).toBe(true);
    expect(f).toContain(`Cancelled: 0 of ${RULES.length} rules evaluated.`);
  });

  it('q during a run asks again; a second q quits and stops the run', async () => {
    const seen: { signal?: AbortSignal } = {};
    const app = renderApp({ services: testServices({ run: stalledRun(seen) }) });
    await waitFor(app, 'Quit');
    await press(app, KEYS.down, KEYS.enter);
    await waitFor(app, 'Read facts from slow.json');
    await press(app, 'q');
    expect(frame(app)).toContain('A run is active: press q again to quit');
    expect(seen.signal?.aborted).toBe(false);
    await press(app, 'x');
    expect(frame(app)).not.toContain('press q again');
    await press(app, 'q', 'q');
    expect(seen.signal?.aborted).toBe(true);
  });

  it('the staged run evaluates rule by rule and stops early on abort', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    const run = await executeRun({ kind: 'snapshot', path: join(ROOT, 'snapshots', 'demo.json'), shown: 'demo.json' }, CATALOGUE, {
      signal: controller.signal,
      onStep: (s) => {
        steps.push(`${s.id}:${s.status}:${s.done}`);
        if (s.id === 'rules' && s.done === 2) controller.abort();
      },
    });
    expect(run.partial).toBe(true);
    expect(run.results).toHaveLength(2);
    expect(steps).toContain('facts:done:' + run.store.collected().length);
    expect(steps.at(-1)).toBe('rules:cancelled:2');
    expect(run.host.cceVersion).toBe('2.1.0.372');
  });
});

function manyFindings(base: WizardRun, n: number): WizardRun {
  const template = base.results.find((r) => r.status === 'fail')!;
  const results: RuleResult[] = Array.from({ length: n }, (_, i) => ({
    ...template, rule: `synthetic-${String(i).padStart(2, '0')}`, severity: (['critical', 'error', 'warning', 'info'] as const)[i % 4]!,
  }));
  return { ...base, results };
}

async function demoRun(): Promise<WizardRun> {
  const run = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'), { shown: 'snapshots/demo.json' });
  return { ...run, partial: false, rules: [] };
}

describe('findings list', () => {
  it('scrolls with PgDn/End/Home and every frame fits 24 rows', async () => {
    const run = manyFindings(await demoRun(), 40);
    const initial: WizardState = { ...initialState, run: { status: 'done', steps: [], startedAt: 0, result: run }, stack: [{ name: 'home', cursor: 0 }, { name: 'findings', cursor: 0 }] };
    const app = renderApp({ initial });
    let f = await waitFor(app, 'Failed: 10 critical');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f).toMatch(/❯ ✖ synthetic-00/);
    expect(f).not.toContain('synthetic-03');
    await press(app, KEYS.pageDown);
    f = frame(app);
    expect(f).not.toMatch(/❯ ✖ synthetic-00/);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await press(app, KEYS.end);
    f = frame(app);
    expect(f).toMatch(/❯ ✖ synthetic-39/);
    expect(f).toContain('0 passed, 0 not applicable');
    await press(app, KEYS.home);
    expect(frame(app)).toMatch(/❯ ✖ synthetic-00/);
  });

  it('lists what could not be checked apart, with the reason', async () => {
    const app = renderApp();
    await waitFor(app, 'Quit');
    await press(app, KEYS.enter);
    // The list has loaded (its files may be below the bundled folders, out of view).
    await waitFor(app, 'Bundled snapshots');
    app.stdin.write('snapshots/partial-2.1.json');
    await press(app, KEYS.enter);
    const f = await waitFor(app, 'Could not check');
    expect(f).toMatch(/\? [a-z-]+ {2}[a-z.]+ (missing|error|timeout|denied)/);
  });
});

describe('accessibility', () => {
  it('without colour the selection is a glyph; TERM=dumb uses ASCII', async () => {
    const app = renderApp({ theme: makeTheme({ noColour: true, ascii: true }) });
    const f = await waitFor(app, 'Quit');
    expect(f).toMatch(/^> Open a snapshot file/m);
    expect(f).not.toContain('❯');
    expect(f).not.toMatch(/\u001b\[3\dm/);
  });

  it("Ink's screen-reader mode gives linear text with the list and the selected item", async () => {
    const before = process.env.INK_SCREEN_READER;
    process.env.INK_SCREEN_READER = 'true';
    try {
      const app = renderApp();
      const f = await waitFor(app, 'No CCE host here.');
      expect(f).toMatch(/list/i);
      expect(f).toMatch(/selected/i);
      expect(f).toMatch(/listitem: \(selected\) Open a snapshot file/);
      expect(f).not.toContain('❯');
    } finally {
      if (before === undefined) delete process.env.INK_SCREEN_READER;
      else process.env.INK_SCREEN_READER = before;
    }
  });
});
