import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-root-ca-differs';
const OTHER_CA = '33F56052F17F0B00CE9632EA5C227120BD4DF7FB';
const SITE_CA = '19E1AD1E97FF642AA0378D24B37A131DE5DCA192';

describe(RULE, () => {
  it('a site of four appliances, one with its own root CA: found from their four snapshots', async () => {
    const run = await runSnapshots('snapshots/site-sydney-ca-differs/');
    expect(run.hosts.map((h) => h.name)).toEqual(['CCE-SYD-01', 'CCE-SYD-02', 'CCE-SYD-03', 'CCE-SYD-04']);
    expect(run.sites.map((s) => [s.name, s.hosts.length])).toEqual([['Sydney', 4]]);
    const r = resultOf(run, RULE, 'Sydney');
    expect(r.status).toBe('fail');
    expect(r.hosts).toHaveLength(4);
    expect(r.message).toContain(`CN=cce-AD03-CA, DC=local, DC=contoso, DC=cce (${OTHER_CA}) on CCE-SYD-03`);
    expect(r.message).toContain(`(${SITE_CA}) on CCE-SYD-01, CCE-SYD-02 and CCE-SYD-04`);
    expect(r.evidence).toContainEqual(expect.objectContaining({
      host: 'CCE-SYD-03', fact: 'certs.internal', value: OTHER_CA,
      provenance: expect.objectContaining({ ref: expect.stringContaining('cce-syd-03.json') }),
    }));
    expect(r.evidence.filter((e) => e.value === SITE_CA).map((e) => e.host)).toEqual(['CCE-SYD-01', 'CCE-SYD-02', 'CCE-SYD-04']);
    expect(r.remediation.map((s) => s.command)).toContain('Backup-CcCertificationAuthority');
    // Only this cross-appliance fault: each host passes on its own, the other site rules pass.
    for (const h of run.hosts) expect(h.results.filter((x) => x.status === 'fail').map((x) => x.rule), h.name).toEqual([]);
    expect(run.siteResults.filter((x) => x.status === 'fail').map((x) => x.rule)).toEqual([RULE]);
  });

  it('passes on a healthy site of four appliances sharing one root CA', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-sydney/'), RULE, 'Sydney');
    expect(r.status).toBe('pass');
    expect(r.evidence.map((e) => [e.host, e.value])).toEqual(['CCE-SYD-01', 'CCE-SYD-02', 'CCE-SYD-03', 'CCE-SYD-04'].map((h) => [h, SITE_CA]));
  });

  it('does not apply to a site of one appliance', async () => {
    const r = resultOf(await runSnapshots('snapshots/healthy-2.1.json'), RULE);
    expect(r.status).toBe('not-applicable');
    expect(r.message).toContain('site Sydney has 1 CCE appliance in this run');
  });

  it('unknown, naming the host and the fact, when one appliance\'s certificates were not collected', async () => {
    const dir = editedCopy('site-sydney', { 'cce-syd-02.json': (j) => { j.remove = ['certs.internal']; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-02', fact: 'certs.internalParsed', status: 'missing' })]);
  });

  it('unknown when an appliance\'s root CA has no thumbprint to compare (checklist answers give dates only)', async () => {
    const answered = {
      status: 'ok', source: 'operator', ref: 'question certs.internal',
      value: { certificates: [{ role: 'CA', subject: '(CA certificate, as answered)', issuer: '(not given)', notAfter: '2030-01-15T00:00:00.000Z', thumbprint: '(not given)' }] },
    };
    const dir = editedCopy('site-sydney', { 'cce-syd-04.json': (j) => { j.facts['certs.internal'] = answered; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('the root CA of CCE-SYD-04 has no thumbprint to compare');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-04', fact: 'certs.internalParsed' })]);
  });
});
