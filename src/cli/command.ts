import type { CliIO } from '../core/io.js';

export type { CliIO };
import type { Catalogue, RuleCatalogue } from '../core/rules/catalogue.js';

/** A ccdoctor subcommand. `run` returns the exit code; throw InputError for bad input (exit 2). */
export interface Command {
  name: string;
  /** Full help text, starting with the usage line. */
  help: string;
  run(argv: string[], io: CliIO, ctx: CommandContext): Promise<number>;
}

/** What the entry point (src/cli/main.ts) gives every command. */
export interface CommandContext {
  /** The facts and rules (loaded on first use: a command that needs none starts without them). */
  catalogue(): Promise<Catalogue>;
  /** The rules alone (faster to load than the whole catalogue: no fact's probe or schema). */
  rules(): Promise<RuleCatalogue>;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;
