/**
 * Everything a rule (rules/*.ts, rules/lib/*.ts) may use from ccdoctor's core, in one place: a rule imports
 * this module and its own rules/lib helpers, nothing else under src/. Raw data reaches rules already read,
 * as derived facts (cce.topology, certs.*Parsed, cce.managementLogLines): rules do not parse PEM, log
 * lines or CloudConnector.ini themselves.
 */
export { defineRule, fail, notApplicable, pass, unknown } from './define.js';
export type { CheckContext, CheckResult, EvidenceItem } from './types.js';
export type { FactId, FactTypes } from '../../facts/index.js';

// Versions.
export { compareVersions, formatVersion, notAVersion, parseVersion, versionRange, type Version } from '../versions.js';

// Text shown as evidence, and the one way a value goes into PowerShell (remediation commands' {params} are
// quoted by the engine; this is for a command a rule spells out in full).
export { displayLine } from '../text/sanitize.js';
export { psQuote } from '../powershell/quote.js';

// CloudConnector.ini (the parsed document) and the appliance it describes.
export { iniEntry, iniSection, type IniDocument } from '../ini/read.js';
export { DEFAULT_MANAGEMENT_PREFIX, DEFAULT_MANAGEMENT_SWITCH, LEGACY_MANAGEMENT_SWITCH, type Topology } from '../appliance/topology.js';
export { vmNameMatches } from '../../facts/vm-name.js';

// Certificates (read into X509Certificate by the certs.*Parsed facts).
export type { X509Certificate } from 'node:crypto';
export { buildChain, pickLeaf, uniqueCerts } from '../certs/chain.js';
export { describeCert, thumbprint, type CertInfo } from '../certs/x509.js';
export { certExpiryDays, expiryOf, type Expiry } from '../certs/expiry.js';

// Monitoring: the documented service matrix, the management log, the recovery schedule.
export { MONITORED_FIREWALL_RULES, VM_ROLES, monitoredServicesFor, type ServiceMatrix, type VmRole as MonitoredVmRole } from '../monitoring/services.js';
export { hitsAfterLastSuccess, type HitsAfterSuccess, type LogLine } from '../monitoring/cce-log.js';
export { formatSeconds, recoveryState, type RecoveryState } from '../monitoring/retry.js';

// Value types of facts, for rule helpers' signatures.
export type { HyperVVm, VmRole } from '../../facts/hyperv.js';
export type { DomainState, RoleServices, ServiceState, VmAdapter } from '../../facts/vms.js';
export type { CredentialRead, ManagementLogLines } from '../../facts/logs.js';
export type { InternalCertInfo } from '../../facts/certificates.js';

// Site rules (rules/site/*.ts): one check over the appliances of a site, or of every site.
export { defineSiteRule, siteFail, siteNotApplicable, sitePass, siteUnknown } from '../fleet/site-rule.js';
export type { SiteCheckContext, SiteCheckResult, SiteEvidenceItem, SiteHost } from '../fleet/site-rule.js';
export { NO_SITE } from '../fleet/sites.js';
