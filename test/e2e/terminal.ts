/**
 * A real terminal for end-to-end tests, from npm alone: node-pty opens a pseudo-terminal (a Unix pty, or
 * ConPTY on Windows) and runs `node ARGS` in it, @xterm/headless interprets what the program writes into a
 * screen buffer read back as lines, and keys are written to the terminal as a user types them. No shell,
 * no tmux, no POSIX paths. Only the 'terminal' tier's tests load this module (test/tiers/).
 */
import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { Terminal } = xterm;
type Emulator = InstanceType<typeof Terminal>;

const CHILD = join(import.meta.dirname, 'pty-child.mjs');

/** tmux-style key names; anything else is typed as it is. */
const KEYS: Record<string, string> = {
  Enter: '\r', Escape: '\u001b', Space: ' ', Tab: '\t', BSpace: '\u007f',
  Up: '\u001b[A', Down: '\u001b[B', Right: '\u001b[C', Left: '\u001b[D', Home: '\u001b[H', End: '\u001b[F',
  PageUp: '\u001b[5~', PageDown: '\u001b[6~',
};

/** Per-wait limit: a real process on a loaded 2-core machine, so generous. */
export const WAIT_MS = 30_000;

export interface StartOptions {
  /** Arguments to node (the script first). */
  args: string[];
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Added to (or, when undefined, removed from) the test's environment; names match case-insensitively on Windows. */
  env?: Record<string, string | undefined>;
  /** Where the program's stdout goes: the terminal (default) or a file. */
  stdoutFile?: string;
  /** Where its stderr goes: the terminal (default) or a file (shown when a wait times out). */
  stderrFile?: string;
}

export interface TerminalRun {
  /** The visible screen: one line per row, right-trimmed, trailing empty rows left out. */
  screen(): string;
  /** Every byte the program wrote to the terminal, escape sequences included. */
  raw(): string;
  /** Whether a row of the screen is the continuation of a line wider than the terminal. */
  wrappedRows(): number[];
  /** Cells on the screen drawn in a colour other than the terminal's default. */
  colouredCells(): number;
  /** Types keys (tmux names like Enter, Escape, Space, Home; other strings as they are), in one write. */
  keys(...k: string[]): void;
  /** Polls the screen until it shows `what`; on timeout throws with the screen and the program's stderr. */
  waitFor(what: string | RegExp, ms?: number): Promise<string>;
  resize(cols: number, rows: number): void;
  /** The exit code, once the program has ended (throws with the screen when it has not within `ms`). */
  waitExit(ms?: number): Promise<number>;
  stderr(): string;
  /** Ends the program if it still runs, and frees the emulator. */
  close(): void;
}

const open = new Set<TerminalRun>();

/** Closes every terminal still open (for afterAll). */
export function closeAll(): void {
  for (const t of open) t.close();
}

function environment(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  const same = (a: string, b: string) => (process.platform === 'win32' ? a.toUpperCase() === b.toUpperCase() : a === b);
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !Object.keys(extra).some((e) => same(e, k))) env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startInTerminal(o: StartOptions): TerminalRun {
  const cols = o.cols ?? 80;
  const rows = o.rows ?? 24;
  const term: Emulator = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  let raw = '';
  let exitCode: number | undefined;
  let closed = false;
  const pty: IPty = spawn(process.execPath, [CHILD, o.stdoutFile ?? '-', o.stderrFile ?? '-', ...o.args], {
    // node-pty sets TERM to this name, so a test's TERM (dumb, say) must be the name too.
    name: o.env?.TERM ?? 'xterm-256color',
    cols,
    rows,
    cwd: o.cwd ?? process.cwd(),
    env: environment({ TERM: 'xterm-256color', ...o.env }),
  });
  const exited = new Promise<number>((resolve) => {
    pty.onExit(({ exitCode: code }) => {
      exitCode = code;
      resolve(code);
    });
  });
  pty.onData((d) => {
    raw += d;
    if (!closed) term.write(d);
  });

  const stderr = () => {
    if (!o.stderrFile) return '(on the screen)';
    try {
      return readFileSync(o.stderrFile, 'utf8');
    } catch {
      return '(none yet)';
    }
  };
  const viewport = () => {
    const b = term.buffer.active;
    const lines: { text: string; wrapped: boolean }[] = [];
    for (let y = 0; y < term.rows; y++) {
      const line = b.getLine(b.viewportY + y);
      lines.push({ text: line?.translateToString(true) ?? '', wrapped: line?.isWrapped ?? false });
    }
    return lines;
  };
  const screen = () => viewport().map((l) => l.text).join('\n').replace(/\n+$/, '');
  const shows = (what: string | RegExp) => {
    const s = screen();
    return typeof what === 'string' ? s.includes(what) : what.test(s);
  };

  const run: TerminalRun = {
    screen,
    raw: () => raw,
    wrappedRows: () => viewport().flatMap((l, i) => (l.wrapped ? [i] : [])),
    colouredCells() {
      const b = term.buffer.active;
      const cell = b.getNullCell();
      let n = 0;
      for (let y = 0; y < term.rows; y++) {
        const line = b.getLine(b.viewportY + y);
        for (let x = 0; line && x < term.cols; x++) {
          if (line.getCell(x, cell) && (!cell.isFgDefault() || !cell.isBgDefault())) n++;
        }
      }
      return n;
    },
    keys(...k) {
      pty.write(k.map((key) => KEYS[key] ?? key).join(''));
    },
    async waitFor(what, ms = WAIT_MS) {
      const end = Date.now() + ms;
      for (;;) {
        if (shows(what)) return screen();
        if (exitCode !== undefined) {
          // Let the emulator take in the last output first.
          await new Promise<void>((r) => term.write('', r));
          if (shows(what)) return screen();
          throw new Error(`the program exited (code ${exitCode}) before the screen showed ${String(what)}; the screen:\n${screen()}\nstderr:\n${stderr()}`);
        }
        if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${String(what)}; the screen (${term.cols}x${term.rows}):\n${screen()}\nstderr:\n${stderr()}`);
        await sleep(50);
      }
    },
    resize(c, r) {
      pty.resize(c, r);
      term.resize(c, r);
    },
    async waitExit(ms = WAIT_MS) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the program did not exit within ${ms} ms; the screen:\n${screen()}\nstderr:\n${stderr()}`)), ms);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    stderr,
    close() {
      if (closed) return;
      closed = true;
      open.delete(run);
      if (exitCode === undefined) {
        try {
          pty.kill();
        } catch {
          // Already gone.
        }
      }
      term.dispose();
    },
  };
  open.add(run);
  return run;
}
