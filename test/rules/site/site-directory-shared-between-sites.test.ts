import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-directory-shared-between-sites';

describe(RULE, () => {
  it('fails when the appliances of Melbourne use Sydney\'s site share', async () => {
    const run = await runSnapshots('snapshots/fleet-directory-reused');
    expect(run.sites.map((s) => s.name)).toEqual(['Melbourne', 'Sydney']);
    const r = resultOf(run, RULE);
    expect(r.status).toBe('fail');
    expect(r.site).toBe('all sites');
    expect(r.message).toBe('\\\\CCE-SYD-01\\CCESite is the site directory of site Melbourne (CCE-MEL-01 and CCE-MEL-02) and site Sydney (CCE-SYD-01 and CCE-SYD-02)');
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-MEL-01', fact: 'cce.directories', label: 'Site directory (site Melbourne)', value: '\\\\CCE-SYD-01\\CCESite' }));
  });

  it('passes when each site has its own share', async () => {
    const r = resultOf(await runSnapshots('snapshots/fleet-two-sites'), RULE);
    expect(r.status).toBe('pass');
    expect(r.message).toBe('the 2 sites use different site directories');
  });

  it('a local path named in two sites is two folders, not a shared one', async () => {
    const local = (j: any) => { j.facts['cce.directories'].value.siteRoot = 'C:\\Users\\cceadmin\\CloudConnector\\SiteRoot'; };
    const dir = editedCopy('fleet-two-sites', { 'cce-syd-01.json': local, 'cce-syd-02.json': local, 'cce-mel-01.json': local, 'cce-mel-02.json': local });
    expect(resultOf(await runSnapshots(dir), RULE).status).toBe('pass');
  });

  it('does not apply to a run of one site', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-sydney'), RULE);
    expect(r.status).toBe('not-applicable');
    expect(r.message).toContain('the run has 1 site with CCE appliances');
  });

  it('unknown, naming the host and the fact, when one appliance\'s directories were not collected', async () => {
    const dir = editedCopy('fleet-two-sites', { 'cce-mel-02.json': (j) => { delete j.facts['cce.directories']; j.remove = ['cce.directories']; } });
    const r = resultOf(await runSnapshots(dir), RULE);
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-MEL-02', fact: 'cce.directories', status: 'missing' })]);
  });
});
