import rule from '../../rules/drain-autostart-after-restart.js';
import { expect } from 'vitest';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'lync-fe-draining.json',
      message: 'RTCSRV, RTCRGS are paused with startup Automatic: after a restart they accept new connections at once',
      evidence: [
        { fact: 'lync.services', label: 'RTCSRV (Lync Server Front-End)', value: 'Paused, startup Automatic' },
        { fact: 'lync.services', label: 'RTCRGS (Lync Server Response Group)', value: 'Paused, startup Automatic' },
      ],
      assert: (r) => expect(r.remediation[0]!.command).toBe("foreach ($s in ('RTCSRV,RTCRGS' -split ',')) { Set-Service -Name $s -StartupType Manual }"),
    },
  ],
  pass: [
    { snapshot: 'lync-fe-drain-ready.json', message: 'the paused services (RTCSRV, RTCRGS) start manually, so a restart keeps them draining' },
    { snapshot: 'lync-fe-pool-unknown.json', message: 'none of the 8 Lync services is paused' },
  ],
  // A CCE appliance is not a Lync Server (host.kind): the engine rules the Lync rules out, with or without Lync facts.
  notApplicable: [
    { snapshot: 'healthy-2.1.json', message: 'this host is a CCE appliance host; the rule is for a Lync / Skype for Business Server' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'partial-appliance-2.1.json', message: 'this host is a CCE appliance host; the rule is for a Lync / Skype for Business Server' },
  ],
});
