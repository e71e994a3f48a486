import { describe, expect, it } from 'vitest';
import { PROCEDURES, PROCEDURE_FOR_RULE, procedureById } from '../../src/core/procedures/index.js';
import { nextQuestion, questionsFor, relevantAnswers, resolveSteps, versionAnswer } from '../../src/core/procedures/resolve.js';
import type { BranchAnswers, Procedure } from '../../src/core/procedures/types.js';
import { RULES } from '../helpers/catalogue.js';

const proc = (id: string): Procedure => {
  const p = procedureById(id);
  if (!p) throw new Error(`no procedure ${id}`);
  return p;
};
/** The commands of the resolved steps, in order. */
const commands = (id: string, answers: BranchAnswers) => resolveSteps(proc(id), answers).flatMap((s) => (s.command ? [s.command] : []));
const stepIds = (id: string, answers: BranchAnswers) => resolveSteps(proc(id), answers).map((s) => s.id);

describe('procedures: the catalogue table', () => {
  it('has exactly the catalogue ids, in its order', () => {
    expect(PROCEDURES.map((p) => p.id)).toEqual([
      'ha-windows-update', 'manual-windows-update', 'ca-compromised', 'renew-certificates', 'regenerate-credentials', 'reinstall-appliance', 'lync-drain',
    ]);
  });

  it('every step id is unique within its procedure and every condition names a question and its choices', () => {
    for (const p of PROCEDURES) {
      const ids = p.steps.map((s) => s.id);
      expect(new Set(ids).size, p.id).toBe(ids.length);
      const conds = [...p.steps.map((s) => s.when), ...p.questions.map((q) => q.when)].filter((w) => w !== undefined);
      for (const when of conds) {
        for (const [q, values] of Object.entries(when)) {
          const question = p.questions.find((x) => x.id === q);
          expect(question, `${p.id}: ${q}`).toBeDefined();
          for (const v of values) expect(question!.choices.map((c) => c.value), `${p.id}: ${q}=${v}`).toContain(v);
        }
      }
    }
  });

  it('links findings to procedures that exist, for rules that exist', () => {
    for (const [rule, id] of Object.entries(PROCEDURE_FOR_RULE)) {
      expect(RULES.map((r) => r.id)).toContain(rule);
      expect(procedureById(id), id).toBeDefined();
    }
    expect(PROCEDURE_FOR_RULE['certificate-expiry']).toBe('renew-certificates');
    expect(PROCEDURE_FOR_RULE['credential-store-unreadable']).toBe('regenerate-credentials');
  });

  it('every branch of every procedure gives a non-empty list whose every step is typed', () => {
    const combos = (p: Procedure, answers: Record<string, string>): Record<string, string>[] => {
      const q = nextQuestion(p, answers);
      return q ? q.choices.flatMap((c) => combos(p, { ...answers, [q.id]: c.value })) : [answers];
    };
    for (const p of PROCEDURES) {
      for (const answers of combos(p, {})) {
        const steps = resolveSteps(p, answers);
        expect(steps.length, `${p.id} ${JSON.stringify(answers)}`).toBeGreaterThan(1);
        for (const s of steps) {
          expect(s.title.length).toBeGreaterThan(0);
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.unresolved, `${p.id}/${s.id}`).toEqual([]);
        }
      }
    }
  });
});

describe('resolveSteps: ha-windows-update and manual-windows-update', () => {
  it('several appliances: Enter-CcUpdate … Exit-CcUpdate on every appliance, one site at a time', () => {
    expect(commands('ha-windows-update', { appliances: 'several' })).toEqual(['Enter-CcUpdate', 'Exit-CcUpdate']);
    expect(stepIds('ha-windows-update', { appliances: 'several' })).toEqual(['enter-update', 'install-updates', 'restart', 'verify', 'exit-update', 'next-appliance']);
    expect(resolveSteps(proc('ha-windows-update'), { appliances: 'several' })[0]!.appliances).toBe('each');
  });

  it('one appliance: no HA cmdlets, a planned time instead', () => {
    expect(commands('ha-windows-update', { appliances: 'single' })).toEqual([]);
    expect(stepIds('ha-windows-update', { appliances: 'single' })).toEqual(['single-plan', 'install-updates', 'restart', 'verify']);
    expect(resolveSteps(proc('ha-windows-update'), { appliances: 'single' }).every((s) => s.appliances === undefined)).toBe(true);
  });

  it('manual updates: host then every VM; several appliances wrap them in Enter-/Exit-CcUpdate', () => {
    expect(stepIds('manual-windows-update', { appliances: 'single' })).toEqual(['plan', 'update-host', 'update-vms', 'verify']);
    expect(stepIds('manual-windows-update', { appliances: 'several' })).toEqual(['plan', 'open-console', 'enter-update', 'update-host', 'update-vms', 'verify', 'exit-update', 'one-site-at-a-time']);
    expect(commands('manual-windows-update', { appliances: 'several' })).toEqual(['Enter-CcUpdate', 'Exit-CcUpdate']);
  });
});

