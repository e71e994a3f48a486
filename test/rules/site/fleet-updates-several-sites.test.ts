import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'fleet-updates-several-sites';

describe(RULE, () => {
  it('fails when an appliance of Sydney and one of Melbourne are drained at the same time', async () => {
    const r = resultOf(await runSnapshots('snapshots/fleet-updates-several-sites'), RULE);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^appliances of 2 sites are out of service at once: site Melbourne: CCE-MEL-01 \(RTCMEDSRV on MS05 Stopped.*; site Sydney: CCE-SYD-02 \(RTCMEDSRV on MS02 Stopped.*If these are updates, update one site at a time$/);
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-MEL-01', fact: 'vm.services', label: 'RTCSRV on the Edge VM EDGE05', value: 'Stopped (startup Automatic)' }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-SYD-02', fact: 'vm.services', value: 'Stopped (startup Automatic)' }));
  });

  it('passes when only one site has appliances out, and when none has', async () => {
    const running = (j: any) => { for (const r of j.facts['vm.services'].value.roles) for (const s of r.services) s.status = 'Running'; };
    const dir = editedCopy('fleet-updates-several-sites', { 'cce-mel-01.json': running });
    const r = resultOf(await runSnapshots(dir), RULE);
    expect(r.status).toBe('pass');
    expect(r.message).toBe('only site Sydney has appliances out of service (of 2 sites)');
    expect(resultOf(await runSnapshots('snapshots/fleet-two-sites'), RULE)).toMatchObject({ status: 'pass', message: 'no appliance is out of service (of 2 sites)' });
  });

  it('does not apply to a run of one site, nor when the other appliances\' site cannot be told', async () => {
    expect(resultOf(await runSnapshots('snapshots/site-ha-several-out'), RULE).status).toBe('not-applicable');
    // No CloudConnector.ini and no tenant registration: Melbourne's appliances are of no known site.
    const siteless = (j: any) => { j.facts['file.cloudConnectorIni'] = { status: 'denied', message: 'Access is denied' }; j.facts['tenant.appliances'] = { status: 'ok', value: [] }; };
    const run = await runSnapshots(editedCopy('fleet-updates-several-sites', { 'cce-mel-01.json': siteless, 'cce-mel-02.json': siteless }));
    expect(run.sites.map((s) => s.name)).toEqual(['Sydney', '(no site)']);
    const r = resultOf(run, RULE);
    expect(r.status).toBe('not-applicable');
    expect(r.message).toBe('the run has 1 known site; the rule compares sites (2 appliances of no known site: no SiteName in CloudConnector.ini, no tenant registration)');
  });

  it('unknown when the other site\'s appliance could not be asked (its Mediation VM out of reach)', async () => {
    const unreachable = (j: any) => {
      for (const r of j.facts['vm.services'].value.roles) {
        if (r.role === 'Mediation') Object.assign(r, { reachable: false, message: 'WinRM cannot complete the operation.', services: [] });
        else for (const s of r.services) s.status = 'Running';
      }
    };
    const r = resultOf(await runSnapshots(editedCopy('fleet-updates-several-sites', { 'cce-mel-01.json': unreachable })), RULE);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('on CCE-MEL-01 Mediation VM MS05 not reachable');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-MEL-01', fact: 'vm.services' })]);
  });

  it('unknown, naming the host and the fact, when one appliance\'s services were not collected', async () => {
    const dir = editedCopy('fleet-updates-several-sites', { 'cce-mel-01.json': (j) => { j.facts['vm.services'] = { status: 'timeout', message: 'probe did not finish within 120 s' }; } });
    const r = resultOf(await runSnapshots(dir), RULE);
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-MEL-01', fact: 'vm.services', status: 'timeout' })]);
  });
});
