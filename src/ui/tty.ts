/** Whether the wizard may start: both ends are terminals and this is not CI (is-in-ci's rule). */
export function isInteractive(io: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean }; env: NodeJS.ProcessEnv }): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && !inCi(io.env);
}

export function inCi(env: NodeJS.ProcessEnv): boolean {
  const on = (k: string) => k in env && env[k] !== '0' && env[k] !== 'false';
  return on('CI') || on('CONTINUOUS_INTEGRATION');
}

/**
 * chalk (inside Ink) ignores NO_COLOR and TERM=dumb; map them to FORCE_COLOR=0 before Ink is loaded.
 * Returns whether colour is off.
 */
export function prepareColourEnv(env: NodeJS.ProcessEnv): boolean {
  const off = ('NO_COLOR' in env && env.NO_COLOR !== '') || env.FORCE_COLOR === '0' || env.TERM === 'dumb';
  if (off) env.FORCE_COLOR = '0';
  return off;
}
