import { createInterface } from 'node:readline';

/**
 * Asks on `output` and reads one line from `input`; true only when the answer is `word` (case and
 * surrounding spaces aside). End of input and Ctrl-C count as no.
 */
export function askTypedConfirmation(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, question: string, word: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output });
    let settled = false;
    const finish = (yes: boolean) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(yes);
    };
    // Without a SIGINT listener readline only pauses on Ctrl-C, leaving the prompt hanging.
    rl.on('SIGINT', () => {
      output.write('\n');
      finish(false);
    });
    rl.on('close', () => finish(false));
    rl.question(question, (answer) => finish(answer.trim().toLowerCase() === word.toLowerCase()));
  });
}

export type ConsentMode = 'ask' | 'given' | 'unavailable';

/** --yes gives consent; otherwise it is asked on a terminal, and cannot be had without one (or in CI). */
export function consentMode(opts: { yes: boolean; stdinIsTTY: boolean; ci: boolean }): ConsentMode {
  if (opts.yes) return 'given';
  return opts.stdinIsTTY && !opts.ci ? 'ask' : 'unavailable';
}
