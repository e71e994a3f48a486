import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-name-registration-mismatch';

describe(RULE, () => {
  it('fails when an appliance\'s ini says Melbourne but the tenant registered it in Sydney', async () => {
    const run = await runSnapshots('snapshots/site-name-registration-mismatch');
    // Grouping follows the ini: the appliance lands in a site of its own.
    expect(run.sites.map((s) => [s.name, s.hosts.map((h) => h.name)])).toEqual([['Melbourne', ['CCE-SYD-02']], ['Sydney', ['CCE-SYD-01']]]);
    const r = resultOf(run, RULE, 'Melbourne');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('CCE-SYD-02: CloudConnector.ini says SiteName=Melbourne, the tenant registered it in site Sydney');
    expect(r.evidence).toEqual([
      expect.objectContaining({ host: 'CCE-SYD-02', fact: 'cce.topology', label: 'SiteName in CloudConnector.ini', value: 'Melbourne' }),
      expect.objectContaining({ host: 'CCE-SYD-02', fact: 'tenant.appliances', value: 'Sydney' }),
    ]);
    expect(resultOf(run, RULE, 'Sydney').status).toBe('pass');
  });

  it('passes when every appliance\'s SiteName is its registered site', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-sydney'), RULE, 'Sydney');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('CCE-SYD-01, CCE-SYD-02, CCE-SYD-03 and CCE-SYD-04: the SiteName in CloudConnector.ini is the site the tenant registered');
  });

  it('does not apply when no appliance of the site is registered', async () => {
    const dir = editedCopy('site-sydney', { 'cce-syd-01.json': (j) => { j.facts['tenant.appliances'].value = []; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('not-applicable');
    expect(r.message).toContain('none of the appliances of site Sydney is in the tenant registration');
  });

  it('unknown, naming the host and tenant.appliances, when one appliance has no tenant facts', async () => {
    const dir = editedCopy('site-sydney', { 'cce-syd-03.json': (j) => { j.remove = ['tenant.appliances']; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-03', fact: 'tenant.appliances', status: 'missing' })]);
    expect(r.message).toContain('on CCE-SYD-03, tenant.appliances is missing');
  });
});
