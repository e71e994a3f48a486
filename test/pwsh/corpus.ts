/**
 * Every piece of PowerShell ccdoctor generates, for the real-parser tier: the probes (bare and wrapped),
 * the live script and its stdin bootstrap line, the collector (collect.ps1), every rule's remediation
 * command (filled with hostile values and with a plain one), every guided-procedure step of every branch,
 * and the checklist hints that are PowerShell to paste. Pure: building it runs nothing.
 */
import { FACTS } from '../../src/facts/index.js';
import { collectorProbes, plannedProbes, type PlannedProbe } from '../../src/live/probes.js';
import { collectorScript, liveScript, probeWrapper, stdinBootstrap } from '../../src/live/ps-script.js';
import { fanOutScript } from '../../src/live/fanout-script.js';
import { CATALOGUE, RULES } from '../helpers/catalogue.js';
import { PROCEDURES } from '../../src/core/procedures/index.js';
import { nextQuestion, resolveSteps } from '../../src/core/procedures/resolve.js';
import type { Procedure } from '../../src/core/procedures/types.js';
import { fillCommand, placeholders } from '../../src/core/powershell/template.js';
import type { ParseItem } from './run-pwsh.js';

/**
 * Values an attacker (or an unlucky host name, path or display name) could put into a command: every
 * character PowerShell treats as a quote (' ‘ ’ ‚ ‛ " “ ” „), backtick, $ and $( ), statement and
 * pipeline separators, newlines, here-string ends, comments, the stop-parsing token.
 */
export const HOSTILE_VALUES: readonly string[] = [
  "x'; Invoke-Evil -Now; '$(Invoke-Evil)`",
  '\u2018; Invoke-Evil; \u2019',
  '\u2019; Invoke-Evil; \u2018',
  '\u201A; Invoke-Evil; \u201B',
  '\u2019\u2019; Invoke-Evil; \u2019',
  '\u201C; Invoke-Evil; \u201D \u201E',
  '"; Invoke-Evil; "',
  '$(Invoke-Evil) ${env:PATH} $env:X @(1) $null',
  '`$env:X `',
  "x'+(Invoke-Evil)+'",
  "' | Invoke-Evil #",
  'a\nInvoke-Evil\nb',
  'a\r\nInvoke-Evil #\r',
  "'\n'@\nInvoke-Evil\n@'\n",
  '"@\nInvoke-Evil\n@"',
  'a; b | c & d && e || f',
  '--% & Invoke-Evil',
  "<# '#> Invoke-Evil <# '#>",
  "''",
  '',
  'tab\there\u00A0nbsp\u2013en-dash',
  'C:\\Program Files (x86)\\Skype for Business Cloud Connector Edition\\',
];

/** A plain value: the shape of a command filled with it is the shape every hostile fill must keep. */
export const PLAIN_VALUE = 'ccdoctorPlainValue';

/** A --vm-user value (its password never enters a script: it reaches PowerShell in an environment variable). */
export const HOSTILE_VM_USER = "CCE\\HostileUser'istrator\u2018\u2019\u201A\u201B\"$(Invoke-Evil)`\n;|&\u201C\u201D\u201E'@\r\n";
export const HOSTILE_VERSION = "0.1.0'; Invoke-Evil; '\u2019$(Invoke-Evil)";

export interface CorpusItem extends ParseItem {
  /** The test case the item belongs to (one `it` per case). */
  case: string;
}

/** A command template filled with each hostile value and with the plain one. */
export interface FilledTemplate {
  case: string;
  template: string;
  plain: string;
  hostile: { value: string; name: string }[];
}

export interface Corpus {
  probes: PlannedProbe[];
  items: CorpusItem[];
  /** Cases in order, with what they hold. */
  cases: Map<string, CorpusItem[]>;
  templates: FilledTemplate[];
  /** Fact ids whose checklist help is parsed, and those left out as prose (with why). */
  helpParsed: string[];
  helpLeftOut: Record<string, string>;
}

