import { render } from 'ink';
import type { CliIO } from '../core/io.js';
import { App } from './App.js';
import { realServices } from './engine/services.js';
import { makeTheme } from './theme.js';
import { explainText } from '../core/explain/match.js';
import { asciiStream } from '../core/terminal/ascii.js';
import { CATALOGUE } from '../catalogue/index.js';

/** Renders the wizard full-screen and waits until the user quits. */
export async function startWizard(io: CliIO, opts: { noColour: boolean; ascii: boolean }): Promise<number> {
  // The wizard's composition point: the catalogue goes to the screens through the services.
  const services = realServices(io.cwd, io.env, CATALOGUE, io.stdout);
  // TERM=dumb prints only: Ink's linear mode (each frame written out whole, no cursor movement or
  // erasing) into a stream that leaves only ASCII.
  const linear = opts.ascii;
  const stdout = io.stdout as NodeJS.WriteStream;
  const app = render(<App services={services} theme={makeTheme({ ...opts, linear })} explain={(text) => explainText(text, CATALOGUE.rules)} />, {
    stdout: linear ? asciiStream(stdout) : stdout,
    debug: linear,
    stdin: io.stdin as NodeJS.ReadStream,
    stderr: io.stderr as NodeJS.WriteStream,
    maxFps: 15,
    patchConsole: true,
  });
  await app.waitUntilExit();
  return 0;
}
