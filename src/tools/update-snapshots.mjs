#!/usr/bin/env node
// npm run update-snapshots
// Rewrites the generated files of snapshots/ (the base hosts and the variations test/fixtures/hosts.ts
// builds) from the builder and the healthy values facts declare in src/facts/, then says which changed.
// Hand-written symptom patches are left as they are (and checked).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.env.CCDOCTOR_PROJECT_ROOT ?? join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'snapshots');
const TEST = 'test/snapshots-up-to-date.test.ts';

/** Every snapshot file, site folders included, by its path under snapshots/ (POSIX separators). */
const contents = () =>
  new Map(
    readdirSync(DIR, { recursive: true })
      .map((f) => String(f).split('\\').join('/'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readFileSync(join(DIR, f), 'utf8')]),
  );

function main() {
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(vitest)) throw new Error(`${vitest} is missing: run npm install in ${ROOT} first`);
  const before = contents();
  const env = { ...process.env, UPDATE_SNAPSHOTS: '1' };
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/vitest.config.ts', '--reporter=dot', TEST], { cwd: ROOT, env, encoding: 'utf8' });
  const after = contents();
  const changed = [...after].filter(([f, text]) => before.get(f) !== text).map(([f]) => `snapshots/${f}`).sort();
  console.log(changed.length === 0 ? 'update-snapshots: the generated snapshots were up to date' : `update-snapshots: rewrote ${changed.length} generated file(s):\n${changed.map((f) => `  ${f}`).join('\n')}`);
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout}${run.stderr}`);
    throw new Error(`${TEST} failed after the rewrite (above): a hand-written snapshot or the builder has a problem`);
  }
}

try {
  main();
} catch (e) {
  console.error(`update-snapshots: ${e.message}`);
  process.exitCode = 1;
}
