import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { CATALOGUE } from '../../helpers/catalogue.js';
import { buildFleetReport, renderFleetModel } from '../../../src/core/report/fleet/index.js';
import { fleetRun, NOW, ROOT, withWaiversAndBaseline } from './fixtures.js';

// The published SARIF 2.1.0 schema (draft-07; source in test/fixtures/sarif/README.md). Ajv's default class is
// draft-07; strict: false only because the schema itself trips Ajv's authoring lints (strictRequired), which
// say nothing about the document validated.
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);
const errors = () => ajv.errorsText(validate.errors, { separator: '\n' });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let sarif: any;
beforeAll(async () => {
  sarif = JSON.parse(renderFleetModel(buildFleetReport(withWaiversAndBaseline(await fleetRun()), { toolVersion: '9.9.9', now: NOW, catalogue: CATALOGUE }), 'sarif'));
});

describe('SARIF 2.1.0', () => {
  it('is valid against the published schema', () => {
    expect(validate(sarif), errors()).toBe(true);
    expect(sarif.version).toBe('2.1.0');
  });

  it('the validator is live: a document missing its tool is refused', () => {
    const broken = structuredClone(sarif);
    delete broken.runs[0].tool;
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(errors()).toMatch(/tool/);
    expect(errors()).toMatch(/level/);
  });

  it("describes every catalogue rule: id, name, descriptions, help, the severity's level", () => {
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.length).toBe(CATALOGUE.rules.length + CATALOGUE.siteRules.length);
    const versions = rules.find((r: { id: string }) => r.id === 'site-versions-differ');
    expect(versions).toMatchObject({ name: 'SiteVersionsDiffer', shortDescription: { text: expect.any(String) }, help: { text: expect.stringContaining('Source: ') }, defaultConfiguration: { level: 'warning' } });
    const critical = CATALOGUE.rules.find((r) => r.severity === 'critical')!;
    expect(rules.find((r: { id: string }) => r.id === critical.id).defaultConfiguration.level).toBe('error');
  });

  it('findings are results at their host or site (logical locations), with evidence; waived ones suppressed; baselines kept', () => {
    const results = sarif.runs[0].results;
    const at = (rule: string, host: string) => results.find((r: { ruleId: string; properties: { host?: string } }) => r.ruleId === rule && r.properties.host === host);
    const waived = at('monitored-service-down', 'CCE-MEL-01');
    expect(waived).toMatchObject({
      kind: 'fail', suppressions: [{ kind: 'external', status: 'accepted', justification: 'RTCMEDSRV restarts nightly by design (CHG-1234)' }], baselineState: 'new',
      locations: [{ logicalLocations: [{ name: 'CCE-MEL-01', fullyQualifiedName: 'Sydney/CCE-MEL-01', kind: 'resource' }] }],
    });
    expect(waived.properties.evidence.length).toBeGreaterThan(0);
    const expired = at('appliance-marked-down', 'CCE-MEL-01');
    expect(expired.suppressions).toBeUndefined();
    expect(expired.properties.waiver.expired).toBe(true);
    expect(at('calls-fail-after-host-update', 'CCE-MEL-01').baselineState).toBe('unchanged');
    const site = results.find((r: { ruleId: string }) => r.ruleId === 'site-versions-differ');
    expect(site).toMatchObject({ kind: 'fail', level: 'warning', locations: [{ logicalLocations: [{ name: 'Sydney', kind: 'namespace' }] }] });
    expect(site.properties.evidence.map((e: { host: string }) => e.host)).toContain('CCE-PER-01');
    expect(results.every((r: { kind: string; level: string }) => r.kind === 'fail' || (r.kind === 'review' && r.level === 'none'))).toBe(true);
    const ruleIds = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const r of results) expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
  });

  it('an input that could not be read is a tool execution notification', () => {
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toEqual([{ level: 'error', message: { text: expect.stringMatching(/^snapshots\/no-such\.json could not be read: /) } }]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('a rule that could not decide is a review result naming the host and the facts', async () => {
    const run = await fleetRun(['snapshots/symptom-vm-not-running.json']);
    const doc = JSON.parse(renderFleetModel(buildFleetReport(run, { toolVersion: '9.9.9', now: NOW, catalogue: CATALOGUE }), 'sarif'));
    expect(validate(doc), errors()).toBe(true);
    const review = doc.runs[0].results.filter((r: { kind: string }) => r.kind === 'review');
    expect(review.length).toBeGreaterThan(0);
    expect(review[0].message.text).toMatch(/^Could not check on Sydney\/CCE-SYD-01: [\w.]+ is \w+/);
  });
});
