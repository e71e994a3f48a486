import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

const HINT = 'Paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows)';

function io(tty: boolean) {
  const stdin = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const got = { out: '', err: '' };
  stdout.on('data', (d) => (got.out += d));
  stderr.on('data', (d) => (got.err += d));
  return { io: { stdin, stdout, stderr, env: {}, cwd: process.cwd() }, got, stdin };
}

describe('explain - with a terminal on stdin', () => {
  it('prints a one-line hint to stderr before waiting for the text', async () => {
    const t = io(true);
    const done = main(['explain', '-'], t.io);
    // The hint comes while the command waits for the text (stdin still open).
    for (let i = 0; i < 200 && !t.got.err; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.got.err).toBe(`${HINT}\n`);
    t.stdin.end("The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.\n");
    expect(await done).toBe(0);
    expect(t.got.out).toContain('module-analysis-cache-stale');
  });

  it('prints no hint when stdin is piped', async () => {
    const t = io(false);
    t.stdin.end("The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.\n");
    expect(await main(['explain', '-'], t.io)).toBe(0);
    expect(t.got.err).not.toContain('Ctrl-D');
  });
});
