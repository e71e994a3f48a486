/**
 * Without a terminal on both ends (or with CI set) `ccdoctor` prints the plain check of the demo and
 * never loads the wizard; the bundle keeps Ink and React out of the plain path's static imports.
 */
import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

// Real processes and terminals: generous limits for a loaded machine (each wait has its own timeout).
vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** Every module dist/cli.js loads before it runs (static imports, followed through the chunks). */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(DIST, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"();]*?from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) staticGraph(spec.slice(2), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('no TTY: the plain demo check, never the wizard', () => {
  it('dist/cli.js statically reaches no ink or react; the wizard is a chunk of its own that does', () => {
    expect(existsSync(join(DIST, 'cli.js'))).toBe(true);
    const graph = [...staticGraph('cli.js')];
    expect(graph.some((s) => s.endsWith('.js'))).toBe(true);
    expect(graph.filter((s) => /^(ink|react|react\/jsx-runtime|ink-select-input|yoga-layout)$/.test(s))).toEqual([]);
    const start = readdirSync(DIST).find((f) => /^start-.*\.js$/.test(f));
    expect(start, 'the wizard chunk').toBeDefined();
    expect([...staticGraph(start!)]).toEqual(expect.arrayContaining(['ink', 'react']));
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

  it('stdout piped from a real terminal (tmux, CI unset): still the plain check', () => {
    const socket = `ccdoctor-notty-${process.pid}`;
    const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8', timeout: 20_000 });
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'ccdoctor-notty-')), 'out.txt');
      tmux('new-session', '-d', '-x', '80', '-y', '24', '-c', ROOT, `env -u CI -u CONTINUOUS_INTEGRATION '${process.execPath}' dist/cli.js > '${out}' 2>&1; tmux -L ${socket} wait-for -S done`);
      tmux('wait-for', 'done');
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('No CCE host here: checking the bundled demo snapshot');
      expect(text).toContain('dotnet-too-old');
      expect(text).not.toMatch(/raw mode/i);
    } finally {
      try {
        tmux('kill-server');
      } catch {
        // gone with its session
      }
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
    }
  });
});
