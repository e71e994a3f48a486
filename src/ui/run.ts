import type { CliIO } from '../cli/command.js';
import { prepareColourEnv } from './tty.js';

/** Starts the interactive wizard; resolves with the exit code once the user quits. */
export async function runWizard(io: CliIO): Promise<number> {
  const noColour = prepareColourEnv(io.env);
  // Ink reads the colour setting when it is first loaded, so it is imported only after the env is set.
  const { startWizard } = await import('./start.js');
  return startWizard(io, { noColour, ascii: io.env.TERM === 'dumb' });
}
