/**
 * What only a Windows host could show, checked in the generated script text: the external certificate's
 * private key is never persisted, the VMs are never asked for over PowerShell Direct, no CloudConnector
 * output goes through Out-String, and collect.ps1 documents how to run under AllSigned.
 */
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/facts/index.js';
import { collectorProbes, plannedProbes } from '../../src/live/probes.js';
import { collectorScript } from '../../src/live/ps-script.js';

const probe = (id: string) => FACTS.get(id)!.live!.script;

describe('probe text', () => {
  it('certs.external names its target and loads the key ephemeral (EphemeralKeySet, else PKCS12_NO_PERSIST_KEY), never persisted', () => {
    const s = probe('certs.external');
    expect(s).toContain('Get-CcExternalCertificateFilePath -Target EdgeServer');
    expect(s).toContain("[System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'EphemeralKeySet'");
    expect(s).toContain('PFXImportCertStore(ref blob, password, 0x00008000)');
    expect(s).not.toMatch(/PersistKeySet|MachineKeySet|DefaultKeySet/);
    expect(s).toMatch(/\$c\.Reset\(\)/);
  });

  it('no probe asks a VM over PowerShell Direct, and VM sessions use explicit authentication and time limits', () => {
    for (const p of plannedProbes(FACTS)) expect(p.probe.script, p.id).not.toMatch(/-VMName\b/);
    const vm = probe('vm.services');
    expect(vm).toMatch(/New-PSSession -ComputerName \$Address -Credential \$cred -Authentication Negotiate -SessionOption \$opt/);
    expect(vm).toMatch(/New-PSSessionOption -OpenTimeout \d+ -OperationTimeout \d+/);
  });

  it('no CloudConnector cmdlet output is pasted through Out-String', () => {
    for (const p of plannedProbes(FACTS)) {
      if (p.group === 'cloudconnector') expect(p.probe.script, p.id).not.toMatch(/Get-Cc\w+\)?\s*\|\s*Out-String/);
    }
  });

  it('CloudConnector probes share one runspace and need elevation; the cache is read first', () => {
    const planned = plannedProbes(FACTS);
    const cc = planned.filter((p) => /Get-Cc[A-Z]/.test(p.probe.script));
    expect(cc.length).toBeGreaterThan(8);
    for (const p of cc) expect([p.id, p.group, p.requiresAdmin]).toEqual([p.id, 'cloudconnector', true]);
    expect(planned.filter((p) => p.runFirst).map((p) => p.id)).toEqual(['ps.moduleAnalysisCache']);
  });

  it('collect.ps1 says how to run it under AllSigned and in the 64-bit PowerShell, and points the analysis cache away first', () => {
    const s = collectorScript(collectorProbes(FACTS), { collectorVersion: '1.0.0', deadlineMs: 60_000 });
    expect(s).toContain('Set-AuthenticodeSignature -FilePath .\\collect.ps1');
    expect(s).toMatch(/64-bit Windows PowerShell 5\.1/);
    const cacheAt = s.indexOf('$env:PSModuleAnalysisCachePath = $ccdCachePath');
    expect(cacheAt).toBeGreaterThan(0);
    // Nothing looks a command up before that line (Get-Command, or a cmdlet that would be auto-loaded).
    const before = s.slice(s.indexOf('[CmdletBinding()]'), cacheAt);
    expect(before).not.toMatch(/Get-Command|Get-Cc|Import-Module|Join-Path|Test-Path|Write-Host/);
    expect(s).toContain('powershell -NoProfile -ExecutionPolicy Bypass -File .\\collect.ps1');
    expect(s).not.toMatch(/TenantLive/);
  });
});
