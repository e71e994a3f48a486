/** Every rule id of ../shared/catalogue.md, in its order. Ids are interface: never rename one. */
export const CATALOGUE_ORDER = [
  // Deployment and configuration
  'vm-nic-ip-mismatch', 'domain-join-failed', 'management-switch-in-use', 'registration-conflict', 'running-version-empty',
  'running-version-mismatch', 'ini-state-missing', 'dism-stale-mount', 'ha-first-deployment-unreported', 'pstn-escalation-unconfigured',
  // Host and operating system
  'calls-fail-after-host-update', 'site-autoupdate-disabled', 'wsus-auto-install', 'dotnet-too-old', 'antivirus-exclusions-missing',
  'host-vm-connectivity',
  // PowerShell environment
  'module-analysis-cache-stale', 'cloudconnector-module-not-found', 'stale-cmdlets-after-update',
  // Certificates and credentials
  'edge-cert-chain-untrusted', 'certificate-expiry', 'tenant-admin-logon-failed', 'credential-store-unreadable',
  // Monitoring
  'vm-not-on-switch', 'vm-not-running', 'monitored-service-down', 'firewall-rule-disabled', 'appliance-marked-down',
  // Lync Server maintenance
  'drain-autostart-after-restart', 'drain-needs-dns-load-balancing',
] as const;

export type RuleId = (typeof CATALOGUE_ORDER)[number];
