// npm run bench: every benchmark, each printing its figures (min/median/max), bare `node -e 0` timed in
// the same run, and the ratio against a baseline measured in the same process. Benchmarks of other areas live next to this file and export `run()`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startup } from './startup.mjs';

const here = import.meta.dirname;
await startup();
for (const name of ['check-phases.mjs', 'log-scan.mjs', 'fleet-scale.mjs', 'live.mjs', 'live-pwsh.mjs', 'first-frame.mjs']) {
  const file = join(here, name);
  if (!existsSync(file)) continue;
  const mod = await import(pathToFileURL(file).href);
  console.log('');
  await mod.run();
}
