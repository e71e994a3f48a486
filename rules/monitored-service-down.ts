import { defineRule, fail, monitoredServicesFor, pass, unknown } from '../src/core/rules/api.js';
import { reviewServices, serviceEvidence, serviceText, unreachableEvidence, vmAddress, vmLabel } from './lib/vm-services.js';

const opt = (k: string, v: string | undefined) => (v ? { [k]: v } : {});

export default defineRule({
  id: 'monitored-service-down',
  title: 'A service the management service monitors is not running',
  family: 'monitoring',
  order: 30,
  severity: 'critical',
  applies: '>=1.4.2',
  symptom: 'A monitored Skype for Business service in a CCE VM is not Running, so the appliance is marked down',
  needs: ['vm.services'],
  optional: ['cce.topology'],
  check({ facts, version }) {
    const { matrix, note } = monitoredServicesFor(version);
    const review = reviewServices(facts['vm.services'].roles, matrix);
    const suffix = note ? ` (${note})` : '';
    if (review.down.length > 0) {
      const list = review.down.map((s) => `${s.name} on the ${vmLabel(s.role, s.vmName)} is ${serviceText(s)}`).join('; ');
      const first = review.down[0]!;
      return fail(`${list}${suffix}`, [...review.down.map(serviceEvidence), ...review.unreachable.map(unreachableEvidence)], {
        service: first.name,
        ...(first.vmName ? { vmName: first.vmName } : {}),
        ...opt('vmAddress', vmAddress(first.role, first.address, facts['cce.topology'])),
      });
    }
    if (review.unreachable.length > 0 || review.absentRoles.length > 0) {
      const which = [...review.unreachable.map((r) => `${vmLabel(r.role, r.vmName)} (${r.message ?? 'not reachable'})`), ...review.absentRoles.map((r) => `${r} VM (not collected)`)];
      return unknown(`cannot see the services in: ${which.join('; ')}${suffix}`, ['vm.services']);
    }
    return pass(`all ${review.running.length} monitored services run (${matrix.versions} list)${suffix}`, review.running.map(serviceEvidence));
  },
  remediation: [
    {
      id: 'start-service',
      title: 'Start the stopped service in its VM',
      text: 'From the host, set the service back to Automatic and start it inside its VM over WinRM, with the VM administrator account (the command is for the first one in the evidence; repeat it for each). The CCE VMs run Windows Server 2012 R2, where PowerShell Direct (-VMName) does not work. If it stops again, the Lync Server event log of that VM says why.',
      command: 'Invoke-Command -ComputerName {vmAddress} -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($n) Set-Service -Name $n -StartupType Automatic; Start-Service -Name $n } -ArgumentList {service}',
      params: { vmAddress: "the VM's address WinRM reaches it at (its IP in CloudConnector.ini; an IP must be in the host's WinRM TrustedHosts)", service: 'the Windows service name (for example RTCSRV)' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'edge-chain',
      title: 'Edge RTCMRAUTH or RTCSRV will not start: check the external certificate chain',
      text: 'On the Edge these services fail to start when the root or an intermediate CA of the external certificate is not trusted (see edge-cert-chain-untrusted).',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'wait-recovery',
      title: 'Let the automatic recovery bring the appliance back',
      text: 'Once the services can run, the management service recovers the appliance at its next retry (see appliance-marked-down for when that is due).',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
