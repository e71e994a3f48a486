import { describe, expect, it } from 'vitest';
import rule from '../../rules/wsus-auto-install.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { checkVariant } from '../helpers/snapshot-variant.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-wsus-auto-install.json',
      message: 'updates come from WSUS (http://wsus.contoso.local:8530) and the Windows Update policy installs them automatically (AUOptions=4)',
      evidence: [
        { fact: 'cce.ini', label: 'WSUSServer', value: 'http://wsus.contoso.local:8530', at: '[Common] WSUSServer' },
        { fact: 'host.windowsUpdatePolicy', label: 'AUOptions (policy)', value: '4 (download and install automatically on a schedule)' },
      ],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'no WSUS server is configured: the site updates from Windows Update' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'wsus-notify-2.1.json', message: /not installed automatically \(AUOptions=3\)/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['host.windowsUpdatePolicy'], message: /timeout/ }],
});

// Windows Server 2012 R2 with no Group Policy for Windows Update: the Control Panel setting
// (HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update, AUOptions) applies.
const NO_POLICY = { wuServer: null, useWUServer: null, auOptions: null, noAutoUpdate: null };
const policy = (v: Record<string, unknown>) => checkVariant(rule, 'symptom-wsus-auto-install.json', { 'host.windowsUpdatePolicy': { ...NO_POLICY, ...v } });

describe('wsus-auto-install: the Control Panel setting when no policy sets AUOptions', () => {
  it('no policy, Control Panel installs automatically (4): fail, saying where the setting is', async () => {
    const r = await policy({ localAuOptions: 4 });
    expect(r.status).toBe('fail');
    expect(r.message).toBe('updates come from WSUS (http://wsus.contoso.local:8530) and Windows Update installs them automatically: AUOptions=4 in Control Panel, as no policy sets it');
    expect(r.evidence).toContainEqual(expect.objectContaining({
      label: 'AUOptions (Control Panel)', value: '4 (download and install automatically on a schedule)', at: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update',
    }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'AUOptions (policy)', value: '(not set)' }));
  });

  it('no policy, Control Panel downloads and notifies (3): pass', async () => {
    const r = await policy({ localAuOptions: 3 });
    expect(r.status).toBe('pass');
    expect(r.message).toBe('updates come from WSUS (http://wsus.contoso.local:8530) and are not installed automatically (AUOptions=3 in Control Panel, as no policy sets it)');
  });

  it('no policy, Control Panel never checks (1): pass, automatic updating is off', async () => {
    const r = await policy({ localAuOptions: 1 });
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/automatic updating is off \(AUOptions=1 in Control Panel, as no policy sets it\)$/);
  });

  it('a policy value wins over Control Panel', async () => {
    expect((await policy({ auOptions: 3, localAuOptions: 4 })).status).toBe('pass');
    const r = await policy({ auOptions: 4, localAuOptions: 3 });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/the Windows Update policy installs them automatically \(AUOptions=4\)$/);
  });

  it('policy 5 (local administrator chooses): the Control Panel setting decides', async () => {
    const r = await policy({ auOptions: 5, localAuOptions: 4 });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/AUOptions=4 in Control Panel, as the policy lets the local administrator choose$/);
    expect((await policy({ auOptions: 5, localAuOptions: 2 })).status).toBe('pass');
    expect((await policy({ auOptions: 5, localAuOptions: null })).status).toBe('unknown');
  });

  it('neither a policy nor a Control Panel value (or a snapshot from before it was read): unknown', async () => {
    expect((await policy({ localAuOptions: null })).status).toBe('unknown');
    const old = await policy({});
    expect(old.status).toBe('unknown');
    expect(old.message).toMatch(/check Control Panel > Windows Update on the host$/);
  });

  it('NoAutoUpdate=1 by policy: pass whatever Control Panel says', async () => {
    expect((await policy({ noAutoUpdate: 1, localAuOptions: 4 })).status).toBe('pass');
  });

  it('the remediation says a domain GPO overrides a local edit and how to find it (gpresult)', async () => {
    const r = await policy({ localAuOptions: 4 });
    const gpo = r.remediation.find((s) => s.id === 'check-gpo')!;
    expect(gpo.command).toBe('gpresult /r /scope computer');
    expect(gpo.text).toMatch(/domain GPO .* overrides any local change/);
    expect(r.remediation.find((s) => s.id === 'set-notify')!.text).toMatch(/a domain GPO overrides a local change/);
  });
});
