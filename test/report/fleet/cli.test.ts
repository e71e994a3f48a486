import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../../helpers/cli.js';
import { checkWellFormed } from '../../helpers/xml-well-formed.js';
import { fleetReportModel } from '../../../src/core/report/fleet/model.js';

// Through dist/cli.js (node src/tools/build.mjs first), as a user runs it.
const SITE = ['--snapshot', 'snapshots/ha-site-appliance-*.json', '--snapshot', 'snapshots/symptom-marked-down-after-update.json', '--snapshot', 'snapshots/healthy-1.4.2.json'];

describe('ccdoctor report over many snapshots', () => {
  it('html: the site overview with the planted cross-appliance fault, written atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fleet-'));
    const out = join(dir, 'site.html');
    const r = await ccdoctor(['report', ...SITE, '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*site\.html \(html\): 5 hosts in 1 site, \d+ findings, \d+ could not be checked\.$/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h2>Site Sydney');
    expect(html).toContain('<code>site-versions-differ</code>');
    expect(html.indexOf('id="site-1"')).toBeLessThan(html.indexOf('id="host-1"'));
  });

  it('json, junit, sarif and md to standard output; a folder works as an input', async () => {
    const json = await ccdoctor(['report', ...SITE, '--format', 'json']);
    const model = fleetReportModel.parse(JSON.parse(String(json.stdout)));
    expect(model.summary.hosts).toBe(5);
    const junit = await ccdoctor(['report', ...SITE, '--format', 'junit']);
    checkWellFormed(String(junit.stdout));
    expect(String(junit.stdout)).toContain('<testsuite name="site Sydney"');
    const sarif = await ccdoctor(['report', '--snapshot', 'snapshots/healthy-2.1.json', '--format', 'sarif', '--redact']);
    expect(sarif.exitCode).toBe(0);
    expect(JSON.parse(String(sarif.stdout))).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ccdoctor' } } }] });
    expect(String(sarif.stdout)).not.toContain('CCE-SYD-01');
    const md = await ccdoctor(['report', '--snapshot', 'snapshots', '--format', 'md']);
    expect(md.exitCode).toBe(0);
    expect(String(md.stdout)).toMatch(/^# ccdoctor fleet report: \d+ hosts, \d+ sites?\n/);
  }, 60_000);

  it('--redact with --redact-map: the report has tokens, the private map has the originals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-fleet-'));
    const r = await ccdoctor(['report', ...SITE, '--redact', '--redact-map', join(dir, 'map.json'), '--out', join(dir, 'site.md')]);
    expect(r.exitCode).toBe(0);
    const md = readFileSync(join(dir, 'site.md'), 'utf8');
    const map = JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8'));
    expect(map.schema).toBe('ccdoctor/redaction-map');
    const mel = map.entries.find((e: { original: string }) => e.original === 'CCE-MEL-01');
    expect(md).toContain(`### Host ${mel.token}`);
    expect(md).not.toMatch(/CCE-(SYD|MEL|PER)-0\d|Sydney/);
  }, 30_000);

  it('--redact does not name the working folder, which a missing input\'s message would (a user or customer name)', async () => {
    // The CLI runs in a folder whose name is a user's: the unredacted report says where the path was looked for.
    const home = mkdtempSync(join(tmpdir(), 'ccdoctor-jsmith-contoso-'));
    const args = ['report', '--snapshot', join(ROOT, 'snapshots', 'healthy-2.1.json'), '--snapshot', 'gone.json', '--format', 'md'];
    const plain = await ccdoctor(args, { cwd: home });
    expect(plain.exitCode).toBe(0);
    expect(String(plain.stdout)).toContain(`cannot read snapshot gone.json: no such file (path relative to ${home})`);
    for (const format of ['md', 'json', 'html']) {
      const r = await ccdoctor([...args.slice(0, -1), format, '--redact'], { cwd: home });
      expect(r.exitCode).toBe(0);
      expect(String(r.stdout)).not.toContain('jsmith-contoso');
      expect(String(r.stdout)).toContain('no such file (path relative to the working folder)');
    }
  }, 30_000);

  it('ps1 is for one host; one snapshot still gives the single-host report', async () => {
    const ps1 = await ccdoctor(['report', ...SITE, '--format', 'ps1']);
    expect(ps1.exitCode).toBe(2);
    expect(ps1.stderr).toContain('--format ps1 is a script for one host');
    const one = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'md']);
    expect(String(one.stdout)).toMatch(/^# ccdoctor report: CCE-DEMO-01/);
  });
});
