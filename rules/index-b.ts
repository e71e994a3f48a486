import type { Rule } from '../src/core/rules/types.js';
import applianceMarkedDown from './appliance-marked-down.js';
import callsFailAfterHostUpdate from './calls-fail-after-host-update.js';
import certificateExpiry from './certificate-expiry.js';
import credentialStoreUnreadable from './credential-store-unreadable.js';
import domainJoinFailed from './domain-join-failed.js';
import drainAutostartAfterRestart from './drain-autostart-after-restart.js';
import drainNeedsDnsLoadBalancing from './drain-needs-dns-load-balancing.js';
import edgeCertChainUntrusted from './edge-cert-chain-untrusted.js';
import firewallRuleDisabled from './firewall-rule-disabled.js';
import monitoredServiceDown from './monitored-service-down.js';
import tenantAdminLogonFailed from './tenant-admin-logon-failed.js';

/** VM-internal, certificate, credential/log, monitoring and Lync rules. */
export const RULES_B: readonly Rule<any, any>[] = [
  domainJoinFailed,
  callsFailAfterHostUpdate,
  edgeCertChainUntrusted,
  certificateExpiry,
  tenantAdminLogonFailed,
  credentialStoreUnreadable,
  monitoredServiceDown,
  firewallRuleDisabled,
  applianceMarkedDown,
  drainAutostartAfterRestart,
  drainNeedsDnsLoadBalancing,
];
