// The many-host check as the scale benchmark runs it while `ccdoctor check` takes one snapshot only:
// `node fleet-driver.cjs DIR...` does what `ccdoctor check --snapshot DIR --format json` does for many
// hosts, through the same core (expandSnapshotInputs, snapshotSource, runFleet, checkJson). Each host's
// JSON is written as soon as it is checked (runFleet keeps only outcomes), the site results at the end;
// a progress line goes to stderr only when stderr is a terminal. Bundled by fleet-scale.mjs.
import { CATALOGUE } from '../../src/catalogue/index.js';
import { expandSnapshotInputs } from '../../src/core/fleet/inputs.js';
import { runFleet } from '../../src/core/fleet/run-fleet.js';
import { snapshotSource } from '../../src/core/run/run-check.js';
import { checkJson } from '../../src/core/output/check-json.js';

const out = process.stdout;
const err = process.stderr;

export async function main(args: string[]): Promise<number> {
  const inputs = expandSnapshotInputs(args, process.cwd(), 'check');
  const now = process.env.CCDOCTOR_NOW ? new Date(process.env.CCDOCTOR_NOW) : new Date();
  let first = true;
  out.write('{\n  "hosts": [\n');
  const progress = err.isTTY === true;
  const run = await runFleet(inputs.map((i) => snapshotSource(i.path, i.shown)), CATALOGUE, {
    now,
    retain: 'outcomes',
    onHost(done, total, outcome) {
      if ('host' in outcome) {
        const json = JSON.stringify(checkJson({ ...outcome.host, store: undefined as never }, 'error', '0'), null, 2).replace(/\n/g, '\n    ');
        out.write(`${first ? '' : ',\n'}    ${json}`);
        first = false;
      }
      if (progress) err.write(`\rChecked ${done} of ${total} hosts`);
    },
  });
  if (progress) err.write('\r\x1b[K');
  const sites = run.sites.map((s) => ({ name: s.name, hosts: s.hosts.map((h) => h.name) }));
  out.write(`\n  ],\n  "failed": ${JSON.stringify(run.failed)},\n  "sites": ${JSON.stringify(sites)},\n  "siteResults": ${JSON.stringify(run.siteResults)}\n}\n`);
  return run.hosts.some((h) => h.results.some((r) => r.status === 'fail')) ? 1 : 0;
}
