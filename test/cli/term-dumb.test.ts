import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A terminal for main(): stdout and stderr collected, isTTY as a terminal has it. */
const terminal = (env: NodeJS.ProcessEnv) => captureIo(env, ROOT, true);

describe('a printing terminal (TERM=dumb) gets ASCII text without escape sequences from the CLI', () => {
  it('check text: the failure markers and dashes as ASCII, no ESC', async () => {
    const t = terminal({ TERM: 'dumb' });
    const code = await main(['check', '--snapshot', 'snapshots/demo.json'], t.io);
    expect(code).toBe(1);
    expect(t.out()).toMatch(/^X /m);
    expect(t.out()).not.toContain('\u001b');
    expect([...t.out()].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('the same terminal with TERM=xterm keeps the symbols (only TERM=dumb is printing)', async () => {
    const t = terminal({ TERM: 'xterm-256color', NO_COLOR: '1' });
    await main(['check', '--snapshot', 'snapshots/demo.json'], t.io);
    expect(t.out()).toContain('✖');
  });

  it('an error on stderr is ASCII too', async () => {
    const t = terminal({ TERM: 'dumb' });
    const code = await main(['check', '--snapshot', 'no-such-file—here.json'], t.io);
    expect(code).toBe(2);
    expect(t.err()).toContain('no-such-file-here.json');
    expect([...t.err()].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });
});