describe('resolveSteps: ca-compromised', () => {
  it('one appliance, 2.0 or later, TLS: the document\'s four steps with the 2.0 cmdlet names', () => {
    expect(commands('ca-compromised', { appliances: 'single', version: '2.0+', tls: 'yes' })).toEqual([
      'Enter-CcUpdate', 'Reset-CcCACertificate', 'Update-CcServerCertificate', 'Remove-CcLegacyServerCertificate', 'Export-CcRootCertificate', 'Exit-CcUpdate',
    ]);
  });

  it('one appliance, before 2.0, no TLS: Renew-CcServerCertificate and no export', () => {
    expect(commands('ca-compromised', { appliances: 'single', version: 'pre-2.0', tls: 'no' })).toEqual([
      'Enter-CcUpdate', 'Reset-CcCACertificate', 'Renew-CcServerCertificate', 'Remove-CcLegacyServerCertificate', 'Exit-CcUpdate',
    ]);
    expect(stepIds('ca-compromised', { appliances: 'single', version: 'pre-2.0', tls: 'no' })).not.toContain('gateways');
  });

  it('several appliances, 2.0 or later, TLS: first cleans the CA files, all enter, first resets and backs up, the others consume, export, all exit', () => {
    const steps = resolveSteps(proc('ca-compromised'), { appliances: 'several', version: '2.0+', tls: 'yes' });
    expect(steps.map((s) => [s.command ?? s.id, s.appliances ?? '-'])).toEqual([
      ['off-peak', '-'],
      ['Remove-CcCertificationAuthorityFile', 'first'],
      ['Enter-CcUpdate', 'each'],
      ['Reset-CcCACertificate', 'first'],
      ['Update-CcServerCertificate', 'first'],
      ['Remove-CcLegacyServerCertificate', 'first'],
      ['Backup-CcCertificationAuthority', 'first'],
      ['Reset-CcCACertificate', 'others'],
      ['Update-CcServerCertificate', 'others'],
      ['Remove-CcLegacyServerCertificate', 'others'],
      ['Export-CcRootCertificate', 'any'],
      ['gateways', '-'],
      ['Exit-CcUpdate', 'each'],
      ['verify', 'each'],
    ]);
    expect(steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(['remove-ca-files', 'reset-ca', 'remove-legacy', 'others-reset-ca', 'others-remove-legacy']);
  });

  it('several appliances before 2.0: Renew-CcServerCertificate on the first and on the others, never Update-', () => {
    const c = commands('ca-compromised', { appliances: 'several', version: 'pre-2.0', tls: 'no' });
    expect(c.filter((x) => x === 'Renew-CcServerCertificate')).toHaveLength(2);
    expect(c).not.toContain('Update-CcServerCertificate');
    expect(c).not.toContain('Export-CcRootCertificate');
  });
});

describe('resolveSteps: renew-certificates', () => {
  it('2.0 and later: Update-CcServerCertificate / Update-CcCACertificate', () => {
    expect(commands('renew-certificates', { version: '2.0+', target: 'server' })).toEqual(['Update-CcServerCertificate', 'Remove-CcLegacyServerCertificate']);
    expect(commands('renew-certificates', { version: '2.0+', target: 'ca', tls: 'no' })).toEqual(['Update-CcCACertificate', 'Remove-CcLegacyServerCertificate']);
    expect(commands('renew-certificates', { version: '2.0+', target: 'both', tls: 'yes' })).toEqual([
      'Update-CcCACertificate', 'Update-CcServerCertificate', 'Remove-CcLegacyServerCertificate', 'Export-CcRootCertificate',
    ]);
  });

  it('1.4.2: Renew-CcServerCertificate / Renew-CcCACertificate', () => {
    expect(commands('renew-certificates', { version: 'pre-2.0', target: 'server' })).toEqual(['Renew-CcServerCertificate', 'Remove-CcLegacyServerCertificate']);
    expect(commands('renew-certificates', { version: 'pre-2.0', target: 'ca', tls: 'no' })).toEqual(['Renew-CcCACertificate', 'Remove-CcLegacyServerCertificate']);
  });

  it('asks about TLS only when the CA is renewed', () => {
    const p = proc('renew-certificates');
    expect(nextQuestion(p, { version: '2.0+', target: 'server' })).toBeUndefined();
    expect(nextQuestion(p, { version: '2.0+', target: 'ca' })?.id).toBe('tls');
    expect(relevantAnswers(p, { version: '2.0+', target: 'server', tls: 'yes' })).toEqual({ version: '2.0+', target: 'server' });
  });
});

describe('resolveSteps: regenerate-credentials', () => {
  it('1.4.2: restart, delete the credentials file, Register-CcAppliance -Local; no follow-up questions', () => {
    const p = proc('regenerate-credentials');
    expect(nextQuestion(p, { version: 'pre-2.0' })).toBeUndefined();
    expect(commands('regenerate-credentials', { version: 'pre-2.0' })).toEqual([
      'Restart-Computer',
      'Remove-Item -LiteralPath "$env:SystemDrive\\ProgramData\\CloudConnector\\credentials.$env:USERNAME.xml"',
      'Register-CcAppliance -Local',
      'Get-CcCredential',
    ]);
    const del = resolveSteps(p, { version: 'pre-2.0' }).find((s) => s.id === 'delete-file')!;
    expect(del.destructive).toBe(true);
    expect(del.text).toContain('%SystemDrive%\\ProgramData\\CloudConnector\\credentials.<CurrentUser>.xml');
  });

  it('2.0+, file from 2.0+, same passwords: no Set-CcCredential', () => {
    expect(commands('regenerate-credentials', { version: '2.0+', cacheFrom: '2.0+', accounts: 'same' }).filter((c) => c.startsWith('Set-CcCredential'))).toEqual([]);
  });

  it('2.0+, file from 2.0+, changed passwords: DomainAdmin then VmAdmin', () => {
    expect(commands('regenerate-credentials', { version: '2.0+', cacheFrom: '2.0+', accounts: 'different' }).filter((c) => c.startsWith('Set-CcCredential'))).toEqual([
      'Set-CcCredential -AccountType DomainAdmin', 'Set-CcCredential -AccountType VmAdmin',
    ]);
  });

  it('2.0+, file from 1.4.2: the VMAdmin password for CceService; different passwords: DomainAdmin only', () => {
    expect(stepIds('regenerate-credentials', { version: '2.0+', cacheFrom: '1.4.2', accounts: 'same' })).toEqual(['restart', 'delete-file', 'register-local', 'cceservice-from-vmadmin', 'verify']);
    expect(commands('regenerate-credentials', { version: '2.0+', cacheFrom: '1.4.2', accounts: 'different' }).filter((c) => c.startsWith('Set-CcCredential'))).toEqual([
      'Set-CcCredential -AccountType DomainAdmin',
    ]);
  });
});

describe('resolveSteps: reinstall-appliance and lync-drain', () => {
  it('reinstall: remove the VMs, Uninstall-CcAppliance, Install-CcAppliance, with the removals destructive', () => {
    expect(nextQuestion(proc('reinstall-appliance'), {})).toBeUndefined();
    expect(commands('reinstall-appliance', {})).toEqual(['Uninstall-CcAppliance', 'Install-CcAppliance']);
    expect(resolveSteps(proc('reinstall-appliance'), {}).filter((s) => s.destructive).map((s) => s.id)).toEqual(['remove-vms', 'uninstall']);
  });

  it('one service: the chosen name goes into every command through psQuote', () => {
    expect(commands('lync-drain', { scope: 'service', service: 'RTCSRV' })).toEqual([
      "Suspend-Service -Name 'RTCSRV'",
      "Set-Service -Name 'RTCSRV' -StartupType Manual",
      "Get-CsWindowsService -Name 'RTCSRV'",
      "Resume-Service -Name 'RTCSRV'",
      "Set-Service -Name 'RTCSRV' -StartupType Automatic",
    ]);
  });

  it('a value that is not one of the choices is not an answer: the placeholder stays visible', () => {
    const p = proc('lync-drain');
    expect(nextQuestion(p, { scope: 'service', service: "x'; Remove-Item C:\\" })?.id).toBe('service');
    const pause = resolveSteps(p, { scope: 'service', service: "x'; Remove-Item C:\\" }).find((s) => s.id === 'pause-one')!;
    expect(pause.command).toBe('Suspend-Service -Name <service>');
    expect(pause.unresolved).toEqual(['service']);
  });

  it('whole server: pause, Manual, wait, maintenance, resume, Automatic; the service question is not asked', () => {
    const p = proc('lync-drain');
    expect(questionsFor(p, { scope: 'server' }).map((q) => q.id)).toEqual(['scope']);
    expect(stepIds('lync-drain', { scope: 'server' })).toEqual(['logon', 'dns-load-balancing', 'pause-all', 'manual-all', 'wait-all', 'maintenance', 'resume-all', 'automatic-all']);
    expect(commands('lync-drain', { scope: 'server' })[0]).toContain('Suspend-Service');
  });
});

describe('versionAnswer', () => {
  it('maps an installed version to the version branch', () => {
    expect(versionAnswer('2.1.0.372')).toBe('2.0+');
    expect(versionAnswer('2.0')).toBe('2.0+');
    expect(versionAnswer('1.4.2')).toBe('pre-2.0');
    expect(versionAnswer('unknown')).toBeUndefined();
    expect(versionAnswer(undefined)).toBeUndefined();
  });
});
