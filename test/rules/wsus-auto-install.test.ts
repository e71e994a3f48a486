import rule from '../../rules/wsus-auto-install.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      snapshot: 'symptom-wsus-auto-install.json',
      message: 'updates come from WSUS (http://wsus.contoso.local:8530) and the Windows Update policy installs them automatically (AUOptions=4)',
      evidence: [
        { fact: 'cce.ini', label: 'WSUSServer', value: 'http://wsus.contoso.local:8530', at: '[Common] WSUSServer' },
        { fact: 'host.windowsUpdatePolicy', label: 'AUOptions (policy)', value: '4 (download and install automatically on a schedule)' },
      ],
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'no WSUS server is configured: the site updates from Windows Update' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json' },
    { snapshot: 'wsus-notify-2.1.json', message: /not installed automatically \(AUOptions=3\)/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['host.windowsUpdatePolicy'], message: /timeout/ }],
});
