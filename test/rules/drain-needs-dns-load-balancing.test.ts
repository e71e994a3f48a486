import rule from '../../rules/drain-needs-dns-load-balancing.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'lync-fe-draining.json',
      message: /^Attendant \(Conferencing Attendant\), Conferencing Announcement, Response Group, Announcement, Call Park run here, but pool pool01\.contoso\.com does not use DNS load balancing/,
      evidence: [
        { fact: 'lync.services', label: 'Hosted applications that rely on DNS load balancing', value: 'Attendant (Conferencing Attendant) (RTCCAA), Conferencing Announcement (RTCCAS), Response Group (RTCRGS), Announcement (RTCCPS), Call Park (RTCCPS)' },
        { fact: 'lync.pool', label: 'Pool pool01.contoso.com', value: 'resolves to 10.0.20.50; Front Ends lync-fe01.contoso.com 10.0.20.11, lync-fe02.contoso.com 10.0.20.12, lync-fe03.contoso.com 10.0.20.13' },
      ],
    },
  ],
  pass: [{ snapshot: 'lync-fe-drain-ready.json', message: /^pool pool01\.contoso\.com uses DNS load balancing/ }],
  notApplicable: [{ snapshot: 'healthy-2.1.json' }, { snapshot: 'healthy-2.0.json' }, { snapshot: 'healthy-1.4.2.json' }],
  unknown: [{ snapshot: 'lync-fe-pool-unknown.json', message: "this server's pool and its load balancing were not collected", unavailable: ['lync.pool'] }],
});
