/** Whether the wizard may start: both ends are terminals and this is not CI (is-in-ci's rule). */
export function isInteractive(io: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean }; env: NodeJS.ProcessEnv }): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && !inCi(io.env);
}

export function inCi(env: NodeJS.ProcessEnv): boolean {
  const on = (k: string) => k in env && env[k] !== '0' && env[k] !== 'false';
  return on('CI') || on('CONTINUOUS_INTEGRATION');
}
