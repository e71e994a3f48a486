import { render, type Instance } from 'ink';
import { RULE_COUNT } from 'ccdoctor:rule-count';
import type { CliIO } from '../core/io.js';
import { asciiStream } from '../core/terminal/ascii.js';
import { FirstFrame } from './FirstFrame.js';
import { makeTheme, type Theme } from './theme.js';

/** Renders the wizard full-screen and waits until the user quits. */
export async function startWizard(io: CliIO, opts: { noColour: boolean; ascii: boolean }): Promise<number> {
  // TERM=dumb prints only: Ink's linear mode (each frame written out whole, no cursor movement or
  // erasing) into a stream that leaves only ASCII.
  const linear = opts.ascii;
  const stdout = io.stdout as NodeJS.WriteStream;
  const theme = makeTheme({ ...opts, linear });
  const options = {
    stdout: linear ? asciiStream(stdout) : stdout,
    debug: linear,
    stdin: io.stdin as NodeJS.ReadStream,
    stderr: io.stderr as NodeJS.WriteStream,
    maxFps: 15,
    patchConsole: true,
  };
  // The home screen is painted first (render() writes it before it returns), then the rest of the wizard loads
  // (the rules and facts, every other screen, the engine) and takes over the same screen. Not in linear mode,
  // where every render prints a whole frame: the home screen would be printed twice.
  const first = linear ? undefined : render(<FirstFrame theme={theme} ruleCount={RULE_COUNT} explain />, options);
  let app: Instance;
  try {
    const wizard = await loadWizard(io, theme);
    if (first) {
      first.rerender(wizard);
      app = first;
    } else app = render(wizard, options);
  } catch (e) {
    first?.unmount();
    throw e;
  }
  await app.waitUntilExit();
  return 0;
}

/** The whole wizard: the composition point, where the catalogue goes to the screens through the services. */
async function loadWizard(io: CliIO, theme: Theme) {
  const [{ App }, { realServices }, { CATALOGUE }, { explainText }] = await Promise.all([
    import('./App.js'),
    import('./engine/services.js'),
    import('../catalogue/index.js'),
    import('../core/explain/match.js'),
  ]);
  const services = realServices(io.cwd, io.env, CATALOGUE, io.stdout);
  return <App services={services} theme={theme} explain={(text) => explainText(text, CATALOGUE.rules)} />;
}
