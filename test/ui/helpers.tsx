import { render } from 'ink-testing-library';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from '../../src/ui/App.js';
import { realServices, type Services } from '../../src/ui/engine/services.js';
import { makeTheme } from '../../src/ui/theme.js';
import { explainText } from '../../src/core/explain/match.js';
import { CATALOGUE } from '../helpers/catalogue.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export const KEYS = {
  up: '\u001B[A', down: '\u001B[B', left: '\u001B[D', enter: '\r', esc: '\u001B', tab: '\t', backspace: '\u007F',
  space: ' ', pageUp: '\u001B[5~', pageDown: '\u001B[6~', home: '\u001B[H', end: '\u001B[F',
} as const;

/** One macrotask, so React 19 flushes effects between keys (Shopify's harness does the same). */
export const tick = () => new Promise<void>((r) => setImmediate(() => setTimeout(r, 0)));

export type Rendered = ReturnType<typeof render>;

export async function press(app: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    app.stdin.write(k);
    await settle(app);
  }
}

/**
 * Waits until the frame has stayed the same for a few ticks: on a loaded machine React may commit a
 * key's update a tick or two later than usual, and an assertion right after a key must see it.
 */
export async function settle(app: Rendered, stableTicks = 3, maxTicks = 60): Promise<void> {
  let last = app.lastFrame();
  let stable = 0;
  for (let i = 0; i < maxTicks && stable < stableTicks; i++) {
    await tick();
    const now = app.lastFrame();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

export async function typeText(app: Rendered, text: string): Promise<void> {
  app.stdin.write(text);
  await settle(app);
}

export function frame(app: Rendered): string {
  return app.lastFrame() ?? '';
}

export async function waitFor(app: Rendered, text: string | RegExp, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = frame(app);
    if (typeof text === 'string' ? f.includes(text) : text.test(f)) {
      // Every screen fits the (24-row) terminal with a row to spare, so Ink never clears to redraw.
      const rows = f.replace(/\n+$/, '').split('\n').length;
      if (process.env.INK_SCREEN_READER !== 'true' && rows > 23) throw new Error(`frame has ${rows} rows (max 23):\n${f}`);
      return f;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)}; last frame:\n${f}`);
    await tick();
  }
}

/** Real services (real snapshots, real engine) with a private config folder for the recent list. */
export function testServices(overrides: Partial<Services> = {}, cwd = ROOT): Services & { configDir: string } {
  const configDir = mkdtempSync(join(tmpdir(), 'ccdoctor-ui-'));
  return { ...realServices(cwd, { CCDOCTOR_CONFIG_DIR: configDir }, CATALOGUE), ...overrides, configDir };
}

/** The wizard as start.tsx renders it (explain included unless `explain: undefined` is passed). */
export function renderApp(props: Partial<AppProps> = {}): Rendered {
  const explain = 'explain' in props ? props.explain : (text: string) => explainText(text, CATALOGUE.rules);
  return render(
    <App services={props.services ?? testServices()} theme={props.theme ?? makeTheme({ noColour: true })} {...(explain ? { explain } : {})} {...(props.initial ? { initial: props.initial } : {})} />,
  );
}

/** Home → demo → findings. */
export async function openDemo(app: Rendered): Promise<string> {
  await waitFor(app, 'Try the demo host');
  await press(app, KEYS.down, KEYS.enter);
  return waitFor(app, 'Failed:');
}

/** Moves the selection down until the row starting with `label` is selected, then presses Enter. */
export async function choose(app: Rendered, label: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (frame(app).includes(`❯ ${label}`)) return press(app, KEYS.enter);
    await press(app, KEYS.down);
  }
  throw new Error(`no row "${label}" to choose in:\n${frame(app)}`);
}