/**
 * Checklist hints (`checklist.help`) that are not PowerShell to paste, by fact id, and why. Every other
 * hint is parsed, after its "On the host: " / "In each VM: " / "In the VM: " lead-in is taken off and any
 * <placeholder> is replaced by a sample value (the operator types one there).
 */
export const HELP_NOT_POWERSHELL: Readonly<Record<string, string>> = {
  'tenant.appliances': 'prose: what the tenant cmdlet returns',
  'tenant.sites': 'prose: what the tenant cmdlet returns',
  'tenant.hybridMediationSettings': 'prose: points to a document and names a cmdlet in a sentence',
  'certs.edgeStores': 'prose: certlm.msc steps in the Edge VM',
  'certs.external': 'prose: export steps for the .pfx',
  'cce.managementLog': 'a file path to open, not a command',
  'host.recentUpdates': 'prose: a Control Panel path',
  'lync.pool': 'prose: a sentence with two commands in it ("…, and compare with … Get-CsPool <pool FQDN>")',
};

const LEAD_IN = /^(?:On the host|In each VM|In the VM):\s*/;

/** A help text as the operator would paste it: lead-in removed, <placeholders> filled with a sample. */
export function helpAsPasted(help: string): string {
  return help.replace(LEAD_IN, '').replace(/<[A-Za-z][^<>]*>/g, 'placeholder.example.invalid');
}

/** Every combination of answers of a procedure's branch questions. */
export function branches(p: Procedure, answers: Record<string, string> = {}): Record<string, string>[] {
  const q = nextQuestion(p, answers);
  return q ? q.choices.flatMap((c) => branches(p, { ...answers, [q.id]: c.value })) : [answers];
}

