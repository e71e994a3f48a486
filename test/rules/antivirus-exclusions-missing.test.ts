import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/antivirus-exclusions-missing.js';
import { ruleTester, SNAPSHOTS } from '../helpers/rule-tester.js';
import { checkVariant } from '../helpers/snapshot-variant.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

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
          "Import-Module (Join-Path $env:ProgramFiles 'Microsoft Security Client\\MpProvider\\MpProvider.psd1'); Add-MProtPreference -ExclusionPath ('D:\\CCESite' -split '\\|') -ExclusionProcess 'Microsoft.Rtc.CCE.ManagementService.exe'",
        ]);
        // A snapshot from before the product was recorded read Windows Defender.
        expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Anti-virus', value: 'Windows Defender (Get-MpPreference)' }));
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

// Windows Server 2012 R2 has no Windows Defender: System Center Endpoint Protection keeps the same
// exclusion lists (Get-MProtPreference, module MpProvider) and is judged alike.
const exclusions = (file: string) =>
  (readSnapshotJson(join(SNAPSHOTS, file)) as unknown as { facts: Record<string, { value: { paths: string[]; processes: string[] } }> }).facts['host.defenderExclusions']!.value;

describe('antivirus-exclusions-missing with System Center Endpoint Protection (2012 R2)', () => {
  it('SCEP with every documented exclusion: pass, naming the product', async () => {
    const r = await checkVariant(rule, 'healthy-2.1.json', { 'host.defenderExclusions': { defender: true, product: 'scep', ...exclusions('healthy-2.1.json') } });
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toBe('every documented exclusion is present');
    expect(r.evidence).toContainEqual(expect.objectContaining({ fact: 'host.defenderExclusions', label: 'Anti-virus', value: 'System Center Endpoint Protection (Get-MProtPreference)' }));
  });

  it('SCEP missing exclusions: fail as with Windows Defender, with the SCEP command among the steps', async () => {
    const r = await checkVariant(rule, 'symptom-antivirus-exclusions-missing.json', {
      'host.defenderExclusions': { defender: true, product: 'scep', ...exclusions('symptom-antivirus-exclusions-missing.json') },
    });
    expect(r.status).toBe('fail');
    expect(r.message).toBe('2 documented anti-virus exclusion(s) are missing: D:\\CCESite, Microsoft.Rtc.CCE.ManagementService.exe');
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Anti-virus', value: 'System Center Endpoint Protection (Get-MProtPreference)' }));
    const scep = r.remediation.find((s) => s.id === 'add-exclusions-scep')!;
    expect(scep.command).toContain("Add-MProtPreference -ExclusionPath ('D:\\CCESite' -split '\\|') -ExclusionProcess 'Microsoft.Rtc.CCE.ManagementService.exe'");
    expect(scep.title).toMatch(/System Center Endpoint Protection/);
  });

  it('neither Windows Defender nor SCEP: not applicable, saying both were looked for', async () => {
    const r = await checkVariant(rule, 'healthy-2.1.json', { 'host.defenderExclusions': { defender: false, product: null, paths: [], processes: [] } });
    expect(r.status).toBe('not-applicable');
    expect(r.message).toMatch(/^neither Windows Defender nor System Center Endpoint Protection is on this host/);
  });
});
