/**
 * domain-join-failed and a ping without an answer: the troubleshooting catalogue says a CMS/Mediation VM
 * that cannot ping the AD server's FQDN and IP "may" have an IP address conflict. A firewall that drops
 * ICMP echo looks the same, so where other evidence shows the AD server is there (the VM is joined and
 * uses it for DNS, or the FQDN answers ping) an unanswered ping is reported, not taken for a conflict.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/domain-join-failed.js';
import type { DomainState } from '../../src/facts/vms.js';
import { SNAPSHOTS } from '../helpers/rule-tester.js';
import { checkVariant } from '../helpers/snapshot-variant.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

type Roles = { roles: DomainState[] };
const roles = (file: string) => (readSnapshotJson(join(SNAPSHOTS, file)) as unknown as { facts: Record<string, { value: Roles }> }).facts['vm.domainMembership']!.value.roles;

/** healthy-2.1 (both VMs joined, DNS = the AD server) or the domain-join symptom, with the Mediation VM changed. */
function mediation(file: 'healthy-2.1.json' | 'symptom-domain-join-failed.json', change: Partial<DomainState>) {
  const value: Roles = { roles: roles(file).map((r) => (r.role === 'Mediation' ? { ...r, ...change } : r)) };
  return checkVariant(rule, file, { 'vm.domainMembership': value });
}

describe('domain-join-failed: an unanswered ping is not an IP address conflict by itself', () => {
  it('joined, DNS = the AD server, neither the FQDN nor the IP answers ping: pass, saying ICMP may be blocked', async () => {
    const r = await mediation('healthy-2.1.json', { adFqdnPing: false, adIpPing: false });
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toMatch(/ICMP may be blocked by a firewall/);
    expect(r.message).not.toMatch(/conflict/);
    expect(r.evidence).toContainEqual(expect.objectContaining({
      label: 'Mediation VM MS01: ping 192.168.10.11',
      value: 'no answer (ICMP may be blocked by a firewall: the VM is joined to cce.contoso.local and uses 192.168.10.11 for DNS); not by itself an IP address conflict',
    }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Mediation VM MS01: ping AD01.cce.contoso.local', value: expect.stringMatching(/^no answer \(ICMP may be blocked/) as unknown as string }));
  });

  it('joined, DNS = the AD server, the FQDN answers but the IP does not: pass, pointing at what the name resolves to', async () => {
    const r = await mediation('healthy-2.1.json', { adFqdnPing: true, adIpPing: false });
    expect(r.status).toBe('pass');
    expect(r.message).not.toMatch(/conflict/);
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Mediation VM MS01: ping 192.168.10.11', value: expect.stringMatching(/^no answer while AD01\.cce\.contoso\.local answers: compare the address/) as unknown as string }));
  });

  it('not joined, the FQDN answers ping but the IP does not: fails on the join and DNS, not on an IP conflict', async () => {
    const r = await mediation('symptom-domain-join-failed.json', { adFqdnPing: true, adIpPing: false });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^Mediation VM MS01: domain: not joined/);
    expect(r.message).not.toMatch(/ping|conflict/);
    expect(r.evidence).toContainEqual(expect.objectContaining({
      label: 'Mediation VM MS01: ping 192.168.10.11',
      value: 'no answer while AD01.cce.contoso.local answers: compare the address the name resolves to with 192.168.10.11 (Resolve-DnsName AD01.cce.contoso.local); a firewall may also drop ICMP echo',
    }));
  });

  it('not joined and nothing answers: still a failure, the conflict named as a possibility next to a firewall', async () => {
    const r = await mediation('symptom-domain-join-failed.json', {});
    expect(r.status).toBe('fail');
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Mediation VM MS01: ping AD01.cce.contoso.local', value: 'no answer' }));
    expect(r.evidence).toContainEqual(expect.objectContaining({
      label: 'Mediation VM MS01: ping 192.168.10.11',
      value: 'no answer: another machine may hold the AD IP (an IP address conflict), or a firewall drops ICMP echo',
    }));
    const steps = r.remediation.map((s) => s.id);
    expect(steps.indexOf('check-ip-conflict')).toBeLessThan(steps.indexOf('new-ad-ip'));
    expect(r.remediation.find((s) => s.id === 'check-ip-conflict')!.command).toContain("-ArgumentList '192.168.10.11'");
  });

  it('the IP answers but the FQDN does not: a name resolution failure, still a failure', async () => {
    const r = await mediation('healthy-2.1.json', { adFqdnPing: false, adIpPing: true });
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Mediation VM MS01: ping AD01.cce.contoso.local: no answer while 192.168.10.11 answers: the name does not resolve, or resolves to another address (check DNS)');
  });
});