export function buildCorpus(): Corpus {
  const items: CorpusItem[] = [];
  const templates: FilledTemplate[] = [];
  const add = (c: string, name: string, text: string, detail = false) => {
    items.push({ case: c, name, text, ...(detail ? { detail: 'strings' as const } : {}) });
  };
  const addTemplate = (c: string, template: string) => {
    const plainName = `${c} :: plain`;
    add(c, plainName, fillCommand(template, Object.fromEntries(placeholders(template).map((p) => [p, PLAIN_VALUE]))).command, true);
    const hostile = HOSTILE_VALUES.map((value, i) => {
      const name = `${c} :: hostile ${i}`;
      add(c, name, fillCommand(template, Object.fromEntries(placeholders(template).map((p) => [p, value]))).command, true);
      return { value, name };
    });
    templates.push({ case: c, template, plain: plainName, hostile });
  };

  // Probes, bare (as written in src/facts) and wrapped (as each runs in its runspace).
  const probes = plannedProbes(FACTS);
  for (const p of probes) {
    add(`probe ${p.id}`, `probe ${p.id}`, p.probe.script);
    add(`probe ${p.id}`, `probe ${p.id} (wrapped)`, probeWrapper(p.probe.script, p.id));
  }

  // The live script (each prelude branch) and the line that carries it on stdin.
  const withoutCred = probes.filter((p) => !p.usesCredential);
  const live: [string, string, boolean][] = [
    ['live script, credential from the host', liveScript(probes, { deadlineMs: 300_000 }), true],
    ['live script, hostile --vm-user', liveScript(probes, { deadlineMs: 300_000, vmUser: HOSTILE_VM_USER }), true],
    ['live script, no probe needs a credential', liveScript(withoutCred, { deadlineMs: 300_000 }), false],
  ];
  for (const [c, script, detail] of live) {
    add(c, c, script, detail);
    add(c, `${c} (stdin bootstrap)`, stdinBootstrap(script));
  }

  // collect.ps1 as `ccdoctor collect` writes it, and with a hostile version string and every probe.
  add('collector script (collect.ps1)', 'collector script (collect.ps1)', collectorScript(collectorProbes(FACTS), { collectorVersion: '0.1.0', deadlineMs: 300_000 }), true);
  add('collector script, hostile version, every probe', 'collector script, hostile version, every probe', collectorScript(probes, { collectorVersion: HOSTILE_VERSION, deadlineMs: 300_000 }), true);
  add('collector script, no probe needs a credential', 'collector script, no probe needs a credential', collectorScript(withoutCred, { collectorVersion: '0.1.0', deadlineMs: 1 }));

  // collect --computer's fan-out script (carrying collect.ps1), as ccdoctor runs it and with hostile names and accounts.
  const collector = collectorScript(collectorProbes(FACTS), { collectorVersion: '0.1.0', deadlineMs: 270_000 });
  const fanOut = fanOutScript({ computers: ['cce01', 'cce02.contoso.com', '10.0.0.3'], collector, throttle: 8, hostTimeoutMs: 300_000 });
  add('fan-out script (collect --computer)', 'fan-out script (collect --computer)', fanOut, true);
  add('fan-out script (collect --computer)', 'fan-out script (collect --computer) (stdin bootstrap)', stdinBootstrap(fanOut));
  add(
    'fan-out script, hostile names and accounts',
    'fan-out script, hostile names and accounts',
    fanOutScript({ computers: HOSTILE_VALUES.filter((v) => v !== ''), collector, throttle: 1, hostTimeoutMs: 1000, remoteUser: HOSTILE_VM_USER, vmUser: HOSTILE_VM_USER }),
    true,
  );

  // Rule remediation commands (host and site rules): filled with every hostile value and the plain one; without placeholders, as written.
  for (const rule of [...RULES, ...CATALOGUE.siteRules]) {
    for (const step of rule.remediation) {
      if (!step.command) continue;
      const c = `rule ${rule.id} / ${step.id}`;
      if (placeholders(step.command).length > 0) addTemplate(c, step.command);
      else add(c, c, step.command);
    }
  }

  // Guided procedures: every step of every branch, as resolveSteps gives it; and each step template with
  // placeholders filled with hostile values (the answers are choices, but the template must hold any value).
  for (const p of PROCEDURES) {
    const c = `procedure ${p.id}`;
    const seen = new Map<string, string>();
    for (const answers of branches(p)) {
      for (const s of resolveSteps(p, answers)) {
        if (!s.command) continue;
        const key = `${s.id}\u0000${s.command}`;
        if (seen.has(key)) continue;
        const name = `${c} / ${s.id} ${JSON.stringify(answers)}`;
        seen.set(key, name);
        add(c, name, s.command);
      }
    }
    for (const s of p.steps) {
      if (s.command && placeholders(s.command).length > 0) addTemplate(`procedure ${p.id} / ${s.id} (template)`, s.command);
    }
  }

  // Checklist hints that are PowerShell.
  const helpParsed: string[] = [];
  for (const [id, spec] of FACTS) {
    const help = spec.checklist?.help;
    if (!help || id in HELP_NOT_POWERSHELL) continue;
    helpParsed.push(id);
    add(`checklist help ${id}`, `checklist help ${id}`, helpAsPasted(help));
  }

  const cases = new Map<string, CorpusItem[]>();
  for (const it of items) {
    const list = cases.get(it.case) ?? [];
    list.push(it);
    cases.set(it.case, list);
  }
  return { probes, items, cases, templates, helpParsed, helpLeftOut: { ...HELP_NOT_POWERSHELL } };
}

/**
 * How the scripts embed a probe's wrapped script (psText in src/live/ps-script.ts): its text as a literal,
 * or its UTF-8 in base64 when it is not ASCII.
 */
export function embeddedForms(p: PlannedProbe): string[] {
  const wrapped = probeWrapper(p.probe.script, p.id);
  return [wrapped, Buffer.from(wrapped, 'utf8').toString('base64')];
}
