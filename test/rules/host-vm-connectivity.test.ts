import { expect } from 'vitest';
import rule from '../../rules/host-vm-connectivity.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  fail: [
    {
      // 2.0 and later reach the VMs over the Corpnet switch: a management-subnet address does not help.
      snapshot: 'symptom-host-vm-connectivity-2.0.json',
      message: 'the host has no address in 192.168.10.0/24 on Corpnet switch (CCE 2.0 and later)',
      evidence: [{ fact: 'host.adapters', label: 'Host address in 192.168.10.0/24 on SfB CCE Corpnet Switch', value: 'none', at: 'vEthernet (SfB CCE Corpnet Switch): 10.20.0.5/24' }],
      assert: (r) => {
        expect(r.evidence.some((e) => e.label.includes('192.168.213.0/24'))).toBe(false);
        // The 2.0 branch of the fix only.
        expect(r.remediation.map((s) => s.id)).toEqual(['assign-corpnet-ip', 'winhttp-bypass']);
        expect(r.remediation[0]!.command).toBe("New-NetIPAddress -InterfaceAlias 'vEthernet (SfB CCE Corpnet Switch)' -IPAddress <ipAddress> -PrefixLength '24'");
        expect(r.remediation[0]!.unresolved).toEqual(['ipAddress']);
      },
    },
    {
      // Before 2.0 the management switch is the path: a corpnet address is not enough.
      snapshot: 'symptom-host-vm-connectivity-1.4.2.json',
      message: 'the host has no address in 192.168.213.0/24 on management switch (CCE before 2.0)',
      evidence: [{ fact: 'host.adapters', label: 'Host address in 192.168.213.0/24 on SfB CCE Management Switch', value: 'none', at: 'the host has no adapter on SfB CCE Management Switch' }],
      assert: (r) => {
        expect(r.remediation.map((s) => s.id)).toEqual(['assign-management-ip', 'winhttp-bypass']);
        expect(r.remediation[0]!.command).toBe("New-NetIPAddress -InterfaceAlias 'vEthernet (SfB CCE Management Switch)' -IPAddress <ipAddress> -PrefixLength '24'");
      },
    },
    {
      snapshot: 'symptom-winhttp-proxy-bypass.json',
      message: 'the WinHTTP proxy proxy.contoso.com:8080 does not bypass 192.168.213.*',
      evidence: [{ fact: 'host.winhttpProxy', label: 'WinHTTP proxy proxy.contoso.com:8080 bypass list', value: '<local>;*.contoso.com;192.168.10.*', at: 'lacks 192.168.213.*' }],
      assert: (r) => {
        const step = r.remediation.find((s) => s.id === 'winhttp-bypass')!;
        expect(step.command).toBe("netsh winhttp set proxy ('proxy-server=' + 'proxy.contoso.com:8080') ('bypass-list=' + '<local>;*.contoso.com;192.168.10.*;192.168.213.*')");
      },
    },
  ],
  pass: [
    { snapshot: 'healthy-2.1.json', message: 'the host reaches the VMs at 192.168.10.5 on SfB CCE Corpnet Switch' },
    { snapshot: 'healthy-2.0.json' },
    { snapshot: 'healthy-1.4.2.json', message: 'the host reaches the VMs at 192.168.213.10 on SfB CCE Management Switch' },
    { snapshot: 'ha-site-appliance-2.json', message: /192\.168\.10\.15/ },
    // 1.3.x: no ManagementSwitchName in the ini; the host is on the 1.3.x-named switch.
    { snapshot: 'symptom-management-switch-in-use-1.3.8.json', message: /on Cloud Connector Management Switch/ },
  ],
  unknown: [{ snapshot: 'partial-deployment-2.1.json', unavailable: ['host.adapters'] }],
});
