/**
 * The cce.credentialRead probe, run for real in pwsh: on a host whose messages are not in English the
 * exception type and HResult it reports still tell an unreadable credential store apart (rule
 * credential-store-unreadable), and another failure is not taken for it.
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../rules/credential-store-unreadable.js';
import { FACTS } from '../../src/facts/index.js';
import { runLive } from '../../src/live/run-live.js';
import type { CredentialRead } from '../../src/facts/logs.js';
import { describeTier } from '../tiers/tier.js';
import { readSnapshot, simulate } from '../sim-host/harness.js';
import { runPwshJson } from './run-pwsh.js';

const ROOT = join(import.meta.dirname, '..', '..');
const HEALTHY = join(ROOT, 'snapshots', 'healthy-2.1.json');
const CRYPTO = 'System.Security.Cryptography.CryptographicException';
const DE = 'Schlüssel ist im angegebenen Status nicht gültig.';
const PROBE = FACTS.get('cce.credentialRead')!.live!.script;
const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-credread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verdict(read: CredentialRead) {
  return rule.check({ facts: { 'cce.credentialRead': read }, version: undefined, now: new Date('2026-11-20T00:00:00Z'), options: {} });
}

/** The probe on a simulated host whose stored VmAdmin credential fails as `error` says. */
async function probeOnSimulatedHost(pwsh: string, error: { message: string; hresult: string | null } | null) {
  const sim = simulate(readSnapshot(HEALTHY), pwsh, {
    patch: (model) => {
      if (error) model.cc.credentials.VmAdmin = { error };
    },
  });
  try {
    const r = await runLive({ specs: FACTS, powershell: sim.launcher, env: sim.env, ids: ['cce.credentialRead'] });
    const fact = r.store.get('cce.credentialRead');
    expect(fact.status, fact.message).toBe('ok');
    return fact.value as CredentialRead;
  } finally {
    sim.dispose();
  }
}

describeTier('powershell', 'cce.credentialRead in any language (real probe, real pwsh)', (tier) => {
  it('de-DE host, DPAPI key not valid: the CryptographicException and HResult 0x8009000B come through; the rule fails', async () => {
    const read = await probeOnSimulatedHost(tier.tool, { message: DE, hresult: '0x8009000B' });
    expect(read).toMatchObject({ ok: false, errorType: CRYPTO, hresult: '0x8009000B' });
    expect(read.error).toContain(DE);
    expect(read.error).not.toMatch(/Key not valid/);
    const v = verdict(read);
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/HResult 0x8009000B, NTE_BAD_KEY_STATE/);
  }, 120_000);

  it('de-DE host, another failure: its own type and HResult; the rule does not fail on it', async () => {
    const read = await probeOnSimulatedHost(tier.tool, { message: 'Die Datei wurde nicht gefunden.', hresult: null });
    expect(read.ok).toBe(false);
    expect(read.errorType).toMatch(/Exception$/);
    expect(read.errorType).not.toBe(CRYPTO);
    expect(read.hresult).toMatch(/^0x[0-9A-F]{8}$/);
    expect(read.hresult).not.toBe('0x8009000B');
    expect(verdict(read).outcome).toBe('pass');
  }, 120_000);

  it('a readable store: ok, no type, no HResult', async () => {
    const read = await probeOnSimulatedHost(tier.tool, null);
    expect(read).toEqual({ ok: true, error: null, errorType: null, hresult: null });
    expect(verdict(read).outcome).toBe('pass');
  }, 120_000);

  it('a wrapped CryptographicException: the InnerException chain is walked', async () => {
    const script = join(dir, 'wrapped.ps1');
    const inner = (type: string, message: string, hresult: string) =>
      `$e = New-Object ${type} -ArgumentList ${JSON.stringify(message).replace(/"/g, "'")}; $e.HResult = ${hresult}; $e`;
    writeFileSync(script, [
      'param([string]$InputPath)',
      '$ErrorActionPreference = "Stop"',
      // The CloudConnector module, as far as this probe needs it: loaded (Get-CcApplianceDirectory answers) and Get-CcCredential.
      'function Get-CcApplianceDirectory { [CmdletBinding()] param() $PSScriptRoot }',
      `function Get-CcCredential { [CmdletBinding()] param([string]$AccountType) $c = & { ${inner('System.Security.Cryptography.CryptographicException', DE, '-2146893813')} }; throw (New-Object System.Management.Automation.RuntimeException -ArgumentList 'Fehler beim Lesen der Anmeldeinformationen.', $c) }`,
      `$r = & { $ErrorActionPreference = 'Stop'\n${PROBE}\n}`,
      '$r | ConvertTo-Json -Compress',
    ].join('\n'), 'utf8');
    const { value } = await runPwshJson<CredentialRead>(tier.tool, script, {});
    expect(value).toMatchObject({ ok: false, errorType: CRYPTO, hresult: '0x8009000B' });
    expect(value.error).toContain('Fehler beim Lesen der Anmeldeinformationen.');
    expect(verdict(value).outcome).toBe('fail');
  }, 60_000);
});
