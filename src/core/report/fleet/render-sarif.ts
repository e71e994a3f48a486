import type { Severity } from '../../rules/types.js';
import { xmlChars } from '../escape.js';
import type { FleetHostReport, FleetReportModel, FleetResult, FleetRuleInfo, FleetSiteResult } from './model.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels: critical and error findings are errors, warnings warnings, info notes. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for pipelines (one run, tool ccdoctor, the catalogue's rules as reportingDescriptors).
 * A finding is a result (kind fail, level from the severity) located logically at its host (kind
 * "resource", fully qualified "<site>/<host>") or its site (kind "namespace"); evidence and remediation
 * are in its properties. A waived finding carries a suppression (kind external, status accepted, the
 * waiver's reason as justification); a finding whose waiver expired has none. --baseline's known/new
 * become baselineState unchanged/new. A rule that could not decide is a result of kind "review" (level
 * none: SARIF allows a level only for kind fail) naming the missing facts. Passes and not-applicable
 * results are left out (they would be rules x hosts results); a rule that broke and an input that could
 * not be read are tool execution notifications.
 */
export function renderFleetSarif(m: FleetReportModel): string {
  const index = new Map(m.rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  const notifications: object[] = [];
  const add = (r: FleetResult, where: object, fqn: string, extra: Record<string, unknown>) => {
    if (r.outcome === 'error') {
      notifications.push({ level: 'error', message: { text: clean(`${r.rule} broke on ${fqn}: ${r.message}`) }, associatedRule: { id: r.rule, ...(index.has(r.rule) ? { index: index.get(r.rule) } : {}) }, locations: [where] });
      return;
    }
    if (r.outcome !== 'fail' && r.outcome !== 'waived' && r.outcome !== 'unknown') return;
    results.push(result(r, index.get(r.rule), where, fqn, extra));
  };
  for (const h of m.hosts) {
    const fqn = `${h.site}/${h.name}`;
    const where = { logicalLocations: [{ name: clean(h.name), fullyQualifiedName: clean(fqn), kind: 'resource' }] };
    for (const r of h.results) add(r, where, fqn, hostProps(h));
  }
  for (const r of m.siteResults) {
    const where = { logicalLocations: [{ name: clean(r.site), fullyQualifiedName: clean(r.site), kind: 'namespace' }] };
    add(r, where, r.site, siteProps(r));
  }
  for (const f of m.failed) notifications.push({ level: 'error', message: { text: clean(`${f.ref} could not be read: ${f.message}`) } });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ccdoctor', version: m.tool.version, rules: m.rules.map(descriptor) } },
        invocations: [{ executionSuccessful: !m.partial, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        properties: { reportSchema: `${m.schema}@${m.version}`, generatedAt: m.generatedAt, redacted: m.redacted, complete: m.complete, summary: m.summary, notices: m.notices.map(clean) },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(r: FleetResult, ruleIndex: number | undefined, where: object, fqn: string, extra: Record<string, unknown>): object {
  const unknown = r.outcome === 'unknown';
  const why = r.unavailable.map((u) => `${u.host ? `${u.host}: ` : ''}${u.fact} is ${u.status}: ${u.message}`).join('; ');
  return {
    ruleId: r.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    kind: unknown ? 'review' : 'fail',
    level: unknown ? 'none' : LEVEL[r.severity],
    message: { text: clean(unknown ? `Could not check on ${fqn}: ${why || r.message}` : `${fqn}: ${r.message}`) },
    locations: [where],
    partialFingerprints: { 'ccdoctorFinding/v1': clean(`${r.rule}|${fqn}`) },
    ...(r.baseline ? { baselineState: r.baseline === 'known' ? 'unchanged' : 'new' } : {}),
    ...(r.outcome === 'waived' && r.waiver
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: clean(r.waiver.reason), properties: { expires: r.waiver.expires, scope: clean(r.waiver.scope) } }] }
      : {}),
    properties: {
      severity: r.severity,
      family: r.family,
      outcome: r.outcome,
      ...extra,
      ...(r.waiver ? { waiver: { ...r.waiver, reason: clean(r.waiver.reason), scope: clean(r.waiver.scope) } } : {}),
      evidence: r.evidence.map((e) => ({ fact: e.fact, label: clean(e.label), value: clean(e.value), ...(e.at ? { at: clean(e.at) } : {}), ...(e.host ? { host: clean(e.host) } : {}) })),
      ...(unknown ? { unavailable: r.unavailable.map((u) => ({ ...u, message: clean(u.message), ...(u.host ? { host: clean(u.host) } : {}) })) } : {}),
      remediation: r.remediation.map((s) => ({ title: clean(s.title), text: clean(s.text), runsOn: s.runsOn, destructive: s.destructive, ...(s.command ? { command: clean(s.command) } : {}) })),
    },
  };
}

function hostProps(h: FleetHostReport): Record<string, unknown> {
  return { host: clean(h.name), site: clean(h.site), input: clean(h.ref), ...(h.cceVersion ? { cceVersion: h.cceVersion } : {}) };
}

function siteProps(r: FleetSiteResult): Record<string, unknown> {
  return { scope: r.scope, site: clean(r.site), hosts: r.hosts.map(clean) };
}

function descriptor(r: FleetRuleInfo): object {
  const help = [r.symptom ? `Symptom: ${r.symptom}` : r.title, r.applies ? `Applies to CCE ${r.applies}.` : '', r.source ? `Source: ${r.source}` : '', `Details: ccdoctor rules ${r.id}`].filter(Boolean).join('\n');
  return {
    id: r.id,
    name: r.id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: clean(r.title) },
    ...(r.symptom ? { fullDescription: { text: clean(r.symptom) } } : {}),
    help: { text: clean(help) },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { severity: r.severity, family: r.family, scope: r.scope, ...(r.applies ? { applies: r.applies } : {}) },
  };
}

/** The model's text is already cleaned; this only keeps what JSON consumers choke on (lone surrogates) out. */
function clean(text: string): string {
  return xmlChars(text);
}
