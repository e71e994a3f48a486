import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'fleet-duplicate-identities';

describe(RULE, () => {
  it('fails when a Melbourne host was set up with a copy of a Sydney appliance\'s CloudConnector.ini', async () => {
    const r = resultOf(await runSnapshots('snapshots/fleet-duplicate-identities'), RULE);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^7 names or addresses are used by more than one appliance: Mediation Server FQDN MS01\.cce\.contoso\.local on CCE-MEL-01 and CCE-SYD-01; IP address 192\.168\.10\.11 on CCE-MEL-01 and CCE-SYD-01;/);
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-MEL-01', fact: 'cce.topology', label: 'Mediation Server FQDN', value: 'MS01.cce.contoso.local', at: expect.stringContaining('CloudConnector.ini') }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-SYD-01', fact: 'host.adapters', value: '192.168.10.5', at: 'host adapter vEthernet (SfB CCE Corpnet Switch)' }));
    // CCE-SYD-02 has its own names and addresses.
    expect(r.evidence.map((e) => e.host)).not.toContain('CCE-SYD-02');
  });

  it('the management network repeats on every appliance by design: never reported', async () => {
    const management = (ip: string) => (j: any) => {
      j.facts['host.adapters'].value.push({ name: 'vEthernet (SfB CCE Management Switch)', switchName: 'SfB CCE Management Switch', addresses: [{ ip, prefixLength: 24 }] });
    };
    const dir = editedCopy('site-sydney', { 'cce-syd-02.json': management('192.168.213.1'), 'cce-syd-03.json': management('192.168.213.1') });
    const r = resultOf(await runSnapshots(dir), RULE);
    expect(r.status).toBe('pass');
    expect(JSON.stringify(r)).not.toContain('192.168.213.');
  });

  it('one host name in two snapshots is reported, naming both files', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-sydney/cce-syd-01.json', 'snapshots/site-sydney-ca-differs/cce-syd-01.json'), RULE);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('host name CCE-SYD-01 on CCE-SYD-01 (snapshots/site-sydney/cce-syd-01.json) and CCE-SYD-01 (snapshots/site-sydney-ca-differs/cce-syd-01.json)');
    expect(r.message).toContain('one host collected twice');
    // Each value's provenance names its own file, though both hosts have one name.
    const names = r.evidence.filter((e) => e.label === 'host name');
    expect(names.map((e) => e.provenance.ref)).toEqual([expect.stringContaining('site-sydney/cce-syd-01.json'), expect.stringContaining('site-sydney-ca-differs/cce-syd-01.json')]);
    expect(names[0]).not.toHaveProperty('ref');
  });

  it('passes on two healthy sites of two appliances each', async () => {
    const r = resultOf(await runSnapshots('snapshots/fleet-two-sites'), RULE);
    expect(r.status).toBe('pass');
    expect(r.message).toContain('the 4 appliances have distinct host names, Mediation Server FQDNs and corpnet/internet addresses');
  });

  it('does not apply to one appliance', async () => {
    expect(resultOf(await runSnapshots('snapshots/healthy-2.1.json'), RULE).status).toBe('not-applicable');
  });

  it('unknown, naming the host and the fact, when one appliance\'s CloudConnector.ini was not read', async () => {
    const dir = editedCopy('fleet-two-sites', { 'cce-mel-01.json': (j) => { j.facts['file.cloudConnectorIni'] = { status: 'denied', message: 'Access is denied' }; } });
    const r = resultOf(await runSnapshots(dir), RULE);
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-MEL-01', fact: 'cce.topology' })]);
  });
});
