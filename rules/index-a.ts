import type { Rule } from '../src/core/rules/types.js';
import cloudconnectorModuleNotFound from './cloudconnector-module-not-found.js';
import dotnetTooOld from './dotnet-too-old.js';
import iniStateMissing from './ini-state-missing.js';
import moduleAnalysisCacheStale from './module-analysis-cache-stale.js';
import runningVersionMismatch from './running-version-mismatch.js';
import vmNicIpMismatch from './vm-nic-ip-mismatch.js';
import managementSwitchInUse from './management-switch-in-use.js';
import registrationConflict from './registration-conflict.js';
import runningVersionEmpty from './running-version-empty.js';
import dismStaleMount from './dism-stale-mount.js';
import haFirstDeploymentUnreported from './ha-first-deployment-unreported.js';
import pstnEscalationUnconfigured from './pstn-escalation-unconfigured.js';
import siteAutoupdateDisabled from './site-autoupdate-disabled.js';
import wsusAutoInstall from './wsus-auto-install.js';
import antivirusExclusionsMissing from './antivirus-exclusions-missing.js';
import hostVmConnectivity from './host-vm-connectivity.js';
import staleCmdletsAfterUpdate from './stale-cmdlets-after-update.js';
import vmNotOnSwitch from './vm-not-on-switch.js';
import vmNotRunning from './vm-not-running.js';

/** Deployment, host, PowerShell and Hyper-V rules. */
export const RULES_A: readonly Rule<any, any>[] = [
  iniStateMissing,
  runningVersionMismatch,
  dotnetTooOld,
  moduleAnalysisCacheStale,
  cloudconnectorModuleNotFound,
  vmNicIpMismatch,
  managementSwitchInUse,
  registrationConflict,
  runningVersionEmpty,
  dismStaleMount,
  haFirstDeploymentUnreported,
  pstnEscalationUnconfigured,
  siteAutoupdateDisabled,
  wsusAutoInstall,
  antivirusExclusionsMissing,
  hostVmConnectivity,
  staleCmdletsAfterUpdate,
  vmNotOnSwitch,
  vmNotRunning,
];
