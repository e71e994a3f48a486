import { describe, expect, it } from 'vitest';
import { editedCopy, resultOf, runSnapshots } from './fleet-fixture.js';

const RULE = 'site-directory-differs';
const LOCAL = 'C:\\Users\\cceadmin\\CloudConnector\\SiteRoot';

describe(RULE, () => {
  it('fails when an appliance keeps a local site directory; case and a trailing backslash do not make a share differ', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-directory-differs'), RULE, 'Sydney');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(`the appliances of site Sydney name 2 different site directories: \\\\CCE-SYD-01\\CCESite on CCE-SYD-01 and CCE-SYD-02; ${LOCAL} on CCE-SYD-03; CCE-SYD-03 names a local folder (${LOCAL}), which no other appliance can reach`);
    expect(r.evidence).toContainEqual(expect.objectContaining({
      host: 'CCE-SYD-03', fact: 'cce.directories', value: LOCAL,
      provenance: expect.objectContaining({ ref: expect.stringContaining('cce-syd-03.json') }),
    }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ host: 'CCE-SYD-02', fact: 'cce.directories', value: '\\\\cce-syd-01\\ccesite\\' }));
    expect(r.remediation[0]!.command).toBe("Set-CcSiteDirectory '\\\\CCE-SYD-01\\CCESite'");
  });

  it('fails when every appliance names the same local path: each has its own folder there', async () => {
    const local = (j: any) => { j.facts['cce.directories'].value.siteRoot = LOCAL; j.facts['cce.directories'].value.siteShareLocalPath = null; };
    const dir = editedCopy('site-directory-differs', { 'cce-syd-01.json': local, 'cce-syd-02.json': local });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(`every appliance of site Sydney names ${LOCAL}, but that is a local path`);
    // No share to fill in: the operator names it.
    expect(r.remediation[0]).toMatchObject({ command: 'Set-CcSiteDirectory <siteRoot>', unresolved: ['siteRoot'] });
  });

  it('passes when the four appliances of the site name one share', async () => {
    const r = resultOf(await runSnapshots('snapshots/site-sydney'), RULE, 'Sydney');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('every appliance of site Sydney uses the site directory \\\\CCE-SYD-01\\CCESite');
    expect(r.evidence).toHaveLength(4);
  });

  it('unknown, naming the host, when Get-CcSiteDirectory gave nothing on one appliance', async () => {
    const dir = editedCopy('site-sydney', { 'cce-syd-04.json': (j) => { j.facts['cce.directories'].value.siteRoot = null; } });
    const r = resultOf(await runSnapshots(dir), RULE, 'Sydney');
    expect(r.status).toBe('unknown');
    expect(r.unavailable).toEqual([expect.objectContaining({ host: 'CCE-SYD-04', fact: 'cce.directories' })]);
  });

  it('does not apply to a site of one appliance', async () => {
    expect(resultOf(await runSnapshots('snapshots/healthy-2.1.json'), RULE).status).toBe('not-applicable');
  });
});
