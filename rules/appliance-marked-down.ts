import { defineRule, fail, formatSeconds, monitoredServicesFor, pass, recoveryState, unknown, type EvidenceItem, type RecoveryState } from '../src/core/rules/api.js';
import { isMarkedDown, reviewServices, serviceEvidence, serviceList, vmLabel } from './lib/vm-services.js';

export default defineRule({
  id: 'appliance-marked-down',
  title: 'The appliance is marked down: its monitored services were set to Manual and stopped',
  family: 'monitoring',
  order: 50,
  severity: 'critical',
  applies: '>=1.4.2',
  symptom: 'Automatic recovery marked the appliance down; calls do not route to it until a retry succeeds',
  needs: ['vm.services'],
  optional: ['cce.managementLogLines'],
  check({ facts, version, now }) {
    const { matrix, note } = monitoredServicesFor(version);
    const review = reviewServices(facts['vm.services'].roles, matrix);
    const parked = review.down.filter(isMarkedDown);
    const log = facts['cce.managementLogLines'];
    const state = recoveryState(log?.recovery ?? []);
    const suffix = note ? ` (${note})` : '';
    if (parked.length === 0 && !state.down && (review.unreachable.length > 0 || review.absentRoles.length > 0)) {
      // A VM whose services could not be read may be the one that is parked: no pass on what was not seen.
      const which = [
        ...review.unreachable.map((r) => `${vmLabel(r.role, r.vmName)} (${r.message ?? 'not reachable'})`),
        ...review.absentRoles.map((r) => `${r} VM (not collected)`),
      ];
      return unknown(`cannot tell whether the appliance is marked down: the monitored services could not be read on the ${which.join('; ')}; none of the others is parked${suffix}`, ['vm.services']);
    }
    if (parked.length === 0 && !state.down) {
      const evidence: EvidenceItem[] = [{ fact: 'vm.services', label: 'Monitored services stopped with startup Manual', value: 'none' }];
      if (state.lastReset?.kind === 'recovered') {
        evidence.push({ fact: 'cce.managementLog', label: 'Last successful recovery', value: state.lastReset.at.toISOString(), at: `line ${state.lastReset.line}` });
      }
      return pass(`no monitored service is parked (stopped, startup Manual)${state.lastReset?.kind === 'recovered' ? '; the last recovery succeeded' : ''}${suffix}`, evidence);
    }
    const evidence: EvidenceItem[] = parked.map(serviceEvidence);
    let schedule: string;
    if (!log) {
      schedule = 'when the next automatic retry is due cannot be told: CceManagementService.log was not collected';
    } else if (!log.exists || !log.excerpt) {
      schedule = `when the next automatic retry is due cannot be told: ${log.path} ${log.exists ? 'was not read' : 'does not exist'}`;
    } else if (!state.down || !state.next) {
      schedule = `the log excerpt (from line ${log.excerpt.startLine}) shows no mark-down or failed retry, so when the next retry is due cannot be told`;
    } else {
      schedule = describeSchedule(state, now);
      for (const e of scheduleEvidence(state)) evidence.push(e);
    }
    const services = parked.length > 0 ? `; ${parked.length} monitored service${parked.length === 1 ? '' : 's'} stopped with startup Manual: ${serviceList(parked)}` : '';
    return fail(`the appliance is marked down: ${schedule}${services}${suffix}`, evidence);
  },
  remediation: [
    {
      id: 'fix-cause',
      title: 'Fix what made a monitored check fail',
      text: 'The recovery keeps the services Manual and stopped until every monitored check passes: a VM off or off its switch, a monitored service that cannot start, a disabled firewall rule (see the other monitoring findings).',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'wait-retry',
      title: 'Wait for the next automatic retry',
      text: 'Retries 1–3 come 10 s apart, then the interval doubles (20 s, 40 s, …) up to one hour, then hourly. The message says when the next one is due.',
      runsOn: 'operator',
      destructive: false,
    },
    {
      id: 'restart-management-service',
      title: 'Or restart the management service to retry now',
      text: 'A restart of the Cloud Connector management service resets the retry count and interval, so the next retry comes 10 s after it starts. The command finds the service by its program, Microsoft.Rtc.CCE.ManagementService.exe.',
      command: "Get-CimInstance Win32_Service | Where-Object { $_.PathName -like '*Microsoft.Rtc.CCE.ManagementService.exe*' } | ForEach-Object { Restart-Service -Name $_.Name }",
      runsOn: 'host',
      destructive: false,
    },
  ],
});

function describeSchedule(state: RecoveryState, now: Date): string {
  const next = state.next!;
  const delta = (next.dueAt.getTime() - now.getTime()) / 1000;
  const when = delta >= 0
    ? `is due at ${next.dueAt.toISOString()} (in ${formatSeconds(delta)})`
    : `was due at ${next.dueAt.toISOString()} (${formatSeconds(delta)} ago) and is not in the log: is the management service running?`;
  const from = state.countFrom!.kind === 'recovery-failed' ? 'the last failed retry' : state.countFrom!.kind === 'service-start' ? 'the management service start' : 'the mark-down';
  const since = state.downSince ? ` since ${state.downSince.at.toISOString()}` : '';
  return `automatic retry ${next.attempt} ${when}, ${formatSeconds(next.intervalS)} after ${from}; ${state.failedRetries} failed ${state.failedRetries === 1 ? 'retry' : 'retries'}${since}`;
}

function scheduleEvidence(state: RecoveryState): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if (state.downSince) out.push({ fact: 'cce.managementLog', label: 'Marked down', value: state.downSince.at.toISOString(), at: `line ${state.downSince.line}` });
  if (state.lastReset) {
    out.push({
      fact: 'cce.managementLog',
      label: state.lastReset.kind === 'service-start' ? 'Management service started (schedule reset)' : 'Last successful recovery (schedule reset)',
      value: state.lastReset.at.toISOString(),
      at: `line ${state.lastReset.line}`,
    });
  }
  if (state.countFrom?.kind === 'recovery-failed') {
    out.push({ fact: 'cce.managementLog', label: `Failed retry ${state.failedRetries}`, value: state.countFrom.at.toISOString(), at: `line ${state.countFrom.line}` });
  }
  out.push({ fact: 'cce.managementLog', label: `Next retry (${state.next!.attempt})`, value: state.next!.dueAt.toISOString(), at: `${state.next!.intervalS} s interval` });
  return out;
}
