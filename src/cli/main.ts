import type { CliIO, CommandContext } from './command.js';
import { EXIT } from './command.js';
import { InputError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { demoSnapshotPath, VERSION } from '../core/paths.js';
import { relative } from 'node:path';
import { isInteractive } from '../core/terminal/tty.js';
import { asciiStream, printingTerminal } from '../core/terminal/ascii.js';
import { loadWizard } from './load-wizard.js';
import { quoted } from '../core/text/sanitize.js';
import { outputText } from '../core/output/mask.js';

export { COMMANDS };

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `ccdoctor ${VERSION}: troubleshooting for Skype for Business Cloud Connector Edition hosts

Usage: ccdoctor [COMMAND] [OPTIONS]

With no command: in a terminal, the interactive wizard (check this host when PowerShell is here, open a
snapshot, the demo, explain an error message, browse symptoms, the offline checklist). Without a
terminal (stdin or stdout redirected, or CI set): the plain check of the bundled demo snapshot.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show help (also: ccdoctor COMMAND --help)
  -v, --version  print the version

Exit codes: 0 ok; 1 check: a rule failed at or above the threshold, explain: nothing matched; 2 usage or input error.
`;
}

/** The catalogue, for the commands that need it: imported here only, and only when asked for. */
const context: CommandContext = {
  catalogue: async () => (await import('../catalogue/index.js')).CATALOGUE,
  rules: async () => (await import('../catalogue/rules.js')).RULE_CATALOGUE,
};

function asPrinted(io: CliIO): CliIO {
  const out = printingTerminal(io.stdout, io.env);
  const err = printingTerminal(io.stderr as { isTTY?: boolean }, io.env);
  if (!out && !err) return io;
  return {
    stdin: io.stdin,
    env: io.env,
    cwd: io.cwd,
    stdout: out ? asciiStream(io.stdout, { frames: false }) : io.stdout,
    stderr: err ? asciiStream(io.stderr, { frames: false }) : io.stderr,
  };
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      const target = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(target ? `${(await target.load()).help}\n` : usage());
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (first === undefined && isInteractive(io)) {
      // The wizard (Ink/React) is its own bundle: the plain path below never loads it.
      const { runWizard } = await loadWizard();
      return await runWizard(io);
    }
    // A printing terminal (TERM=dumb) gets ASCII without escape sequences, as the wizard gives it.
    io = asPrinted(io);
    if (first === undefined) {
      const demo = relative(io.cwd, demoSnapshotPath()) || demoSnapshotPath();
      io.stderr.write(`No CCE host here: checking the bundled demo snapshot (${demo}).\n\n`);
      await (await COMMANDS.find((c) => c.name === 'check')!.load()).run(['--snapshot', demo], io, context);
      // The demo's findings are the point of the demo, not a failure of this machine.
      io.stderr.write(`\nThis was the demo host. Check your own: ccdoctor check --snapshot host.json (ccdoctor --help for more)\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      throw new InputError(`ccdoctor: unknown command "${first}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See: ccdoctor --help`);
    }
    return await (await command.load()).run(rest, io, context);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`${safeMessage(e.message, argv)}\n`);
      return EXIT.usage;
    }
    // A bug, not bad input: say so plainly, with the stack for a bug report.
    io.stderr.write(`ccdoctor: internal error: ${outputText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    return 70;
  }
}

/**
 * A message that may quote input (file names, values) made safe for the terminal: an argument holding a
 * control character or a line break is shown on one line with its controls visible, then nothing in the
 * message can drive the terminal; and a secret it quotes (a snapshot value that failed validation) is
 * masked, as in every other output.
 */
export function safeMessage(message: string, argv: readonly string[]): string {
  let out = message;
  // eslint-disable-next-line no-control-regex
  for (const a of [...argv, ...argv.map((x) => x.slice(x.indexOf('=') + 1))].sort((x, y) => y.length - x.length)) if (a.length > 0 && /[\u0000-\u001f\u007f-\u009f]/.test(a)) out = out.split(a).join(quoted(a, 300));
  return outputText(out);
}
