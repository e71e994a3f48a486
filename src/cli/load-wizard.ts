import type * as Wizard from '../ui/run.js';

/**
 * The wizard (Ink/React) loads only when it starts. In the built CLI the loader (src/cli-loader.cjs)
 * provides it (dist/ui.js, run through its code cache); elsewhere (tests, sources) it is a plain dynamic
 * import.
 */
export function loadWizard(): Promise<typeof Wizard> {
  const provided = (globalThis as { __ccdoctorLoadWizard?: () => Promise<typeof Wizard> }).__ccdoctorLoadWizard;
  return provided ? provided() : import('../ui/run.js');
}
