/**
 * Without a terminal on both ends (or with CI set) `ccdoctor` prints the plain check of the demo and
 * never loads the wizard; the bundle keeps Ink and React (inside the wizard's own modules) out of the
 * plain path's static imports.
 */
import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeTier } from '../tiers/tier.js';
import { detectTier } from '../tiers/detect.js';

// The real-terminal case needs the 'terminal' tier (node-pty, a native addon): loaded only where it runs.
const terminal = detectTier('terminal').missing ? undefined : await import('./terminal.js');

// Real processes and terminals: generous limits for a loaded machine (each wait has its own timeout).
vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** A message of Ink's own (its App component): where it is, Ink's code is. */
const INK_CODE = 'Raw mode is not supported';

/** Bare modules a bundle file names in require(), import … from, or import(). */
function bareModules(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  const specs = [...code.matchAll(/(?:require\(|from\s*|import\(|import\s+)["']([^"'./][^"']*)["']/g)].map((m) => m[1]!);
  return [...new Set(specs)];
}

describe('no TTY: the plain demo check, never the wizard', () => {
  it('the plain CLI bundle names no ink or react; the wizard is a bundle of its own that holds them', () => {
    for (const f of ['cli.js', 'core.js', 'ui.js']) expect(existsSync(join(DIST, f)), f).toBe(true);
    const ui = /^(ink|react|react\/jsx-runtime|ink-select-input|yoga-layout)$/;
    expect(bareModules('core.js').length).toBeGreaterThan(0);
    expect(bareModules('core.js').filter((s) => ui.test(s))).toEqual([]);
    expect(bareModules('cli.js').filter((s) => ui.test(s))).toEqual([]);
    // Ink and React ship inside the wizard's script (a production bundle), not loaded from node_modules.
    expect(bareModules('ui.js').filter((s) => ui.test(s))).toEqual([]);
    expect(readFileSync(join(DIST, 'ui.js'), 'utf8')).toContain(INK_CODE);
    expect(readFileSync(join(DIST, 'core.js'), 'utf8')).not.toContain(INK_CODE);
    expect(readdirSync(DIST).filter((f) => /\.(m?js)$/.test(f)).sort()).toEqual(['cli.js', 'core.js', 'ui.js']);
  });

  it('stdin not a terminal (CI unset): prints the demo check, no raw-mode error', async () => {
    const r = await execa('node', [join(DIST, 'cli.js')], {
      cwd: ROOT, reject: false, stdin: 'ignore', env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: '1' }, extendEnv: true,
    });
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('No CCE host here: checking the bundled demo snapshot');
    expect(String(r.stdout)).toContain('dotnet-too-old');
    expect(String(r.stderr)).not.toMatch(/raw mode/i);
  });
});

describeTier('terminal', 'no TTY on stdout: the plain check, even from a real terminal', () => {
  it('stdout piped from a real terminal (pty, CI unset): still the plain check', async () => {
    // stdin is the terminal; stdout and stderr go to a file, as `ccdoctor > out 2>&1` typed in a terminal.
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-notty-'));
    const out = join(dir, 'out.txt');
    const run = terminal!.startInTerminal({
      args: [join(DIST, 'cli.js')], cwd: ROOT, stdoutFile: out, stderrFile: out, env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined },
    });
    try {
      const code = await run.waitExit();
      const text = readFileSync(out, 'utf8');
      expect(code, text).toBe(0);
      expect(text).toContain('No CCE host here: checking the bundled demo snapshot');
      expect(text).toContain('dotnet-too-old');
      expect(text).not.toMatch(/raw mode/i);
      // Nothing for the terminal itself: the wizard never drew there.
      expect(run.screen()).toBe('');
    } finally {
      run.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the code-cached bundles', () => {
  it('have no dynamic import(): code restored from V8 cache loses the import callback', () => {
    for (const f of ['core.js', 'ui.js']) {
      const imports = [...readFileSync(join(DIST, f), 'utf8').matchAll(/\bimport\(\s*["'`]?([^)"'`]*)/g)].map((m) => m[1]);
      expect(imports, f).toEqual([]);
    }
  });

  it('are ASCII (the loader reads them as latin1) and each has its code cache', () => {
    for (const f of ['core', 'ui']) {
      expect(/[^\x00-\x7f]/.test(readFileSync(join(DIST, `${f}.js`), 'utf8')), f).toBe(false);
      expect(existsSync(join(DIST, `${f}.cache`)), f).toBe(true);
    }
  });
});
