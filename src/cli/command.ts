/** A ccdoctor subcommand. `run` returns the exit code; throw InputError for bad input (exit 2). */
export interface Command {
  name: string;
  /** Full help text, starting with the usage line. */
  help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
