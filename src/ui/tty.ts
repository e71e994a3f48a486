export { inCi, isInteractive } from '../core/terminal/tty.js';

/**
 * chalk (inside Ink) ignores NO_COLOR and TERM=dumb; map them to FORCE_COLOR=0 before Ink is loaded.
 * Returns whether colour is off.
 */
export function prepareColourEnv(env: NodeJS.ProcessEnv): boolean {
  const off = ('NO_COLOR' in env && env.NO_COLOR !== '') || env.FORCE_COLOR === '0' || env.TERM === 'dumb';
  if (off) env.FORCE_COLOR = '0';
  return off;
}
