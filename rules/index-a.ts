import type { Rule } from '../src/core/rules/types.js';
import cloudconnectorModuleNotFound from './cloudconnector-module-not-found.js';
import dotnetTooOld from './dotnet-too-old.js';
import iniStateMissing from './ini-state-missing.js';
import moduleAnalysisCacheStale from './module-analysis-cache-stale.js';
import runningVersionMismatch from './running-version-mismatch.js';

/** Deployment, host, PowerShell and Hyper-V rules. */
export const RULES_A: readonly Rule<any, any>[] = [
  iniStateMissing,
  runningVersionMismatch,
  dotnetTooOld,
  moduleAnalysisCacheStale,
  cloudconnectorModuleNotFound,
];
