import type { CliIO } from '../core/io.js';
import { prepareColourEnv } from './tty.js';

/** Starts the interactive wizard; resolves with the exit code once the user quits. */
export async function runWizard(io: CliIO): Promise<number> {
  const noColour = prepareColourEnv(io.env);
  // Keys typed while Ink loads must act, not be lost: the terminal goes to raw mode at once, so they are
  // neither echoed nor line-edited (Enter stays "\r"); they wait, unread, until Ink reads its input.
  const stdin = io.stdin as Partial<NodeJS.ReadStream>;
  const early = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (early) stdin.setRawMode!(true);
  try {
    // Ink reads the colour setting when it is first loaded, so it is imported only after the env is set.
    const { startWizard } = await import('./start.js');
    return await startWizard(io, { noColour, ascii: io.env.TERM === 'dumb' });
  } finally {
    if (early && stdin.isRaw) stdin.setRawMode!(false);
  }
}
