import { defineRule, fail, pass, unknown } from '../src/core/rules/api.js';
import { hitEvidence, hitSummary, reviewLog, successEvidence } from './lib/log-hits.js';

export const LOGON_FAILED =
  /unexpected exception when reporting status to online\s*:\s*system\.management\.automation\.cmdletinvocationexception\s*:\s*logon failed for the user\b/i;

export default defineRule({
  id: 'tenant-admin-logon-failed',
  title: 'The management service cannot log on to the tenant to report status',
  family: 'certificates',
  order: 30,
  severity: 'error',
  applies: '>=1.4.1',
  symptom: 'CceManagementService.log: logon failed for the tenant admin when reporting status to online',
  needs: ['cce.managementLogLines'],
  signatures: [
    {
      text: 'CceService Error: 0 : Unexpected exception when reporting status to online: System.Management.Automation.CmdletInvocationException: Logon failed for the user <user>. Please create a new credential object, making sure that you have used the correct user name and password.',
      pattern: /CceService\s+Error\s*:\s*0\s*:\s*Unexpected exception when reporting status to online\s*:\s*System\.Management\.Automation\.CmdletInvocationException\s*:\s*Logon failed for the user\s+.{1,200}?\.\s*Please create a new credential object, making sure that you have used the correct user name and password/i,
    },
  ],
  check({ facts }) {
    const log = facts['cce.managementLogLines'];
    const review = reviewLog(log, LOGON_FAILED);
    if (!review) return unknown(log.exists ? `${log.path} exists but its content was not read` : `${log.path} does not exist`, ['cce.managementLog']);
    if (review.hits.length > 0) {
      return fail(`the tenant admin logon failed ${hitSummary(review)}`, hitEvidence(review, 'Logon failed'));
    }
    const earlier = review.resolved > 0 ? ` (${review.resolved} earlier failure${review.resolved === 1 ? '' : 's'} before it no longer count${review.resolved === 1 ? 's' : ''})` : '';
    return pass(`no logon failure after the last successful report${earlier}`, [successEvidence(review)]);
  },
  remediation: [
    {
      id: 'set-tenant-credential',
      title: 'Store the current tenant admin credentials',
      text: 'The tenant admin password (or account) changed after the appliance was registered. Run this in an elevated PowerShell on the host and enter the current credentials.',
      command: 'Set-CcCredential -AccountType TenantAdmin',
      runsOn: 'host',
      destructive: false,
    },
  ],
});
