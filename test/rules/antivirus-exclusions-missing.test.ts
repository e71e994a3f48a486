import { expect } from 'vitest';
import rule from '../../rules/antivirus-exclusions-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      // HA appliance 1 serves the site share from D:\CCESite: that local folder must be excluded too.
      snapshot: 'symptom-antivirus-exclusions-missing.json',
      message: '2 documented anti-virus exclusion(s) are missing: D:\\CCESite, Microsoft.Rtc.CCE.ManagementService.exe',
      evidence: [
        { fact: 'host.defenderExclusions', label: 'Missing path exclusion: local folder of the site root share hosted here', value: 'D:\\CCESite' },
        { fact: 'host.defenderExclusions', label: 'Missing process exclusion', value: 'Microsoft.Rtc.CCE.ManagementService.exe' },
      ],
      assert: (r) => {
        expect(r.evidence.filter((e) => e.label.startsWith('Missing'))).toHaveLength(2);
        expect(r.remediation.map((s) => s.command)).toEqual([
          "Add-MpPreference -ExclusionPath ('D:\\CCESite' -split '\\|')",
          "Add-MpPreference -ExclusionProcess 'Microsoft.Rtc.CCE.ManagementService.exe'",
        ]);
      },
    },
  ],
  pass: [
    // %ProgramFiles% and %ALLUSERSPROFILE% are expanded with the host's environment to compare.
    { snapshot: 'healthy-2.1.json', message: 'every documented exclusion is present' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'ha-site-appliance-1.json' },
    { snapshot: 'ha-site-appliance-2.json' },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['host.defenderExclusions'] }],
});
