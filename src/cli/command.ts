import type { CliIO } from '../core/io.js';

export type { CliIO };

/** A ccdoctor subcommand. `run` returns the exit code; throw InputError for bad input (exit 2). */
export interface Command {
  name: string;
  /** Full help text, starting with the usage line. */
  help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
