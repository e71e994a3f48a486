import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';

export type CopyResult = { via: 'terminal' } | { via: 'file'; path: string; why: string };

/**
 * OSC 52 asks the terminal to put text on the system clipboard (xterm, iTerm2, Windows Terminal,
 * kitty, WezTerm, foot; over SSH too). Inside tmux it is passed through to the outer terminal.
 */
export function osc52(text: string, env: NodeJS.ProcessEnv): string {
  const seq = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  return env.TMUX ? `\u001bPtmux;\u001b${seq}\u001b\\` : seq;
}

/** Why OSC 52 cannot be used here, or undefined when it can. */
export function noClipboard(stdout: { isTTY?: boolean } | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (env.CCDOCTOR_CLIPBOARD === 'file') return 'CCDOCTOR_CLIPBOARD=file';
  if (!stdout?.isTTY) return 'the output is not a terminal';
  if (!env.TERM || env.TERM === 'dumb') return `TERM=${env.TERM ?? ''} has no clipboard`;
  return undefined;
}

/** Puts text on the clipboard through the terminal, or, where it cannot, writes it to `file`. */
export async function copyText(text: string, o: { stdout?: NodeJS.WritableStream & { isTTY?: boolean }; env: NodeJS.ProcessEnv; file: string }): Promise<CopyResult> {
  const why = noClipboard(o.stdout, o.env);
  if (why === undefined && o.stdout) {
    o.stdout.write(osc52(text, o.env));
    return { via: 'terminal' };
  }
  await mkdir(dirname(o.file), { recursive: true });
  await writeFileAtomic(o.file, `${text}\n`, { force: true });
  return { via: 'file', path: o.file, why: why ?? 'no terminal' };
}
