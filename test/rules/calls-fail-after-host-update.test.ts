import { expect } from 'vitest';
import rule from '../../rules/calls-fail-after-host-update.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-marked-down-after-update.json',
      message: 'the host restarted at 2026-11-20T00:55:10.000Z after installing updates and the appliance is not healthy: 10 monitored services are not running: CMS REPLICA (Stopped), CMS MASTER (Stopped), Mediation REPLICA (Stopped), Mediation RTCSRV (Stopped) and 6 more; this is the only appliance in its site',
      evidence: [
        { fact: 'host.lastBoot', label: 'Host last restarted', value: '2026-11-20T00:55:10.000Z' },
        { fact: 'host.recentUpdates', label: 'Updates installed before the restart (1)', value: '2026-11-20T00:41:33.000Z: 2026-11 Security Monthly Quality Rollup for Windows Server 2012 R2 (KB5046682)' },
        { fact: 'vm.services', label: 'RTCMEDSRV on the Mediation VM MS01', value: 'Stopped (startup Manual)' },
      ],
      assert: (r) => expect(r.remediation.map((s) => s.command)).toEqual(expect.arrayContaining(['Enter-CcUpdate', 'Exit-CcUpdate'])),
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: /did not follow a Windows update install/ },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'updated-and-healthy-2.1.json', message: 'the host restarted after updates at 2026-11-15T16:02:44.000Z and every monitored service runs again' },
    // A stopped service without a restart for updates is monitored-service-down's finding, not this one.
    { snapshot: 'symptom-monitored-service-down.json' },
  ],
  unknown: [{ snapshot: 'partial-appliance-2.1.json', unavailable: ['host.recentUpdates', 'vm.services'] }],
});
