import { describe, expect, it } from 'vitest';
import rule from '../../rules/dism-stale-mount.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-dism-stale-mount.json',
      message: /1 mounted image\(s\) need cleaning up: .*2\.1\.0\.372-default\\Mount \(NeedsRemount\)/,
      evidence: [
        {
          fact: 'host.mountedImages',
          label: 'Mounted image at C:\\Users\\cceadmin\\CloudConnector\\ApplianceRoot\\Instances\\2.1.0.372-default\\Mount',
          value: 'NeedsRemount',
          at: 'C:\\Users\\cceadmin\\CloudConnector\\SiteRoot\\Bits\\VHD\\2.1.0.372\\BaseVM.vhdx',
        },
      ],
      assert: (r) => {
        // The healthy mount is not evidence of the problem.
        expect(r.evidence.map((e) => e.value)).toEqual(['NeedsRemount']);
        expect(r.remediation[0]).toMatchObject({ command: 'DISM /Cleanup-Wim', destructive: true, runsOn: 'host' });
        // The step tells the operator what to do, with no aside about the source document.
        expect(r.remediation[0]!.text).not.toMatch(/document|real syntax|-Cleanup-Wim'/i);
      },
    },
  ],
  pass: [{ snapshot: 'healthy-2.1.json', message: 'no Windows image is mounted' }, { snapshot: 'healthy-2.0.json' }, { snapshot: 'healthy-1.4.2.json' }],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['host.mountedImages'], message: /denied/ }],
});

describe('dism-stale-mount signature', () => {
  it('matches the documented error', () => {
    const p = rule.signatures[0]!.pattern!;
    expect(p.test('Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1550115')).toBe(true);
    expect(p.test('dismount-windowsimage: Dismount-WindowsImage failed.  Error code = 0xC1550115')).toBe(true);
    expect(p.test('Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1420117')).toBe(false);
  });
});
