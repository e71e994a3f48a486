import { defineRule, fail, pass, type EvidenceItem } from '../src/core/rules/api.js';
import { withoutLyncServer } from './lib/lync.js';

export default defineRule({
  id: 'drain-autostart-after-restart',
  title: 'A paused (draining) Lync service would take new connections after a restart',
  family: 'lync',
  order: 10,
  severity: 'warning',
  applies: 'all',
  symptom: 'A Lync Server service is paused to prevent new connections but its startup type is Automatic: a restart ends the drain',
  needs: [],
  optional: ['lync.services'],
  check({ facts, version }) {
    const services = facts['lync.services'];
    const skip = withoutLyncServer(services, version);
    if (skip) return skip;
    const paused = services!.services.filter((s) => s.status.toLowerCase() === 'paused');
    const risky = paused.filter((s) => (s.startType ?? '').toLowerCase().startsWith('auto'));
    const ev = (s: (typeof paused)[number]): EvidenceItem => ({
      fact: 'lync.services',
      label: `${s.name}${s.displayName ? ` (${s.displayName})` : ''}`,
      value: `${s.status}, startup ${s.startType ?? 'unknown'}`,
    });
    if (risky.length > 0) {
      return fail(`${risky.map((s) => s.name).join(', ')} ${risky.length === 1 ? 'is' : 'are'} paused with startup Automatic: after a restart ${risky.length === 1 ? 'it accepts' : 'they accept'} new connections at once`, risky.map(ev), {
        services: risky.map((s) => s.name).join(','),
      });
    }
    if (paused.length > 0) return pass(`the paused services (${paused.map((s) => s.name).join(', ')}) start manually, so a restart keeps them draining`, paused.map(ev));
    return pass(`none of the ${services!.services.length} Lync services is paused`, []);
  },
  remediation: [
    {
      id: 'set-manual',
      title: 'Set the paused services to start manually before restarting',
      text: 'The drain page recommends startup type Manual while a server is prevented from taking new connections, so that a restart does not put it back in service.',
      command: "foreach ($s in ({services} -split ',')) { Set-Service -Name $s -StartupType Manual }",
      params: { services: 'the paused services, comma-separated' },
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'resume-after',
      title: 'After maintenance: resume and set back to Automatic',
      text: 'When the server is back, resume each service (Resume-Service) and set its startup type to Automatic again (the lync-drain procedure).',
      command: "foreach ($s in ({services} -split ',')) { Resume-Service -Name $s; Set-Service -Name $s -StartupType Automatic }",
      params: { services: 'the paused services, comma-separated' },
      runsOn: 'host',
      destructive: false,
    },
  ],
});
