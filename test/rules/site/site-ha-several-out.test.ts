import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-ha-several-out';

/** An appliance whose Mediation VM could not be asked (WinRM failed). */
const mediationUnreachable = (j: any) => {
  const roles = j.facts['vm.services'].value.roles;
  const m = roles.find((r: any) => r.role === 'Mediation');
  Object.assign(m, { reachable: false, message: 'WinRM cannot complete the operation.', services: [] });
  for (const r of roles) if (r.role === 'Edge') for (const s of r.services) s.status = 'Running';
};

describe(RULE, () => {
  it('fails when two of the three appliances of a site are drained at the same time', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-ha-several-out'), RULE, 'Sydney');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^2 of the 3 appliances of site Sydney are out of service at once: CCE-SYD-02 \(RTCMEDSRV on MS02 Stopped, RTCSRV on MS02 Stopped, RTCSRV on EDGE02 Stopped; collected 2026-11-20T02:14:07.000Z\); CCE-SYD-03 \(/);
    expect(r.message).toContain('the snapshots cannot tell which');
    expect(r.evidence).toContainEqual(expect.objectContaining({
      host: 'CCE-SYD-02', fact: 'vm.services', label: 'RTCMEDSRV on the Mediation VM MS02', value: 'Stopped (startup Automatic)',
      provenance: expect.objectContaining({ ref: expect.stringContaining('cce-syd-02.json') }),
    }));
    expect(r.evidence.map((e) => e.host)).not.toContain('CCE-SYD-01');
    expect(r.remediation[0]!.command).toBe('Exit-CcUpdate');
  });

  it('passes when the drained appliances were collected more than 2 hours apart (not "at once")', async () => {
    const dir = editedCopy('site-ha-several-out', { 'cce-syd-03.json': (j) => { j.host = { ...j.host, collectedAt: '2026-11-20T08:00:00.000Z' }; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('CCE-SYD-02 and CCE-SYD-03 were out in snapshots collected more than 2 hours apart');
  });

  it('passes on a healthy site of four appliances, and with one appliance out', async () => {
    expect(resultOf(await runSnapshots('snapshots/site-sydney'), RULE, 'Sydney')).toMatchObject({ status: 'pass', message: 'site Sydney: every appliance runs its call services' });
    const one = resultOf(await runSnapshots('snapshots/fleet-updates-several-sites'), RULE, 'Sydney');
    expect(one.status).toBe('pass');
    expect(one.message).toMatch(/^site Sydney: only CCE-SYD-02 \(RTCMEDSRV on MS02 Stopped/);
  });

  it('unknown, naming the host and the fact, when another appliance\'s Mediation VM could not be asked', async () => {
    const dir = editedCopy('site-ha-several-out', { 'cce-syd-03.json': mediationUnreachable });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('on CCE-SYD-03 Mediation VM MS03 not reachable');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-03', fact: 'vm.services' })]);
  });

  it('does not apply to a site of one appliance', async () => {
    expect(resultOf(await runSnapshots('snapshots/healthy-2.1.json'), RULE).status).toBe('not-applicable');
  });
});
