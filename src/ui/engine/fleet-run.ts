import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { expandSnapshotInputs, type SnapshotInput } from '../../core/fleet/inputs.js';
import { runFleet, type FleetRun } from '../../core/fleet/run-fleet.js';
import type { Catalogue } from '../../core/rules/catalogue.js';
import { snapshotSource, type FactSource } from '../../core/run/run-check.js';

/** A many-host run as the wizard keeps it: the run, and the snapshot file of each of its hosts. */
export interface WizardFleet {
  run: FleetRun;
  /** The file each host was read from, in the order of run.hosts: drilling into a host reads it again. */
  paths: string[];
}

/** Progress of a many-host run: how many inputs are done, of how many, and the one read last. */
export interface FleetProgress {
  done: number;
  total: number;
  /** The input just read, as named. */
  last: string;
  /** How many inputs could not be read so far. */
  failed: number;
}

export interface FleetHooks {
  signal: AbortSignal;
  onProgress(p: FleetProgress): void;
}

const WILD = /[*?]/;

/**
 * What a path typed or picked on the open screen names: undefined for one snapshot file (the single-host
 * run), else the snapshots of the folder (and its subfolders) or of the glob. Throws InputError (one line,
 * naming what was typed) when a folder or glob holds no snapshot.
 */
export function folderInputs(typed: string, cwd: string): SnapshotInput[] | undefined {
  if (!WILD.test(typed)) {
    let dir = false;
    try {
      dir = statSync(resolve(cwd, typed)).isDirectory();
    } catch {
      // Not there: the single-host run says so, with the path.
    }
    if (!dir) return undefined;
  }
  try {
    return expandSnapshotInputs([typed], cwd, 'wizard');
  } catch (e) {
    // The message is worded for the command line ("ccdoctor wizard: --snapshot X: ..."); here X was typed.
    if (e instanceof InputError) throw new InputError(e.message.replace(/^ccdoctor wizard: --snapshot /, ''));
    throw e;
  }
}

/**
 * The wizard's many-host run: every snapshot through runFleet (the one check pipeline per host), yielding
 * to the event loop before each input so progress paints and Esc is read while a large folder is read.
 */
export async function executeFleet(inputs: readonly SnapshotInput[], catalogue: Catalogue, hooks: FleetHooks): Promise<WizardFleet> {
  const paths: string[] = [];
  let failed = 0;
  const sources = inputs.map((i) => breathing(snapshotSource(i.path, i.shown)));
  const run = await runFleet(sources, catalogue, {
    signal: hooks.signal,
    onHost(done, _total, outcome) {
      const input = inputs[done - 1]!;
      if ('host' in outcome) paths.push(input.path);
      else failed++;
      hooks.onProgress({ done, total: inputs.length, last: input.shown, failed });
    },
  });
  return { run, paths };
}

/** A source that first lets the event loop run (a key is read, a frame painted). */
function breathing(source: FactSource): FactSource {
  return {
    ...source,
    async collect(facts, hooks) {
      await new Promise<void>((r) => setImmediate(r));
      return source.collect(facts, hooks);
    },
  };
}
