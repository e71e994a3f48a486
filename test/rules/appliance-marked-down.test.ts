import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/appliance-marked-down.js';
import { ruleTester, SNAPSHOTS } from '../helpers/rule-tester.js';
import { checkVariant } from '../helpers/snapshot-variant.js';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';

// The fixture log: marked down at 01:05:00, retries 1–10 failed (10, 10, 10, 20, 40, … 1280 s apart; the
// 10th at 01:47:50); retry 11 comes 2560 s after it, at 02:30:30.
const COLLECTED = new Date('2026-11-20T02:14:07Z');

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-marked-down-after-update.json',
      now: COLLECTED,
      message: 'the appliance is marked down: automatic retry 11 is due at 2026-11-20T02:30:30.000Z (in 16 min 23 s), 42 min 40 s after the last failed retry; 10 failed retries since 2026-11-20T01:05:00.000Z; 10 monitored services stopped with startup Manual: CMS REPLICA (Stopped), CMS MASTER (Stopped), Mediation REPLICA (Stopped), Mediation RTCSRV (Stopped) and 6 more',
      evidence: [
        { fact: 'vm.services', label: 'RTCMEDSRV on the Mediation VM MS01', value: 'Stopped (startup Manual)' },
        { fact: 'cce.managementLog', label: 'Marked down', value: '2026-11-20T01:05:00.000Z', at: 'line 48215' },
        { fact: 'cce.managementLog', label: 'Management service started (schedule reset)', value: '2026-11-20T01:02:41.530Z', at: 'line 48214' },
        { fact: 'cce.managementLog', label: 'Failed retry 10', value: '2026-11-20T01:47:50.000Z', at: 'line 48225' },
        { fact: 'cce.managementLog', label: 'Next retry (11)', value: '2026-11-20T02:30:30.000Z', at: '2560 s interval' },
      ],
    },
    {
      // Evaluated later, with no retry logged since: overdue, which points at the management service.
      snapshot: 'symptom-marked-down-after-update.json',
      now: new Date('2026-11-20T03:00:00Z'),
      message: /was due at 2026-11-20T02:30:30\.000Z \(29 min 30 s ago\) and is not in the log: is the management service running\?/,
      evidence: [{ label: 'Next retry (11)', value: '2026-11-20T02:30:30.000Z' }],
      assert: (r) => expect(r.remediation.map((s) => s.id)).toContain('restart-management-service'),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /no monitored service is parked/ },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    // Stopped with startup Automatic is a service down, not the recovery's Manual-and-stopped mark-down.
    { snapshot: 'symptom-monitored-service-down.json' },
  ],
  notApplicable: [{ snapshot: 'edge-cert-chain-trusted-1.4.1.json' }],
  unknown: [
    { snapshot: 'partial-appliance-2.1.json', unavailable: ['vm.services'] },
    // The Mediation VM's services could not be read (WinRM failed): no pass on what was not seen.
    {
      snapshot: 'symptom-vm-not-on-switch.json',
      message: /cannot tell whether the appliance is marked down: the monitored services could not be read on the Mediation VM MS01 \(WinRM to the Mediation VM failed: 192\.168\.10\.13/,
      unavailable: ['vm.services'],
    },
  ],
});

describe('appliance-marked-down with a VM whose services could not be read', () => {
  const roles = () => (readSnapshotJson(join(SNAPSHOTS, 'symptom-marked-down-after-update.json')).facts['vm.services']!.value as { roles: unknown }).roles as {
    role: string; reachable: boolean; message: string | null; services: unknown[];
  }[];

  it('still fails when a parked service is seen on another VM', async () => {
    const value = { roles: roles().map((r) => (r.role === 'Edge' ? { ...r, reachable: false, message: 'WinRM to the Edge VM failed', services: [] } : r)) };
    const r = await checkVariant(rule, 'symptom-marked-down-after-update.json', { 'vm.services': value });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('CMS REPLICA (Stopped)');
  });

  it('is unknown, naming the VM, when nothing parked is seen and a role is missing from the fact', async () => {
    const value = { roles: roles().filter((r) => r.role !== 'Edge').map((r) => ({ ...r, services: (r.services as { name: string }[]).map((x) => ({ ...x, status: 'Running', startType: 'Automatic' })) })) };
    const r = await checkVariant(rule, 'healthy-2.1.json', { 'vm.services': value });
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Edge VM (not collected)');
  });
});
