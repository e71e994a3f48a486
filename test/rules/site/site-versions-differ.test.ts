import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-versions-differ';

/** An appliance still on 2.0.1: its scripts and running version. */
const on201 = (j: any) => {
  j.facts['cce.scriptVersion'] = { status: 'ok', value: '2.0.1.271' };
  j.facts['cce.runningVersion'] = { status: 'ok', value: '2.0.1.271' };
};

describe(RULE, () => {
  it('fails when one appliance of the site was left on 2.0.1', async () => {
    const r = resultOf(await runSnapshots(editedCopy('site-sydney', { 'cce-syd-04.json': on201 })), RULE, 'Sydney');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('the appliances of site Sydney run different CCE versions: 2.1.0.372 on CCE-SYD-01, CCE-SYD-02 and CCE-SYD-03; 2.0.1.271 on CCE-SYD-04');
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-SYD-04', fact: 'cce.version', value: '2.0.1.271' }));
    expect(r.remediation[0]!.command).toBe('Get-CcVersion; Get-CcRunningVersion');
  });

  it('passes when the four appliances run one version', async () => {
    expect(resultOf(await runSnapshots('snapshots/site-sydney'), RULE, 'Sydney')).toMatchObject({ status: 'pass', message: 'every appliance of site Sydney runs CCE 2.1.0.372' });
  });

  it('unknown, naming the host, when one appliance\'s version cannot be read', async () => {
    const dir = editedCopy('site-sydney', { 'cce-syd-02.json': (j) => { j.facts['cce.scriptVersion'] = { status: 'ok', value: 'banana' }; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-02', fact: 'cce.version', status: 'error' })]);
  });

  it('does not apply to a site of one appliance', async () => {
    expect(resultOf(await runSnapshots('snapshots/healthy-2.1.json'), RULE).status).toBe('not-applicable');
  });
});
