import { defineRule, fail, MONITORED_FIREWALL_RULES, pass, unknown, type EvidenceItem } from '../src/core/rules/api.js';
import { vmAddress, vmLabel } from './lib/vm-services.js';

const opt = (k: string, v: string | undefined) => (v ? { [k]: v } : {});

export default defineRule({
  id: 'firewall-rule-disabled',
  title: 'A monitored inbound firewall rule is disabled',
  family: 'monitoring',
  order: 40,
  severity: 'critical',
  applies: '>=2.0',
  symptom: "The inbound rule 'CS RTCSRV' on the Edge or 'CS RTCMEDSRV' on the Mediation Server is disabled",
  needs: ['vm.firewallRules'],
  optional: ['cce.topology'],
  check({ facts }) {
    const roles = facts['vm.firewallRules'].roles;
    const bad: EvidenceItem[] = [];
    const good: EvidenceItem[] = [];
    const unseen: string[] = [];
    let first: { rule: string; role: 'Edge' | 'Mediation'; vmName: string | null; address: string | null } | undefined;
    for (const { role, rule } of MONITORED_FIREWALL_RULES) {
      const entry = roles.find((r) => r.role === role);
      if (!entry || !entry.reachable) {
        unseen.push(`${vmLabel(role, entry?.vmName)} (${entry?.message ?? 'not collected'})`);
        continue;
      }
      const state = entry.rules.find((r) => r.displayName.toLowerCase() === rule.toLowerCase());
      const label = `Inbound rule '${rule}' on the ${vmLabel(role, entry.vmName)}`;
      if (!state || state.found === 0) {
        bad.push({ fact: 'vm.firewallRules', label, value: 'absent', at: role });
        first ??= { rule, role, vmName: entry.vmName, address: entry.address ?? null };
      } else if (state.disabled > 0) {
        bad.push({ fact: 'vm.firewallRules', label, value: state.found > 1 ? `${state.disabled} of ${state.found} rules disabled` : 'disabled', at: role });
        first ??= { rule, role, vmName: entry.vmName, address: entry.address ?? null };
      } else {
        good.push({ fact: 'vm.firewallRules', label, value: 'enabled', at: role });
      }
    }
    if (bad.length > 0) {
      return fail(bad.map((e) => `${e.label} is ${e.value}`).join('; '), bad, { ruleName: first!.rule, ...(first!.vmName ? { vmName: first!.vmName } : {}), ...opt('vmAddress', vmAddress(first!.role, first!.address, facts['cce.topology'])) });
    }
    if (unseen.length > 0) return unknown(`cannot see the firewall rules in: ${unseen.join('; ')}`, ['vm.firewallRules']);
    return pass('both monitored inbound rules are enabled', good);
  },
  remediation: [
    {
      id: 'enable-rule',
      title: 'Enable the inbound rule in the VM',
      text: "From the host, enable the rule inside its VM (Edge for 'CS RTCSRV', Mediation Server for 'CS RTCMEDSRV'; repeat for each rule in the evidence). If it is absent, it was deleted: re-create it by redeploying, or add an inbound allow rule for the service's program.",
      command: 'Invoke-Command -ComputerName {vmAddress} -Credential (Get-Credential) -Authentication Negotiate -ScriptBlock { param($n) Enable-NetFirewallRule -DisplayName $n } -ArgumentList {ruleName}',
      params: { vmAddress: "the VM's address WinRM reaches it at (its IP in CloudConnector.ini; an IP must be in the host's WinRM TrustedHosts)", ruleName: 'the firewall rule display name' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'wait-recovery',
      title: 'Let the automatic recovery bring the appliance back',
      text: 'The management service checks every 60 seconds and recovers the appliance at its next retry (see appliance-marked-down).',
      runsOn: 'operator',
      destructive: false,
    },
  ],
});
