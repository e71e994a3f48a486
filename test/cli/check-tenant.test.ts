import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeText } from '../../src/core/text/decode.js';
import { ccdoctor } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cli-tenant-'));
const write = (name: string, text: string, enc: 'utf-8' | 'utf-16le' = 'utf-8') => {
  const p = join(dir, name);
  writeFileSync(p, encodeText(text, enc));
  return p;
};

// A decommissioned appliance still registered with this host's Mediation Server FQDN, as Get-CsHybridPSTNAppliance | ConvertTo-Json > file writes it.
const APPLIANCES = JSON.stringify([
  { Identity: '5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01', Name: 'CCE-SYD-01', Site: 'Sydney', MediationServerFqdn: 'MS01.cce.contoso.local', MediationServerIPAddress: '192.168.10.13', DeploymentStatus: 'Finished' },
  { Identity: 'c0ffee00-1111-4222-8333-944455556666', Name: 'CCE-OLD-07', Site: 'Sydney', MediationServerFqdn: 'ms01.cce.contoso.local', MediationServerIPAddress: '10.9.9.9', DeploymentStatus: 'Finished' },
], null, 4).replace(/\n/g, '\r\n');

describe('ccdoctor check --tenant (built CLI)', () => {
  it('adds tenant facts from cmdlet JSON (UTF-16LE) to a snapshot and names the file as their source', async () => {
    const appliances = write('appliances.json', APPLIANCES, 'utf-16le');
    const site = write('site.json', '{"Identity": "Sydney", "Name": "Sydney", "EnableAutoUpdate": false}');
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--tenant', appliances, '--tenant', site, '--format', 'json', '--fail-on', 'warning']);
    expect(r.exitCode, String(r.stderr)).toBe(1);
    const out = JSON.parse(String(r.stdout)) as { results: { rule: string; status: string; message: string; evidence: { label: string; provenance: { ref: string } }[] }[] };
    const conflict = out.results.find((x) => x.rule === 'registration-conflict')!;
    expect(conflict.status).toBe('fail');
    expect(conflict.message).toMatch(/conflicts with CCE-OLD-07/);
    expect(conflict.evidence[0]!.provenance.ref).toBe(`${appliances} (Get-CsHybridPSTNAppliance | ConvertTo-Json)`);
    expect(out.results.find((x) => x.rule === 'site-autoupdate-disabled')!.status).toBe('fail');
  });

  it('exits 2 with a message naming the file when a --tenant file is not cmdlet JSON', async () => {
    const bad = write('users.json', '[{"DisplayName": "Alice"}]');
    const r = await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--tenant', bad]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain(`--tenant ${bad}: cannot tell which cmdlet wrote it`);
    const missing = await ccdoctor(['check', '--snapshot', 'snapshots/healthy-2.1.json', '--tenant', 'no-such.json']);
    expect(missing.exitCode).toBe(2);
    expect(String(missing.stderr)).toContain('cannot read --tenant no-such.json: no such file');
  });

  it('--tenant without --snapshot goes with a live check (read before PowerShell starts), and --help documents it', async () => {
    const r = await ccdoctor(['check', '--tenant', 'no-such.json']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain('cannot read --tenant no-such.json: no such file');
    expect(String(r.stderr)).not.toContain('goes with --snapshot');
    const help = String((await ccdoctor(['check', '--help'])).stdout);
    expect(help).toMatch(/--tenant FILE {5}tenant facts from the JSON of Get-CsHybridPSTNAppliance, Get-CsHybridPSTNSite or\n {20}Get-CsHybridMediationServer piped to ConvertTo-Json \(UTF-8 or UTF-16\), live or with\n {20}--snapshot/);
    expect(help).toMatch(/ccdoctor check \[--tenant FILE\]\.\.\. \[--vm-user NAME\]/);
  });
});
